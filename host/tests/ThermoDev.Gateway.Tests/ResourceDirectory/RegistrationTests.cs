using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Coap.Micro;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Gateway.Tests.Support;

namespace ThermoDev.Gateway.Tests.ResourceDirectory
{
    /// <summary>
    /// The gateway as a CoRE Resource Directory (RFC 9176) on loopback: registration (§5), replacement,
    /// update (§5.3.1), removal (§5.3.2), expiry, and the device each registration of a temperature
    /// becomes. The registered device is a simulated ThermoDev in the test's process on [::1]; the
    /// registrant is a CoAP peer of the test's on 127.0.0.1, giving the device's address as base.
    /// </summary>
    [TestClass]
    public sealed class RegistrationTests
    {
        private const string TempLinks = "</temp>;rt=\"temperature-c\";if=\"sensor\";obs,</status>;rt=\"thermodev.status\";ct=50";

        private static InProcessDevice? device;

        private static string DeviceBase => "base=coap://[::1]:" + device!.Port.ToString(CultureInfo.InvariantCulture);

        /// <summary>Starts the device every test registers.</summary>
        [ClassInitialize]
        public static void StartDevice(TestContext context) => device = InProcessDevice.Start();

        /// <summary>Stops it.</summary>
        [ClassCleanup]
        public static void StopDevice() => device?.Dispose();

        /// <summary>§5: 2.01 with a Location-Path under /rd; the endpoint becomes an online device named by ep, at the base, with metrics.</summary>
        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public async Task ARegistrationOfATemperatureBecomesAnOnlineDevice()
        {
            await using RdGateway rd = await RdGateway.StartAsync();
            RawMessage created = await rd.RegisterAsync(TempLinks, "ep=kitchen", DeviceBase, "lt=300");
            Assert.AreEqual("2.01", created.CodeText, created.Text);
            StringAssert.Matches(created.Location, new System.Text.RegularExpressions.Regex("^/rd/[0-9]+$"));
            Assert.AreEqual(0, created.Strings(CoapOption.LocationQuery).Count, "§5: no Location-Query");

            JsonElement kitchen = await rd.WaitForStatusAsync("kitchen", "online");
            Assert.AreEqual(device!.Uri, kitchen.GetProperty("uri").GetString());
            Assert.AreEqual("registered", kitchen.GetProperty("origin").GetString());
            Assert.AreEqual("25.0", kitchen.GetProperty("value").GetRawText());
            string metrics = await rd.MetricsAsync();
            StringAssert.Contains(metrics, "thermodev_device_up{device=\"kitchen\"} 1");
            StringAssert.Contains(metrics, "thermodev_temperature_celsius{device=\"kitchen\"} 25");

            string temp = await rd.Gateway.Http.GetStringAsync("/api/devices/kitchen/temp");
            Assert.AreEqual("25.0", temp);
        }

        /// <summary>
        /// --rd-capacity: as many registrations in a row as the directory has places (more than the default 32) are
        /// all taken, and one more is refused 5.03.
        /// </summary>
        [TestMethod]
        [Timeout(120_000, CooperativeCancellation = true)]
        public async Task AsManyRegistrationsAsPlacesAreTakenAndOneMoreIsRefused()
        {
            const int Fleet = 80;
            await using RdGateway rd = await RdGateway.StartAsync(rdCapacity: Fleet);
            for (int i = 0; i < Fleet; i++)
            {
                RawMessage created = await rd.RegisterAsync(TempLinks, "ep=fleet" + i.ToString(CultureInfo.InvariantCulture), DeviceBase, "lt=300");
                Assert.AreEqual("2.01", created.CodeText, $"registration {i}: {created.Text}");
            }

            RawMessage refused = await rd.RegisterAsync(TempLinks, "ep=one-too-many", DeviceBase, "lt=300");
            Assert.AreEqual("5.03", refused.CodeText, "the directory is full");
        }

