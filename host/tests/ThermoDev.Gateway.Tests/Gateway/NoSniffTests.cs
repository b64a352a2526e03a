using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Gateway.Tests.Support;

namespace ThermoDev.Gateway.Tests.Gateway
{
    /// <summary>Every HTTP response of the gateway says X-Content-Type-Options: nosniff: a browser takes Content-Type as given.</summary>
    [TestClass]
    public sealed class NoSniffTests
    {
        /// <summary>The page, the API (found and not), /metrics, /hc (a device's answer, an unknown-type payload, a refusal) and the SSE stream.</summary>
        [TestMethod]
        public async Task EveryResponseSaysNoSniff()
        {
            using TempOnlyDevice device = TempOnlyDevice.Start();
            await using TestGateway gateway = await TestGateway.StartAsync(new[] { "plain=" + device.Uri });
            await gateway.WaitForStatusAsync("plain", "online", TimeSpan.FromSeconds(10));

            foreach (string path in new[]
            {
                "/", "/api/devices", "/api/devices/plain", "/api/devices/nobody", "/api/devices/plain/temp", "/metrics",
                $"/hc/coap://[::1]:{device.Port}/temp", $"/hc/coap://[::1]:{device.Port}/raw", "/hc/coap://[::1]:1/temp", "/no-such-page",
            })
            {
                using HttpResponseMessage response = await gateway.Http.GetAsync(path);
                Assert.AreEqual("nosniff", string.Join(",", response.Headers.TryGetValues("X-Content-Type-Options", out var values) ? values : Enumerable.Empty<string>()),
                    $"GET {path} ({(int)response.StatusCode})");
            }

            using var events = new HttpRequestMessage(HttpMethod.Get, "/events");
            using HttpResponseMessage stream = await gateway.Http.SendAsync(events, HttpCompletionOption.ResponseHeadersRead);
            Assert.AreEqual("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
            Assert.IsTrue(stream.Headers.TryGetValues("X-Content-Type-Options", out var sse) && sse.Single() == "nosniff", "GET /events");
        }
    }
}
