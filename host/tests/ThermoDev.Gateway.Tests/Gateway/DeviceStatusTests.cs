using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Gateway.Tests.Support;
using ThermoDev.Simulation;

namespace ThermoDev.Gateway.Tests.Gateway
{
    /// <summary>
    /// Each device's CoAP /status, polled by the gateway: GET /api/devices/{name}/status and the status
    /// gauges of /metrics carry a simulated ThermoDev's figures; a device without /status has neither and
    /// is asked once, not every poll; a device that stops answering keeps its last status, marked stale.
    /// </summary>
    [TestClass]
    public sealed class DeviceStatusTests
    {
        private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);
        private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

        private static readonly string[] StatusMetrics =
        {
            "thermodev_device_uptime_seconds", "thermodev_device_free_memory_bytes", "thermodev_device_wifi_reconnects",
            "thermodev_device_sensor_failures", "thermodev_device_coap_requests", "thermodev_device_coap_notifications",
            "thermodev_device_coap_retransmissions", "thermodev_device_coap_gave_up", "thermodev_device_coap_evictions",
            "thermodev_device_status_timestamp_seconds",
        };

        /// <summary>
        /// A simulated device's status in the API and as gauges, polled again and again (its request count
        /// grows); a CoAP device with only /temp: 404 "No status", no gauges, and one GET /status in all.
        /// </summary>
        [TestMethod]
        public async Task ASimulatedDevicesStatusAndADeviceWithoutOne()
        {
            using InProcessDevice simulated = InProcessDevice.Start();
            using TempOnlyDevice plain = TempOnlyDevice.Start();
            await using TestGateway gateway = await StartAsync(new[] { "sim=" + simulated.Uri, "plain=" + plain.Uri });

            JsonElement view = await WaitForStatusAsync(gateway, "sim", v => true);
            Assert.AreEqual("sim", view.GetProperty("name").GetString());
            Assert.IsFalse(view.GetProperty("stale").GetBoolean());
            Assert.IsTrue(view.GetProperty("ageSeconds").GetInt64() is >= 0 and < 5, view.ToString());
            StringAssert.Matches(view.GetProperty("receivedAt").GetString(), new Regex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"));
            JsonElement status = view.GetProperty("status");
            Assert.AreEqual(ProcessFacts.ProgramVersion, status.GetProperty("version").GetString());
            Assert.IsFalse(string.IsNullOrEmpty(status.GetProperty("version").GetString()));
            Assert.AreEqual("simulated", status.GetProperty("sensor").GetString());
            Assert.AreEqual(JsonValueKind.Null, status.GetProperty("sensorError").ValueKind);
            Assert.AreEqual(0, status.GetProperty("sensorFailures").GetInt64());
            Assert.AreEqual(0, status.GetProperty("wifiReconnects").GetInt64());
            Assert.IsTrue(status.GetProperty("uptime").GetInt64() >= 0);
            Assert.IsTrue(status.GetProperty("freeMemory").GetInt64() > 0);
            long requests = status.GetProperty("requests").GetInt64();
            Assert.IsTrue(requests >= 1, status.ToString());

            // Polled again without any HTTP request asking: the device's own request count grows.
            view = await WaitForStatusAsync(gateway, "sim", v => v.GetProperty("status").GetProperty("requests").GetInt64() > requests);

            string metrics = await gateway.Http.GetStringAsync("/metrics");
            Assert.IsTrue(Gauge(metrics, "thermodev_device_uptime_seconds", "sim") >= 0, metrics);
            Assert.IsTrue(Gauge(metrics, "thermodev_device_free_memory_bytes", "sim") > 0, metrics);
            Assert.AreEqual(0, Gauge(metrics, "thermodev_device_wifi_reconnects", "sim"));
            Assert.AreEqual(0, Gauge(metrics, "thermodev_device_sensor_failures", "sim"));
            Assert.IsTrue(Gauge(metrics, "thermodev_device_coap_requests", "sim") >= requests, metrics);
            Assert.IsTrue(Gauge(metrics, "thermodev_device_coap_notifications", "sim") >= 0);
            Assert.AreEqual(0, Gauge(metrics, "thermodev_device_coap_retransmissions", "sim"));
            Assert.AreEqual(0, Gauge(metrics, "thermodev_device_coap_gave_up", "sim"));
            Assert.AreEqual(0, Gauge(metrics, "thermodev_device_coap_evictions", "sim"));
            double received = Gauge(metrics, "thermodev_device_status_timestamp_seconds", "sim");
            Assert.IsTrue(Math.Abs(received - DateTimeOffset.UtcNow.ToUnixTimeSeconds()) < 30, metrics);
            StringAssert.Contains(metrics, "# HELP thermodev_device_coap_requests");
            StringAssert.Matches(metrics, new Regex("# HELP thermodev_device_coap_requests .*a restart resets it"));

            // The sensor fails: its failures in a row show in both.
            simulated.Sensor.Failing = true;
            view = await WaitForStatusAsync(gateway, "sim", v => v.GetProperty("status").GetProperty("sensorFailures").GetInt64() >= 2);
            Assert.AreEqual(JsonValueKind.String, view.GetProperty("status").GetProperty("sensorError").ValueKind, view.ToString());
            Assert.IsTrue(await Eventually.TrueAsync(async () =>
                Gauge(await gateway.Http.GetStringAsync("/metrics"), "thermodev_device_sensor_failures", "sim") >= 2, Wait));

            // The device without /status: none in the API, no gauges, and asked once however many intervals passed.
            using HttpResponseMessage none = await gateway.Http.GetAsync("/api/devices/plain/status");
            Assert.AreEqual(HttpStatusCode.NotFound, none.StatusCode);
            Assert.AreEqual("application/problem+json", none.Content.Headers.ContentType?.MediaType);
            StringAssert.Contains(await none.Content.ReadAsStringAsync(), "has no /status");
            metrics = await gateway.Http.GetStringAsync("/metrics");
            foreach (string name in StatusMetrics)
            {
                Assert.IsFalse(metrics.Contains(name + "{device=\"plain\"}", StringComparison.Ordinal), name + " for plain:\n" + metrics);
            }

            await Task.Delay(Interval * 10);
            Assert.AreEqual(1, plain.StatusRequests, "one GET /status; the next only after the re-check interval");
            Assert.AreEqual("online", (await gateway.DeviceAsync("plain")).GetProperty("status").GetString(), "its /temp is observed as any device's");

            using HttpResponseMessage unknown = await gateway.Http.GetAsync("/api/devices/cellar/status");
            Assert.AreEqual(HttpStatusCode.NotFound, unknown.StatusCode);
            StringAssert.Contains(await unknown.Content.ReadAsStringAsync(), "Unknown device");
        }

        /// <summary>A device that stops answering keeps its last status, marked stale and ageing, and its gauges.</summary>
        [TestMethod]
        public async Task TheStatusOfADeviceThatStopsGoesStale()
        {
            InProcessDevice simulated = InProcessDevice.Start();
            try
            {
                await using TestGateway gateway = await StartAsync(new[] { "sim=" + simulated.Uri });
                await WaitForStatusAsync(gateway, "sim", v => true);

                simulated.Dispose();
                JsonElement view = await WaitForStatusAsync(gateway, "sim", v => v.GetProperty("stale").GetBoolean() && v.GetProperty("ageSeconds").GetInt64() >= 2);
                Assert.AreEqual("simulated", view.GetProperty("status").GetProperty("sensor").GetString(), "the last status known");
                string metrics = await gateway.Http.GetStringAsync("/metrics");
                Assert.IsTrue(Gauge(metrics, "thermodev_device_uptime_seconds", "sim") >= 0, "the last values stay: " + metrics);
                double received = Gauge(metrics, "thermodev_device_status_timestamp_seconds", "sim");
                Assert.IsTrue((DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0) - received >= 1.9, "the timestamp says how old they are");
            }
            finally
            {
                simulated.Dispose();
            }
        }

        private static Task<TestGateway> StartAsync(string[] devices) =>
            TestGateway.StartAsync(devices, s => new GatewaySettings
            {
                Devices = s.Devices,
                Urls = s.Urls,
                CoapTimeout = TimeSpan.FromSeconds(0.5),
                StatusInterval = Interval,
                StatusRecheckInterval = TimeSpan.FromHours(1),
            });

        private static async Task<JsonElement> WaitForStatusAsync(TestGateway gateway, string name, Func<JsonElement, bool> condition)
        {
            JsonElement view = default;
            string last = string.Empty;
            bool reached = await Eventually.TrueAsync(async () =>
            {
                using HttpResponseMessage response = await gateway.Http.GetAsync($"/api/devices/{name}/status");
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return false;
                }

                Assert.AreEqual("application/json", response.Content.Headers.ContentType?.MediaType);
                view = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
                return condition(view);
            }, Wait);
            Assert.IsTrue(reached, $"{name}'s status within {Wait.TotalSeconds} s; last: {last}");
            return view;
        }

        // The value of metric{device="..."} in the text exposition; fails when there is none.
        private static double Gauge(string metrics, string metric, string device)
        {
            string prefix = metric + "{device=\"" + device + "\"} ";
            string? line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
            Assert.IsNotNull(line, $"no {prefix.Trim()} in:\n{metrics}");
            return double.Parse(line.Substring(prefix.Length), NumberStyles.Float, CultureInfo.InvariantCulture);
        }
    }
}