        /// <summary>§5: the same ep and d again replaces the registration in place (same location) and moves the device to the new base.</summary>
        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public async Task ASecondRegistrationOfTheSameEndpointReplacesTheFirst()
        {
            await using RdGateway rd = await RdGateway.StartAsync();
            RawMessage first = await rd.RegisterAsync(TempLinks, "ep=cellar", "d=home", "base=coap://[::1]:9");
            Assert.AreEqual("2.01", first.CodeText);
            await rd.WaitForStatusAsync("cellar", "offline");

            RawMessage second = await rd.RegisterAsync(TempLinks, "ep=cellar", "d=home", DeviceBase);
            Assert.AreEqual("2.01", second.CodeText);
            Assert.AreEqual(first.Location, second.Location, "§5: the same location");
            string endpoints = await rd.LookupAsync("/rd-lookup/ep", "ep=cellar");
            Assert.AreEqual(1, endpoints.Split(',').Count(l => l.StartsWith('<')), endpoints);
            StringAssert.Contains(endpoints, "base=\"coap://[::1]:" + device!.Port.ToString(CultureInfo.InvariantCulture) + "\"");

            JsonElement cellar = await rd.WaitForStatusAsync("cellar", "online");
            Assert.AreEqual(device.Uri, cellar.GetProperty("uri").GetString());

            // Another sector under the same name is a registration of its own, but not a second device.
            RawMessage other = await rd.RegisterAsync(TempLinks, "ep=cellar", "d=lab", "base=coap://[::1]:9");
            Assert.AreEqual("2.01", other.CodeText);
            Assert.AreNotEqual(first.Location, other.Location);
            Assert.AreEqual(device.Uri, (await rd.DeviceAsync("cellar"))!.Value.GetProperty("uri").GetString());
        }

        /// <summary>§5.3.1: an update with a new base answers 2.04 and moves the device; an update of no registration is 4.04.</summary>
        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public async Task AnUpdateRefreshesTheDeviceAndAnUnknownOneIsNotFound()
        {
            await using RdGateway rd = await RdGateway.StartAsync(rdCapacity: 4);
            RawMessage created = await rd.RegisterAsync(TempLinks, "ep=attic", "base=coap://[::1]:9");
            Assert.AreEqual("2.01", created.CodeText);
            await rd.WaitForStatusAsync("attic", "offline");

            RawMessage updated = await rd.SendAsync(CoapCode.Post, created.Location, DeviceBase, "lt=600");
            Assert.AreEqual("2.04", updated.CodeText, updated.Text);
            JsonElement attic = await rd.WaitForStatusAsync("attic", "online");
            Assert.AreEqual(device!.Uri, attic.GetProperty("uri").GetString());
            string resources = await rd.LookupAsync("/rd-lookup/res", "ep=attic", "rt=temperature-c");
            StringAssert.Contains(resources, "<" + device.Uri + ">");

            string unused = created.Location == "/rd/3" ? "/rd/2" : "/rd/3";
            Assert.AreEqual("4.04", (await rd.SendAsync(CoapCode.Post, unused)).CodeText);
            Assert.AreEqual("4.04", (await rd.SendAsync(CoapCode.Post, "/rd/99")).CodeText, "beyond the table: no such resource");
            Assert.AreEqual("4.00", (await rd.SendAsync(CoapCode.Post, created.Location, "lt=0")).CodeText, "lt is 1 or more");
        }

