using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Gateway.Tests.Support;

namespace ThermoDev.Gateway.Tests.Gateway
{
    /// <summary>PUT /api/devices/{name}/temp against the PC build: a value, a bad value, a body too large, another media type, read-only.</summary>
    [TestClass]
    public sealed class TemperatureWriteTests
    {
        private static readonly TimeSpan Online = TimeSpan.FromSeconds(10);

        /// <summary>PUT 30.5 is answered with the device's reply; then GET (cache invalidated, then refreshed by the notification) says 30.5.</summary>
        [TestMethod]
        public async Task PutThenGet()
        {
            using PcDevice device = PcDevice.Start();
            await using TestGateway gateway = await TestGateway.StartAsync(new[] { "kitchen=" + device.Uri });
            await gateway.WaitForStatusAsync("kitchen", "online", Online);
            Assert.AreEqual("25.0", await gateway.Http.GetStringAsync("/api/devices/kitchen/temp"));

            using HttpResponseMessage put = await gateway.Http.PutAsync("/api/devices/kitchen/temp", Text("30.5"));
            Assert.AreEqual(HttpStatusCode.OK, put.StatusCode);
            Assert.AreEqual("text/plain", put.Content.Headers.ContentType?.MediaType);
            Assert.AreEqual("Temperature set to 30.5°C", await put.Content.ReadAsStringAsync());

            Assert.AreEqual("30.5", await gateway.Http.GetStringAsync("/api/devices/kitchen/temp"));
            Assert.IsTrue(await Eventually.TrueAsync(async () => (await gateway.DeviceAsync("kitchen")).GetProperty("value").GetRawText() == "30.5", TimeSpan.FromSeconds(5)),
                "the notification of the change updates the device object");
            Assert.IsTrue(await Eventually.TrueAsync(() => device.CountLines("\"30.5\" -> 2.04 Temperature set to 30.5") == 1, TimeSpan.FromSeconds(5)),
                "one PUT reached the device:\n" + device.Process);
        }

        /// <summary>A value the device refuses: the mapped 4xx (4.00 -> 400) with the device's diagnostic as text/plain; the value stays.</summary>
        [TestMethod]
        public async Task BadValueGetsTheDiagnostic()
        {
            using PcDevice device = PcDevice.Start();
            await using TestGateway gateway = await TestGateway.StartAsync(new[] { "kitchen=" + device.Uri });
            await gateway.WaitForStatusAsync("kitchen", "online", Online);

            using HttpResponseMessage notNumber = await gateway.Http.PutAsync("/api/devices/kitchen/temp", Text("warm"));
            Assert.AreEqual(HttpStatusCode.BadRequest, notNumber.StatusCode);
            Assert.AreEqual("text/plain", notNumber.Content.Headers.ContentType?.MediaType);
            StringAssert.Contains(await notNumber.Content.ReadAsStringAsync(), "not a number");

            using HttpResponseMessage outOfRange = await gateway.Http.PutAsync("/api/devices/kitchen/temp", Text("200"));
            Assert.AreEqual(HttpStatusCode.BadRequest, outOfRange.StatusCode);
            Assert.IsFalse(string.IsNullOrWhiteSpace(await outOfRange.Content.ReadAsStringAsync()), "the device's diagnostic");

            using HttpResponseMessage json = await gateway.Http.PutAsync("/api/devices/kitchen/temp", new StringContent("30.5", Encoding.UTF8, "application/json"));
            Assert.AreEqual(HttpStatusCode.UnsupportedMediaType, json.StatusCode);

            using HttpResponseMessage large = await gateway.Http.PutAsync("/api/devices/kitchen/temp", Text(new string('1', 1025)));
            Assert.AreEqual(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);

            Assert.AreEqual("25.0", await gateway.Http.GetStringAsync("/api/devices/kitchen/temp"));
            Assert.IsTrue(await Eventually.TrueAsync(() => device.CountLines("\"warm\" -> 4.00") == 1, TimeSpan.FromSeconds(5)),
                "the 400 is the device's own answer:\n" + device.Process);
            Assert.IsTrue(await Eventually.TrueAsync(() => device.CountLines("CON PUT /temp") == 2, TimeSpan.FromSeconds(5)),
                "only the two text/plain bodies within 1 KB reached the device:\n" + device.Process);
        }

        /// <summary>--read-only: PUT /api/... and PUT through /hc get 403 without reaching the device; GET works; writable is false.</summary>
        [TestMethod]
        public async Task ReadOnlyRefusesWrites()
        {
            using PcDevice device = PcDevice.Start();
            await using TestGateway gateway = await TestGateway.StartAsync(new[] { "kitchen=" + device.Uri }, s => new GatewaySettings
            {
                Devices = s.Devices,
                Urls = s.Urls,
                ReadOnly = true,
            });
            var kitchen = await gateway.WaitForStatusAsync("kitchen", "online", Online);
            Assert.IsFalse(kitchen.GetProperty("writable").GetBoolean());

            using HttpResponseMessage put = await gateway.Http.PutAsync("/api/devices/kitchen/temp", Text("30.5"));
            Assert.AreEqual(HttpStatusCode.Forbidden, put.StatusCode);
            StringAssert.Contains(await put.Content.ReadAsStringAsync(), "read-only");

            foreach (HttpMethod method in new[] { HttpMethod.Put, HttpMethod.Post, HttpMethod.Delete })
            {
                using var request = new HttpRequestMessage(method, "/hc/" + device.Uri) { Content = Text("30.5") };
                using HttpResponseMessage proxied = await gateway.Http.SendAsync(request);
                Assert.AreEqual(HttpStatusCode.Forbidden, proxied.StatusCode, method.Method);
            }

            Assert.AreEqual("25.0", await gateway.Http.GetStringAsync("/api/devices/kitchen/temp"));
            Assert.AreEqual(0, device.CountLines("CON PUT /temp") + device.CountLines("CON POST /temp") + device.CountLines("CON DELETE /temp"), "no write reached the device");
        }

        private static StringContent Text(string text) => new StringContent(text, Encoding.UTF8, "text/plain");
    }
}
