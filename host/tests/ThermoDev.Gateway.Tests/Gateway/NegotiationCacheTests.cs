using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Gateway.Tests.Support;

namespace ThermoDev.Gateway.Tests.Gateway
{
    /// <summary>
    /// Content negotiation through /hc/ against a device that answers one format: the walk down a long
    /// Accept list asks the device once per format within Max-Age, its 4.06 answers remembered (RFC 7252 §5.6,
    /// §5.9.2), however many HTTP requests negotiate. Counted at the device.
    /// </summary>
    [TestClass]
    public sealed class NegotiationCacheTests
    {
        private const string SixOthers = "application/json, application/cbor, application/xml, application/link-format, application/octet-stream, application/exi";

        /// <summary>20 requests with a 7-type Accept list whose last type is the device's: at most 7 CoAP requests, every answer 200.</summary>
        [TestMethod]
        public async Task ABurstAsksTheDeviceOncePerFormat()
        {
            using TempOnlyDevice device = TempOnlyDevice.Start();
            await using TestGateway gateway = await TestGateway.StartAsync(new[] { "plain=" + device.Uri });
            await gateway.WaitForStatusAsync("plain", "online", TimeSpan.FromSeconds(10));

            int before = device.PlainRequestsTo("temp");
            for (int i = 0; i < 20; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/hc/coap://[::1]:{device.Port}/temp");
                request.Headers.TryAddWithoutValidation("Accept", SixOthers + ", text/plain;q=0.5");
                using HttpResponseMessage response = await gateway.Http.SendAsync(request);
                Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
                Assert.AreEqual("25.0", await response.Content.ReadAsStringAsync());
            }

            int asked = device.PlainRequestsTo("temp") - before;
            Assert.IsTrue(asked <= 7, $"the device was asked {asked} times for 20 negotiations of 7 types");
        }

        /// <summary>20 requests none of whose 6 types the device has: 20 × 406, at most 6 CoAP requests (the 4.06s are kept for their Max-Age).</summary>
        [TestMethod]
        public async Task NotAcceptableIsRemembered()
        {
            using TempOnlyDevice device = TempOnlyDevice.Start();
            await using TestGateway gateway = await TestGateway.StartAsync(new[] { "plain=" + device.Uri });
            await gateway.WaitForStatusAsync("plain", "online", TimeSpan.FromSeconds(10));

            int before = device.PlainRequestsTo("temp");
            for (int i = 0; i < 20; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/hc/coap://[::1]:{device.Port}/temp");
                request.Headers.TryAddWithoutValidation("Accept", SixOthers);
                using HttpResponseMessage response = await gateway.Http.SendAsync(request);
                Assert.AreEqual(HttpStatusCode.NotAcceptable, response.StatusCode);
            }

            int asked = device.PlainRequestsTo("temp") - before;
            Assert.IsTrue(asked <= 6, $"the device was asked {asked} times for 20 negotiations of 6 types it does not have");
        }
    }
}