        /// <summary>A registration whose lifetime runs out is removed: the lookups no longer show it and its device is gone (metrics: status gone, no reading).</summary>
        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public async Task AnExpiredRegistrationMakesItsDeviceGone()
        {
            await using RdGateway rd = await RdGateway.StartAsync();
            RawMessage created = await rd.RegisterAsync(TempLinks, "ep=porch", DeviceBase, "lt=2");
            Assert.AreEqual("2.01", created.CodeText);
            await rd.WaitForStatusAsync("porch", "online");

            JsonElement porch = await rd.WaitForStatusAsync("porch", "gone");
            Assert.IsFalse(porch.GetProperty("writable").GetBoolean());
            Assert.AreEqual(string.Empty, await rd.LookupAsync("/rd-lookup/ep", "ep=porch"));
            Assert.AreEqual("4.04", (await rd.SendAsync(CoapCode.Post, created.Location)).CodeText, "the registration resource went with it");
            string metrics = await rd.MetricsAsync();
            StringAssert.Contains(metrics, "thermodev_device_status{device=\"porch\",status=\"gone\"} 1");
            StringAssert.Contains(metrics, "thermodev_device_up{device=\"porch\"} 0");
            Assert.IsFalse(metrics.Contains("thermodev_temperature_celsius{device=\"porch\"}", StringComparison.Ordinal), "a gone device has no reading");

            // Registering again brings it back.
            Assert.AreEqual("2.01", (await rd.RegisterAsync(TempLinks, "ep=porch", DeviceBase)).CodeText);
            await rd.WaitForStatusAsync("porch", "online");
        }

        /// <summary>§5.3.2: DELETE answers 2.02 and makes the device gone (its /temp 410); a second DELETE is 4.04.</summary>
        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public async Task ARemovalMakesTheDeviceGone()
        {
            await using RdGateway rd = await RdGateway.StartAsync();
            RawMessage created = await rd.RegisterAsync(TempLinks, "ep=garage", DeviceBase);
            await rd.WaitForStatusAsync("garage", "online");

            Assert.AreEqual("2.02", (await rd.SendAsync(CoapCode.Delete, created.Location)).CodeText);
            await rd.WaitForStatusAsync("garage", "gone");
            using HttpResponseMessage temp = await rd.Gateway.Http.GetAsync("/api/devices/garage/temp");
            Assert.AreEqual(HttpStatusCode.Gone, temp.StatusCode);
            using HttpResponseMessage list = await rd.Gateway.Http.GetAsync("/api/devices");
            StringAssert.Contains(await list.Content.ReadAsStringAsync(), "\"status\":\"gone\"");
            Assert.AreEqual("4.04", (await rd.SendAsync(CoapCode.Delete, created.Location)).CodeText);
        }

        /// <summary>
        /// A registered device is everywhere a configured one is: an SSE event announces it, /hc reaches it;
        /// once it is gone, an event says so and /hc refuses it (403: no longer a device of this gateway).
        /// </summary>
        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public async Task EventsAndTheProxyFollowARegisteredDevice()
        {
            await using RdGateway rd = await RdGateway.StartAsync();
            await using SseStream events = await SseStream.OpenAsync(rd.Gateway.Http);
            string hc = "/hc/coap://[::1]:" + device!.Port.ToString(CultureInfo.InvariantCulture) + "/temp";
            using (HttpResponseMessage before = await rd.Gateway.Http.GetAsync(hc))
            {
                Assert.AreEqual(HttpStatusCode.Forbidden, before.StatusCode, "not a device yet");
            }

            RawMessage created = await rd.RegisterAsync(TempLinks, "ep=hall", DeviceBase);
            SseStream.ReceivedEvent? online = await events.WaitForAsync(e => e.Json.GetProperty("name").GetString() == "hall" && e.Json.GetProperty("status").GetString() == "online", TimeSpan.FromSeconds(20));
            Assert.IsNotNull(online, "no event for the registered device");
            Assert.AreEqual("registered", online.Json.GetProperty("origin").GetString());
            using (var get = new HttpRequestMessage(HttpMethod.Get, hc))
            {
                get.Headers.Accept.ParseAdd("text/plain");
                using HttpResponseMessage through = await rd.Gateway.Http.SendAsync(get);
                Assert.AreEqual(HttpStatusCode.OK, through.StatusCode);
                Assert.AreEqual("25.0", await through.Content.ReadAsStringAsync());
            }

            Assert.AreEqual("2.02", (await rd.SendAsync(CoapCode.Delete, created.Location)).CodeText);
            Assert.IsNotNull(await events.WaitForAsync(e => e.Json.GetProperty("name").GetString() == "hall" && e.Json.GetProperty("status").GetString() == "gone", TimeSpan.FromSeconds(20)));
            using HttpResponseMessage after = await rd.Gateway.Http.GetAsync(hc);
            Assert.AreEqual(HttpStatusCode.Forbidden, after.StatusCode, "a gone device is no /hc target");
        }

