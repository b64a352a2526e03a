using System;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Gateway.Tests.Support;

namespace ThermoDev.Gateway.Tests.Gateway
{
    /// <summary>A device that does not answer (504), a failed sensor (503 + Retry-After), and recovery.</summary>
    [TestClass]
    public sealed class DeviceFailureTests
    {
        /// <summary>A port nobody serves, --coap-timeout 1: 504 within the timeout (and a little), naming the device; the device is offline.</summary>
        [TestMethod]
        public async Task SilentDeviceIs504()
        {
            int port = UnusedUdpPort();
            await using TestGateway gateway = await TestGateway.StartAsync(new[] { $"attic=coap://[::1]:{port}" }, s => new GatewaySettings
            {
                Devices = s.Devices,
                Urls = s.Urls,
                CoapTimeout = TimeSpan.FromSeconds(1),
            });

            var watch = Stopwatch.StartNew();
            using HttpResponseMessage api = await gateway.Http.GetAsync("/api/devices/attic/temp");
            TimeSpan took = watch.Elapsed;
            Assert.AreEqual(HttpStatusCode.GatewayTimeout, api.StatusCode);
            Assert.AreEqual("text/plain", api.Content.Headers.ContentType?.MediaType);
            string message = await api.Content.ReadAsStringAsync();
            StringAssert.Contains(message, "attic");
            StringAssert.Contains(message, "did not answer");
            Assert.IsTrue(took >= TimeSpan.FromSeconds(0.9) && took < TimeSpan.FromSeconds(5), $"answered after {took.TotalSeconds:0.00} s");

            using HttpResponseMessage proxied = await gateway.Http.GetAsync($"/hc/coap://[::1]:{port}/temp");
            Assert.AreEqual(HttpStatusCode.GatewayTimeout, proxied.StatusCode);

            Assert.AreEqual("offline", (await gateway.DeviceAsync("attic")).GetProperty("status").GetString());
            Assert.IsTrue(gateway.App.Core.Metrics.CoapRequests("attic") >= 2);
            StringAssert.Contains(await gateway.Http.GetStringAsync("/metrics"), "thermodev_device_up{device=\"attic\"} 0");
        }

