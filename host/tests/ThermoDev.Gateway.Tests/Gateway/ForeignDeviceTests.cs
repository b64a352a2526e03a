using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Gateway.Tests.Support;

namespace ThermoDev.Gateway.Tests.Gateway
{
    /// <summary>
    /// What a CoAP device that is not a ThermoDev gets from the gateway (RFC 8075 §6, §7): a payload without
    /// Content-Format, an empty 2.04, a /temp that is not a number.
    /// </summary>
    [TestClass]
    public sealed class ForeignDeviceTests
    {
        private static readonly TimeSpan Online = TimeSpan.FromSeconds(10);

        /// <summary>A 2.05 whose payload has no Content-Format is of unknown type (RFC 7252 §5.5.1): application/octet-stream, the bytes as sent.</summary>
        [TestMethod]
        public async Task APayloadWithoutContentFormatIsOctetStream()
        {
            using TempOnlyDevice device = TempOnlyDevice.Start();
            await using TestGateway gateway = await TestGateway.StartAsync(new[] { "plain=" + device.Uri });
            await gateway.WaitForStatusAsync("plain", "online", Online);

            using HttpResponseMessage response = await gateway.Http.GetAsync($"/hc/coap://[::1]:{device.Port}/raw");
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
            Assert.AreEqual("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
            CollectionAssert.AreEqual(new byte[] { 1, 2, 3 }, await response.Content.ReadAsByteArrayAsync());
        }

        /// <summary>
        /// An empty 2.04 is 204 without Content-Type, through /hc and /api alike (RFC 8075 §7 Note 2); ThermoDev's
        /// 2.04 with its message is 200 by the same rule (TemperatureWriteTests.PutThenGet).
        /// </summary>
        [TestMethod]
        public async Task AnEmptyChangedIsNoContent()
        {
            using TempOnlyDevice device = TempOnlyDevice.Start();
            await using TestGateway gateway = await TestGateway.StartAsync(new[] { "plain=" + device.Uri });
            await gateway.WaitForStatusAsync("plain", "online", Online);

            foreach (string path in new[] { $"/hc/coap://[::1]:{device.Port}/temp", "/api/devices/plain/temp" })
            {
                using HttpResponseMessage put = await gateway.Http.PutAsync(path, new StringContent("30.5", Encoding.UTF8, "text/plain"));
                Assert.AreEqual(HttpStatusCode.NoContent, put.StatusCode, path);
                Assert.IsNull(put.Content.Headers.ContentType, path);
                Assert.AreEqual(0, (await put.Content.ReadAsByteArrayAsync()).Length, path);
            }
        }

        /// <summary>A device whose /temp answers but is not a number is "unreadable" (not offline), its text still served; metrics say so.</summary>
        [TestMethod]
        public async Task AnAnsweringDeviceWithANonNumberIsUnreadableNotOffline()
        {
            using TempOnlyDevice device = TempOnlyDevice.Start("warm");
            await using TestGateway gateway = await TestGateway.StartAsync(new[] { "odd=" + device.Uri });

            var odd = await gateway.WaitForStatusAsync("odd", "unreadable", Online);
            Assert.AreEqual(System.Text.Json.JsonValueKind.Null, odd.GetProperty("value").ValueKind, odd.ToString());
            Assert.IsTrue(odd.GetProperty("lastUpdate").ValueKind == System.Text.Json.JsonValueKind.String, "the device answered: " + odd);
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.AreEqual("unreadable", (await gateway.DeviceAsync("odd")).GetProperty("status").GetString(), "it stays so while it answers");
            Assert.AreEqual("warm", await gateway.Http.GetStringAsync("/api/devices/odd/temp"));
            StringAssert.Contains(await gateway.Http.GetStringAsync("/metrics"), "thermodev_device_status{device=\"odd\",status=\"unreadable\"} 1");
        }
    }
}
