using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Gateway.Tests.Support;

namespace ThermoDev.Gateway.Tests.Gateway
{
    /// <summary>
    /// The read side of the REST API, /metrics, and GET /temp, against the PC build (a process at 25.0 °C,
    /// no drift) and a gateway in-process. Nothing here writes, so the class shares one device and gateway.
    /// </summary>
    [TestClass]
    public sealed class DeviceApiTests
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

        /// <summary>GET /api/devices: one object per device with the contract's names and values.</summary>
        [TestMethod]
        public async Task DevicesListsTheReadingOnline()
        {
            using HttpResponseMessage response = await Gateway.Http.GetAsync("/api/devices");
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
            Assert.AreEqual("application/json", response.Content.Headers.ContentType?.MediaType);
            string text = await response.Content.ReadAsStringAsync();
            JsonElement devices = JsonDocument.Parse(text).RootElement;
            Assert.AreEqual(1, devices.GetArrayLength(), text);
            JsonElement kitchen = devices[0];
            Assert.AreEqual("kitchen", kitchen.GetProperty("name").GetString());
            Assert.AreEqual(Device.Uri, kitchen.GetProperty("uri").GetString());
            Assert.AreEqual("25.0", kitchen.GetProperty("value").GetRawText(), "one decimal, as the device sends it");
            Assert.AreEqual("Cel", kitchen.GetProperty("unit").GetString());
            Assert.AreEqual("online", kitchen.GetProperty("status").GetString());
            Assert.IsTrue(kitchen.GetProperty("writable").GetBoolean());
            string lastUpdate = kitchen.GetProperty("lastUpdate").GetString()!;
            StringAssert.Matches(lastUpdate, new System.Text.RegularExpressions.Regex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"));
            var age = DateTimeOffset.UtcNow - DateTimeOffset.Parse(lastUpdate, CultureInfo.InvariantCulture);
            Assert.IsTrue(age < TimeSpan.FromMinutes(1), $"lastUpdate {lastUpdate} is not recent");
        }

        /// <summary>GET /api/devices/{name} is the same object; an unknown name is 404 problem+json.</summary>
        [TestMethod]
        public async Task OneDeviceAndAnUnknownOne()
        {
            JsonElement kitchen = await Gateway.DeviceAsync("kitchen");
            Assert.AreEqual("25.0", kitchen.GetProperty("value").GetRawText());

            using HttpResponseMessage unknown = await Gateway.Http.GetAsync("/api/devices/cellar");
            Assert.AreEqual(HttpStatusCode.NotFound, unknown.StatusCode);
            Assert.AreEqual("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
            StringAssert.Contains(await unknown.Content.ReadAsStringAsync(), "cellar");

            using HttpResponseMessage unknownTemp = await Gateway.Http.GetAsync("/api/devices/cellar/temp");
            Assert.AreEqual(HttpStatusCode.NotFound, unknownTemp.StatusCode);
        }

        /// <summary>GET /api/devices/{name}/temp: 200 text/plain "25.0", with the device's ETag and a Cache-Control from Max-Age.</summary>
        [TestMethod]
        public async Task TemperatureIsText()
        {
            using HttpResponseMessage response = await Gateway.Http.GetAsync("/api/devices/kitchen/temp");
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
            Assert.AreEqual("text/plain", response.Content.Headers.ContentType?.MediaType);
            Assert.AreEqual("25.0", await response.Content.ReadAsStringAsync());
            Assert.IsNotNull(response.Headers.ETag);
            Assert.IsNotNull(response.Headers.CacheControl?.MaxAge);
            Assert.IsTrue(response.Headers.CacheControl!.MaxAge <= TimeSpan.FromSeconds(10), "no longer than the device's Max-Age of 10 s");
        }

        /// <summary>GET /api/devices/{name}/history: the readings, oldest first, with times.</summary>
        [TestMethod]
        public async Task HistoryHoldsTheReadings()
        {
            JsonElement history = await Gateway.Http.GetFromJsonElementAsync("/api/devices/kitchen/history");
            Assert.IsTrue(history.GetArrayLength() >= 1, history.ToString());
            DateTimeOffset previous = DateTimeOffset.MinValue;
            foreach (JsonElement point in history.EnumerateArray())
            {
                Assert.AreEqual("25.0", point.GetProperty("value").GetRawText());
                DateTimeOffset time = DateTimeOffset.Parse(point.GetProperty("time").GetString()!, CultureInfo.InvariantCulture);
                Assert.IsTrue(time >= previous, "oldest first");
                previous = time;
            }

            using HttpResponseMessage unknown = await Gateway.Http.GetAsync("/api/devices/cellar/history");
            Assert.AreEqual(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        /// <summary>/metrics: Prometheus text with the device's temperature, up and status.</summary>
        [TestMethod]
        public async Task MetricsShowTheDevice()
        {
            string metrics = await Gateway.Http.GetStringAsync("/metrics");
            StringAssert.Contains(metrics, "thermodev_temperature_celsius{device=\"kitchen\"} 25");
            StringAssert.Contains(metrics, "thermodev_device_up{device=\"kitchen\"} 1");
            StringAssert.Contains(metrics, "thermodev_device_status{device=\"kitchen\",status=\"online\"} 1");
            StringAssert.Contains(metrics, "thermodev_coap_requests_total{device=\"kitchen\"}");
            StringAssert.Contains(metrics, "thermodev_sse_clients");
            StringAssert.Contains(metrics, "thermodev_gateway_cache_hits_total");
        }
    }
}