        /// <summary>
        /// The sensor fails: the observation reports 5.03, the device is sensor-failed, and GET is 503 with
        /// Retry-After from the 5.03's Max-Age and the diagnostic. It recovers: the gateway registers again
        /// and the device is online with its value.
        /// </summary>
        [TestMethod]
        public async Task FailedSensorIs503ThenRecovers()
        {
            using InProcessDevice device = InProcessDevice.Start(intervalMilliseconds: 300);
            await using TestGateway gateway = await TestGateway.StartAsync(new[] { "cellar=" + device.Uri });
            await gateway.WaitForStatusAsync("cellar", "online", TimeSpan.FromSeconds(10));

            device.Sensor.Failing = true;
            await gateway.WaitForStatusAsync("cellar", "sensor-failed", TimeSpan.FromSeconds(5));
            using HttpResponseMessage failed = await gateway.Http.GetAsync("/api/devices/cellar/temp");
            Assert.AreEqual(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
            Assert.AreEqual("1", failed.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "Retry-After is the Max-Age of the 5.03: the next reading, 300 ms rounded up to 1 s");
            Assert.IsFalse(string.IsNullOrWhiteSpace(await failed.Content.ReadAsStringAsync()), "the device's diagnostic");
            StringAssert.Contains(await gateway.Http.GetStringAsync("/metrics"), "thermodev_device_status{device=\"cellar\",status=\"sensor-failed\"} 1");

            device.Sensor.Failing = false;
            var back = await gateway.WaitForStatusAsync("cellar", "online", TimeSpan.FromSeconds(15));
            Assert.AreEqual("25.0", back.GetProperty("value").GetRawText());
            Assert.AreEqual("25.0", await gateway.Http.GetStringAsync("/api/devices/cellar/temp"));
        }

        /// <summary>A device that stops answering goes offline, and online again when it is back (re-registration with backoff).</summary>
        [TestMethod]
        public async Task ADeviceThatStopsGoesOffline()
        {
            InProcessDevice device = InProcessDevice.Start(maxAgeSeconds: 1, intervalMilliseconds: 200);
            int port = device.Port;
            await using TestGateway gateway = await TestGateway.StartAsync(new[] { "shed=" + device.Uri }, s => new GatewaySettings
            {
                Devices = s.Devices,
                Urls = s.Urls,
                CoapTimeout = TimeSpan.FromSeconds(1),
            });
            await gateway.WaitForStatusAsync("shed", "online", TimeSpan.FromSeconds(10));

            device.Dispose();
            await gateway.WaitForStatusAsync("shed", "offline", TimeSpan.FromSeconds(10));
        }

        /// <summary>Requests piling up at a silent device do not hold up another device's.</summary>
        [TestMethod]
        public async Task ASilentDeviceDoesNotBlockTheOthers()
        {
            using InProcessDevice alive = InProcessDevice.Start();
            int silent = UnusedUdpPort();
            await using TestGateway gateway = await TestGateway.StartAsync(new[] { "alive=" + alive.Uri, $"silent=coap://[::1]:{silent}" }, s => new GatewaySettings
            {
                Devices = s.Devices,
                Urls = s.Urls,
                CoapTimeout = TimeSpan.FromSeconds(3),
            });
            await gateway.WaitForStatusAsync("alive", "online", TimeSpan.FromSeconds(10));

            // Ten different targets, so none waits for another's request: more than the silent device's places.
            Task<HttpResponseMessage>[] stuck = new Task<HttpResponseMessage>[10];
            for (int i = 0; i < stuck.Length; i++)
            {
                stuck[i] = gateway.Http.GetAsync($"/hc/coap://[::1]:{silent}/r{i}");
            }

            await Task.Delay(200);
            var watch = Stopwatch.StartNew();
            using HttpResponseMessage other = await gateway.Http.GetAsync($"/hc/coap://[::1]:{alive.Port}/.well-known/core");
            TimeSpan took = watch.Elapsed;
            Assert.AreEqual(HttpStatusCode.OK, other.StatusCode);
            Assert.IsTrue(took < TimeSpan.FromSeconds(2), $"the other device answered after {took.TotalSeconds:0.00} s");

            foreach (HttpResponseMessage response in await Task.WhenAll(stuck))
            {
                Assert.IsTrue(response.StatusCode is HttpStatusCode.GatewayTimeout or HttpStatusCode.ServiceUnavailable, response.StatusCode.ToString());
                response.Dispose();
            }
        }

        /// <summary>A device whose observer table is full answers the registration without Observe: still a reading, still online.</summary>
        [TestMethod]
        public async Task AFullObserverTableStillGivesReadings()
        {
            using InProcessDevice device = InProcessDevice.Start(maxObservers: 0);
            await using TestGateway gateway = await TestGateway.StartAsync(new[] { "busy=" + device.Uri });
            var busy = await gateway.WaitForStatusAsync("busy", "online", TimeSpan.FromSeconds(10));
            Assert.AreEqual("25.0", busy.GetProperty("value").GetRawText());
            Assert.AreEqual(0, device.Server.Counters.Observers);

            // Asked again a second later, and so on: it stays online meanwhile.
            Assert.IsTrue(await Eventually.TrueAsync(() => device.Server.Counters.Requests >= 2, TimeSpan.FromSeconds(10)));
            Assert.AreEqual("online", (await gateway.DeviceAsync("busy")).GetProperty("status").GetString());
        }

        // A port that was free a moment ago: bound, read, closed.
        private static int UnusedUdpPort()
        {
            using var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
            return ((IPEndPoint)socket.LocalEndPoint!).Port;
        }
    }
}
