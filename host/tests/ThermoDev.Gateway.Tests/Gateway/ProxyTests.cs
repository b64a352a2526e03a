using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Gateway.Tests.Support;

namespace ThermoDev.Gateway.Tests.Gateway
{
    /// <summary>The RFC 8075 proxy at /hc against the PC build: both URI forms, Accept, forbidden targets, unmapped methods.</summary>
    [TestClass]
    public sealed class ProxyTests
    {
        private static KitchenGateway? kitchen;

        private static TestGateway Gateway => kitchen!.Gateway;

        private static PcDevice Device => kitchen!.Device;

        /// <summary>Starts the device and the gateway, and waits until the device is online.</summary>
        [ClassInitialize]
        public static async Task StartAsync(TestContext context) => kitchen = await KitchenGateway.StartAsync();

        /// <summary>Stops both.</summary>
        [ClassCleanup]
        public static async Task StopAsync()
        {
            if (kitchen != null)
            {
                await kitchen.DisposeAsync();
            }
        }

        /// <summary>The simple form, /hc/coap://[::1]:port/temp: 200 text/plain 25.0 with ETag and Cache-Control.</summary>
        [TestMethod]
        public async Task SimpleForm()
        {
            using HttpResponseMessage response = await Gateway.Http.GetAsync("/hc/" + Device.Uri);
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
            Assert.AreEqual("text/plain", response.Content.Headers.ContentType?.MediaType);
            Assert.AreEqual("utf-8", response.Content.Headers.ContentType?.CharSet);
            Assert.AreEqual("25.0", await response.Content.ReadAsStringAsync());
            Assert.IsNotNull(response.Headers.ETag);
            Assert.IsNotNull(response.Headers.CacheControl?.MaxAge);
        }

        /// <summary>The enhanced form, /hc/?target_uri=percent-encoded: the same answer.</summary>
        [TestMethod]
        public async Task EnhancedForm()
        {
            using HttpResponseMessage response = await Gateway.Http.GetAsync("/hc/?target_uri=" + Uri.EscapeDataString(Device.Uri));
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
            Assert.AreEqual("25.0", await response.Content.ReadAsStringAsync());
        }

        /// <summary>Accept: application/senml+json asks the device for SenML JSON (Accept 110) and gets it with that Content-Type.</summary>
        [TestMethod]
        public async Task AcceptMapsToCoapAccept()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/hc/" + Device.Uri);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/senml+json"));
            using HttpResponseMessage response = await Gateway.Http.SendAsync(request);
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
            Assert.AreEqual("application/senml+json", response.Content.Headers.ContentType?.MediaType);
            StringAssert.Contains(await response.Content.ReadAsStringAsync(), "\"v\":25");

            using var unmapped = new HttpRequestMessage(HttpMethod.Get, "/hc/" + Device.Uri);
            unmapped.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("image/png"));
            using HttpResponseMessage notAcceptable = await Gateway.Http.SendAsync(unmapped);
            Assert.AreEqual(HttpStatusCode.NotAcceptable, notAcceptable.StatusCode);
        }

        /// <summary>A target that is not a configured device is 403, whatever its form: never an open proxy.</summary>
        [TestMethod]
        public async Task OtherTargetsAreForbidden()
        {
            foreach (string target in new[] { "coap://[::1]:1/temp", "coap://127.0.0.1:" + Device.Port + "/temp", "coap://example.com/temp", "coap://[ff02::fd]:" + Device.Port + "/temp" })
            {
                using HttpResponseMessage simple = await Gateway.Http.GetAsync("/hc/" + target);
                Assert.AreEqual(HttpStatusCode.Forbidden, simple.StatusCode, target);
                using HttpResponseMessage enhanced = await Gateway.Http.GetAsync("/hc/?target_uri=" + Uri.EscapeDataString(target));
                Assert.AreEqual(HttpStatusCode.Forbidden, enhanced.StatusCode, target);
            }
        }

        /// <summary>Bad requests to the proxy: no target 400, a coaps target 501, a method CoAP lacks 501 with Allow, a path the device lacks 404.</summary>
        [TestMethod]
        public async Task BadProxyRequests()
        {
            using HttpResponseMessage none = await Gateway.Http.GetAsync("/hc/");
            Assert.AreEqual(HttpStatusCode.BadRequest, none.StatusCode);

            using HttpResponseMessage coaps = await Gateway.Http.GetAsync("/hc/coaps://[::1]/temp");
            Assert.AreEqual(HttpStatusCode.NotImplemented, coaps.StatusCode);

            using var patch = new HttpRequestMessage(HttpMethod.Patch, "/hc/" + Device.Uri);
            using HttpResponseMessage notMapped = await Gateway.Http.SendAsync(patch);
            Assert.AreEqual(HttpStatusCode.NotImplemented, notMapped.StatusCode);
            Assert.IsTrue(notMapped.Content.Headers.Allow.Contains("GET"));

            using HttpResponseMessage missing = await Gateway.Http.GetAsync($"/hc/coap://[::1]:{Device.Port}/nothing-here");
            Assert.AreEqual(HttpStatusCode.NotFound, missing.StatusCode);
        }

        /// <summary>If-None-Match with the current ETag: the device answers 2.03 Valid, the proxy 304 Not Modified.</summary>
        [TestMethod]
        public async Task ConditionalGet()
        {
            using HttpResponseMessage first = await Gateway.Http.GetAsync("/hc/" + Device.Uri);
            EntityTagHeaderValue etag = first.Headers.ETag!;
            using var request = new HttpRequestMessage(HttpMethod.Get, "/hc/" + Device.Uri);
            request.Headers.IfNoneMatch.Add(etag);
            using HttpResponseMessage validated = await Gateway.Http.SendAsync(request);
            Assert.AreEqual(HttpStatusCode.NotModified, validated.StatusCode);
            Assert.AreEqual(etag, validated.Headers.ETag);

            // RFC 9110 §15.4.5: the 304 carries the Cache-Control a 200 would, here from the 2.03's Max-Age (RFC 7252 §5.9.1.3).
            Assert.IsNotNull(validated.Headers.CacheControl?.MaxAge, "the 304 says how long the validated copy is fresh");
            Assert.IsTrue(validated.Headers.CacheControl!.MaxAge <= TimeSpan.FromSeconds(60));
        }
    }
}
