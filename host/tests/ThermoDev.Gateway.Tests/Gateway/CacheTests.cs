using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Gateway.Tests.Support;

namespace ThermoDev.Gateway.Tests.Gateway
{
    /// <summary>
    /// The gateway's cache, proved at the device: within Max-Age, GETs are answered without a CoAP
    /// request (the device's own request counter does not move).
    /// </summary>
    [TestClass]
    public sealed class CacheTests
    {
        /// <summary>/api and /hc GETs (Accept: text/plain) of the observed /temp: the notifications keep the cache fresh, so none reaches the device.</summary>
        [TestMethod]
        public async Task ObservedTemperatureIsServedFromTheCache()
        {
            using InProcessDevice device = InProcessDevice.Start();
            await using TestGateway gateway = await TestGateway.StartAsync(new[] { "kitchen=" + device.Uri });
            await gateway.WaitForStatusAsync("kitchen", "online", TimeSpan.FromSeconds(10));

            int deviceRequests = device.Server.Counters.Requests;
            long gatewayRequests = gateway.App.Core.Metrics.CoapRequests("kitchen");
            long hits = gateway.App.Core.Metrics.CacheHits;
            for (int i = 0; i < 10; i++)
            {
                Assert.AreEqual("25.0", await gateway.Http.GetStringAsync("/api/devices/kitchen/temp"));
                using var proxied = new HttpRequestMessage(HttpMethod.Get, $"/hc/?target_uri=coap://[::1]:{device.Port}/temp");
                proxied.Headers.Accept.ParseAdd("text/plain");
                using HttpResponseMessage response = await gateway.Http.SendAsync(proxied);
                Assert.AreEqual("25.0", await response.Content.ReadAsStringAsync());
            }

            Assert.AreEqual(deviceRequests, device.Server.Counters.Requests, "no request reached the device");
            Assert.AreEqual(gatewayRequests, gateway.App.Core.Metrics.CoapRequests("kitchen"), "the gateway sent no CoAP request");
            Assert.AreEqual(hits + 20, gateway.App.Core.Metrics.CacheHits);
            StringAssert.Contains(await gateway.Http.GetStringAsync("/metrics"), "thermodev_gateway_cache_hits_total");
        }

        /// <summary>A GET of another representation: the first goes to the device (a miss), the next within Max-Age does not (a hit, with an Age header).</summary>
        [TestMethod]
        public async Task AResponseIsCachedForItsMaxAge()
        {
            using InProcessDevice device = InProcessDevice.Start();
            await using TestGateway gateway = await TestGateway.StartAsync(new[] { "kitchen=" + device.Uri });
            await gateway.WaitForStatusAsync("kitchen", "online", TimeSpan.FromSeconds(10));
            string uri = $"/hc/coap://[::1]:{device.Port}/.well-known/core";

            int before = device.Server.Counters.Requests;
            using HttpResponseMessage first = await gateway.Http.GetAsync(uri);
            Assert.AreEqual(HttpStatusCode.OK, first.StatusCode);
            Assert.AreEqual("application/link-format", first.Content.Headers.ContentType?.MediaType);
            int afterMiss = device.Server.Counters.Requests;
            Assert.IsTrue(afterMiss > before, "the miss went to the device (in 64-byte blocks)");
            Assert.IsNull(first.Headers.Age);

            using HttpResponseMessage second = await gateway.Http.GetAsync(uri);
            Assert.AreEqual(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
            Assert.AreEqual(afterMiss, device.Server.Counters.Requests, "the hit did not");
            Assert.IsNotNull(second.Headers.Age, "a cached response says how old it is");
        }

        /// <summary>Twenty GETs of the same uncached target at once cost the device one CoAP request.</summary>
        [TestMethod]
        public async Task ConcurrentMissesShareOneRequest()
        {
            using InProcessDevice device = InProcessDevice.Start();
            await using TestGateway gateway = await TestGateway.StartAsync(new[] { "kitchen=" + device.Uri });
            await gateway.WaitForStatusAsync("kitchen", "online", TimeSpan.FromSeconds(10));

            int before = device.Server.Counters.Requests;
            var requests = new Task<string>[20];
            for (int i = 0; i < requests.Length; i++)
            {
                var request = new HttpRequestMessage(HttpMethod.Get, $"/hc/coap://[::1]:{device.Port}/temp");
                request.Headers.Accept.ParseAdd("application/senml+json");
                requests[i] = SendAsync(gateway.Http, request);
            }

            foreach (string body in await Task.WhenAll(requests))
            {
                StringAssert.Contains(body, "\"v\":25");
            }

            Assert.AreEqual(before + 1, device.Server.Counters.Requests, "one SenML GET reached the device");
        }

        /// <summary>A PUT invalidates the device's cached responses (RFC 9111 §4.4): the next GET has the new value at once.</summary>
        [TestMethod]
        public async Task AWriteInvalidates()
        {
            using InProcessDevice device = InProcessDevice.Start();
            await using TestGateway gateway = await TestGateway.StartAsync(new[] { "kitchen=" + device.Uri });
            await gateway.WaitForStatusAsync("kitchen", "online", TimeSpan.FromSeconds(10));
            Assert.AreEqual("25.0", await gateway.Http.GetStringAsync("/api/devices/kitchen/temp"));

            using HttpResponseMessage put = await gateway.Http.PutAsync("/api/devices/kitchen/temp", new StringContent("21.5"));
            Assert.AreEqual(HttpStatusCode.OK, put.StatusCode);
            Assert.AreEqual("21.5", await gateway.Http.GetStringAsync("/api/devices/kitchen/temp"));
        }

        private static async Task<string> SendAsync(HttpClient http, HttpRequestMessage request)
        {
            using (request)
            using (HttpResponseMessage response = await http.SendAsync(request))
            {
                Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
                return await response.Content.ReadAsStringAsync();
            }
        }

        /// <summary>
        /// Two devices on one CoAP server: a /hc GET of the second one's observed path is answered from that
        /// device's cache (an Age header), not sent to the server as if it were the first device's.
        /// </summary>
        [TestMethod]
        public async Task ProxyPicksTheDeviceThatObservesThePath()
        {
            using InProcessDevice device = InProcessDevice.Start();
            await using TestGateway gateway = await TestGateway.StartAsync(new[]
            {
                $"links=coap://[::1]:{device.Port}/.well-known/core",
                "kitchen=" + device.Uri,
            });
            await gateway.WaitForStatusAsync("kitchen", "online", TimeSpan.FromSeconds(10));

            using var request = new HttpRequestMessage(HttpMethod.Get, $"/hc/coap://[::1]:{device.Port}/temp");
            request.Headers.Accept.ParseAdd("text/plain");
            using HttpResponseMessage response = await gateway.Http.SendAsync(request);

            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
            Assert.IsNotNull(response.Headers.Age, "answered from kitchen's cache, filled by its notifications");
        }
    }
}