        /// <summary>A registration without a temperature is kept for lookups but is no device; a bad one is 4.00.</summary>
        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public async Task OnlyATemperatureMakesADeviceAndBadRegistrationsAreRefused()
        {
            await using RdGateway rd = await RdGateway.StartAsync();
            Assert.AreEqual("2.01", (await rd.RegisterAsync("</light>;rt=\"light-lux\"", "ep=lamp", "base=coap://[::1]:9")).CodeText);
            Assert.IsNull(await rd.DeviceAsync("lamp"));
            StringAssert.Contains(await rd.LookupAsync("/rd-lookup/res", "ep=lamp"), "<coap://[::1]:9/light>");

            Assert.AreEqual("4.00", (await rd.RegisterAsync(TempLinks)).CodeText, "ep is mandatory");
            Assert.AreEqual("4.00", (await rd.RegisterAsync("</temp", "ep=broken")).CodeText, "not link-format");
            Assert.AreEqual("4.00", (await rd.RegisterAsync(TempLinks, "ep=" + new string('x', 64))).CodeText, "ep is at most 63 bytes");
            Assert.AreEqual("4.00", (await rd.RegisterAsync(TempLinks, "ep=x", "base=/relative")).CodeText, "base is a URI");
            Assert.AreEqual(string.Empty, await rd.LookupAsync("/rd-lookup/ep", "ep=broken"));
        }

        /// <summary>A --device of the same name wins over a registration: the registration stands, the device stays as configured.</summary>
        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public async Task AConfiguredDeviceWinsOverARegistrationOfItsName()
        {
            await using RdGateway rd = await RdGateway.StartAsync(0, GatewaySettings.DefaultRdCapacity, "kitchen=" + device!.Uri);
            await rd.WaitForStatusAsync("kitchen", "online");
            Assert.AreEqual("2.01", (await rd.RegisterAsync(TempLinks, "ep=kitchen", "base=coap://[::1]:9")).CodeText);
            StringAssert.Contains(await rd.LookupAsync("/rd-lookup/ep", "ep=kitchen"), "coap://[::1]:9");
            JsonElement kitchen = (await rd.DeviceAsync("kitchen"))!.Value;
            Assert.AreEqual("configured", kitchen.GetProperty("origin").GetString());
            Assert.AreEqual(device.Uri, kitchen.GetProperty("uri").GetString());
            Assert.AreEqual("online", kitchen.GetProperty("status").GetString());
        }

        /// <summary>
        /// A device registered with a gateway that restarts: its update then gets 4.04 (§5.3.1), it registers
        /// again with the new gateway on the same port and is a device there.
        /// </summary>
        [TestMethod]
        [Timeout(90_000, CooperativeCancellation = true)]
        public async Task ADeviceRegistersAgainAfterTheGatewayRestarts()
        {
            int port;
            string location;
            await using (RdGateway first = await RdGateway.StartAsync())
            {
                port = first.Rd.Port;
                RawMessage created = await first.RegisterAsync(TempLinks, "ep=shed", DeviceBase);
                location = created.Location;
                await first.WaitForStatusAsync("shed", "online");
            }

            await using RdGateway second = await RdGateway.StartAsync(port);
            Assert.IsNull(await second.DeviceAsync("shed"), "a new gateway knows no registration");
            Assert.AreEqual("4.04", (await second.SendAsync(CoapCode.Post, location)).CodeText, "the update fails...");
            Assert.AreEqual("2.01", (await second.RegisterAsync(TempLinks, "ep=shed", DeviceBase)).CodeText, "...so the device registers again");
            JsonElement shed = await second.WaitForStatusAsync("shed", "online");
            Assert.AreEqual(device!.Uri, shed.GetProperty("uri").GetString());
        }
    }
}
