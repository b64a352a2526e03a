using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Coap.Micro;
using Coap.Micro.Oscore;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Gateway.Forwarding;
using ThermoDev.Gateway.Tests.Support;

namespace ThermoDev.Gateway.Tests.Gateway
{
    /// <summary>
    /// The gateway with an OSCORE context (RFC 8613) for a device: the PC build with <c>--oscore DIR/device
    /// --oscore-reads</c> (so an unprotected GET, Observe or PUT would be refused 4.01), the gateway with DIR/client.
    /// </summary>
    [TestClass]
    public sealed class OscoreGatewayTests
    {
        private static readonly TimeSpan Online = TimeSpan.FromSeconds(15);

        /// <summary>
        /// Observe (SSE), REST read and write, /status and /hc all go protected: the device requires OSCORE for reads and
        /// writes and still serves the gateway, while a plain PUT straight to it gets 4.01 "OSCORE required".
        /// </summary>
        [TestMethod]
        public async Task EverythingTheGatewaySendsIsProtected()
        {
            using OscoreFolders folders = OscoreFolders.New();
            using PcDevice device = PcDevice.Start("--oscore", folders.Device, "--oscore-reads");
            await using TestGateway gateway = await StartAsync(device, folders.Client);

            // Online: the Observe registration of /temp (GET with Observe) verified at the device and its answer here.
            JsonElement kitchen = await gateway.WaitForStatusAsync("kitchen", "online", Online);
            Assert.IsTrue(kitchen.GetProperty("oscore").GetBoolean(), kitchen.ToString());
            Assert.AreEqual("25.0", kitchen.GetProperty("value").GetRawText());
            Assert.AreEqual("25.0", await gateway.Http.GetStringAsync("/api/devices/kitchen/temp"));

            // /status is polled protected too (it is a read, refused when plain).
            JsonElement status = await gateway.Http.GetFromJsonElementAsync("/api/devices/kitchen/status");
            Assert.AreEqual("0.1.0", status.GetProperty("status").GetProperty("version").GetString(), status.ToString());

            // Plain, straight to the device: refused (the write and the read).
            (byte plainPut, string plainText) = OscorePlainCoap.Request(device.Port, CoapCode.Put, "/temp", "40.0");
            Assert.AreEqual(CoapCode.Unauthorized, plainPut);
            Assert.AreEqual("OSCORE required", plainText);
            Assert.AreEqual(CoapCode.Unauthorized, OscorePlainCoap.Request(device.Port, CoapCode.Get, "/temp").Code);

            // The change goes out as a protected notification, to the page's SSE stream.
            await using SseStream stream = await SseStream.OpenAsync(gateway.Http);
            Assert.IsNotNull(await stream.NextAsync(TimeSpan.FromSeconds(5)), "the current state first");
            using HttpResponseMessage put = await gateway.Http.PutAsync("/api/devices/kitchen/temp", new StringContent("30.5", Encoding.UTF8, "text/plain"));
            Assert.AreEqual(HttpStatusCode.OK, put.StatusCode, await put.Content.ReadAsStringAsync());
            Assert.AreEqual("Temperature set to 30.5°C", await put.Content.ReadAsStringAsync());
            SseStream.ReceivedEvent? change = await stream.WaitForAsync(e => e.Json.GetProperty("value").GetRawText() == "30.5", TimeSpan.FromSeconds(5));
            Assert.IsNotNull(change, "the protected notification of the change reached the SSE stream");

            // /hc: a GET without Accept is not in the cache (the observed reading is stored under Accept text/plain): it reaches the device.
            using HttpResponseMessage hc = await gateway.Http.GetAsync($"/hc/coap://[::1]:{device.Port}/temp");
            Assert.AreEqual(HttpStatusCode.OK, hc.StatusCode, await hc.Content.ReadAsStringAsync());
            Assert.AreEqual("30.5", await hc.Content.ReadAsStringAsync());

            string metrics = await gateway.Http.GetStringAsync("/metrics");
            foreach (string reason in OscoreFailure.All)
            {
                Assert.AreEqual(0d, Failures(metrics, "kitchen", reason), reason);
            }
        }

        /// <summary>A context whose keys are not the device's: the device refuses every request; /api and /hc answer 502 and /metrics counts it.</summary>
        [TestMethod]
        public async Task WrongKeysGive502AndAreCounted()
        {
            using OscoreFolders folders = OscoreFolders.New();
            using OscoreFolders other = OscoreFolders.New();
            using PcDevice device = PcDevice.Start("--oscore", folders.Device, "--oscore-reads");
            await using TestGateway gateway = await StartAsync(device, other.Client);

            using HttpResponseMessage read = await gateway.Http.GetAsync("/api/devices/kitchen/temp");
            Assert.AreEqual(HttpStatusCode.BadGateway, read.StatusCode);
            string body = await read.Content.ReadAsStringAsync();
            StringAssert.Contains(body, "Device kitchen");
            StringAssert.Contains(body, "refused the gateway's OSCORE request");
            Assert.IsFalse(body.Contains("Decryption failed", StringComparison.OrdinalIgnoreCase) || body.Contains("context not found", StringComparison.OrdinalIgnoreCase),
                "the device's unauthenticated diagnostic is not relayed: " + body);

            using HttpResponseMessage hc = await gateway.Http.GetAsync($"/hc/coap://[::1]:{device.Port}/temp");
            Assert.AreEqual(HttpStatusCode.BadGateway, hc.StatusCode);
            using HttpResponseMessage put = await gateway.Http.PutAsync("/api/devices/kitchen/temp", new StringContent("30.5", Encoding.UTF8, "text/plain"));
            Assert.AreEqual(HttpStatusCode.BadGateway, put.StatusCode);
            Assert.AreEqual(0, device.CountLines("Temperature set to"), "no write took effect:\n" + device.Process);

            string metrics = await gateway.Http.GetStringAsync("/metrics");
            Assert.IsTrue(Failures(metrics, "kitchen", OscoreFailure.Refused) >= 3, metrics);
            Assert.AreEqual("offline", (await gateway.DeviceAsync("kitchen")).GetProperty("status").GetString());
        }

        /// <summary>A device without OSCORE: it refuses the protected requests (4.02, the OSCORE option is critical); 502.</summary>
        [TestMethod]
        public async Task ADeviceWithoutOscoreRefuses()
        {
            using OscoreFolders folders = OscoreFolders.New();
            using PcDevice device = PcDevice.Start("--temperature", "21.5");
            await using TestGateway gateway = await StartAsync(device.Uri, folders.Client);

            using HttpResponseMessage read = await gateway.Http.GetAsync("/api/devices/kitchen/temp");
            Assert.AreEqual(HttpStatusCode.BadGateway, read.StatusCode);
            string body = await read.Content.ReadAsStringAsync();
            StringAssert.Contains(body, "(an unprotected 4.02)");
            Assert.IsFalse(body.Contains("21.5", StringComparison.Ordinal), body);
            Assert.IsTrue(Failures(await gateway.Http.GetStringAsync("/metrics"), "kitchen", OscoreFailure.Refused) >= 1);
        }

        /// <summary>Someone answering a plain 2.05 with a reading: the unauthenticated reading is not served (502, not-protected) nor taken as the device's value.</summary>
        [TestMethod]
        public async Task AnUnprotectedAnswerIsNotServed()
        {
            using OscoreFolders folders = OscoreFolders.New();
            using var impostor = new OscoreImpostor("21.5");
            await using TestGateway gateway = await StartAsync(impostor.Uri, folders.Client);

            using HttpResponseMessage read = await gateway.Http.GetAsync("/api/devices/kitchen/temp");
            Assert.AreEqual(HttpStatusCode.BadGateway, read.StatusCode);
            string body = await read.Content.ReadAsStringAsync();
            StringAssert.Contains(body, "answered without OSCORE protection");
            Assert.IsFalse(body.Contains("21.5", StringComparison.Ordinal), body);

            JsonElement kitchen = await gateway.DeviceAsync("kitchen");
            Assert.AreEqual(JsonValueKind.Null, kitchen.GetProperty("value").ValueKind, "the plain notification is no reading: " + kitchen);
            string metrics = await gateway.Http.GetStringAsync("/metrics");
            Assert.IsTrue(Failures(metrics, "kitchen", OscoreFailure.NotProtected) >= 1, metrics);
            Assert.AreEqual(0d, Failures(metrics, "kitchen", OscoreFailure.DecryptionFailed), metrics);
            Assert.IsTrue(impostor.Answered >= 1);
        }

        /// <summary>A forged protected answer (an OSCORE option, a "ciphertext" no key verifies): 502, counted as decryption-failed.</summary>
        [TestMethod]
        public async Task AnAnswerThatDoesNotVerifyIsNotServed()
        {
            using OscoreFolders folders = OscoreFolders.New();
            using var impostor = new OscoreImpostor("21.5 and more bytes than a tag", forge: true);
            await using TestGateway gateway = await StartAsync(impostor.Uri, folders.Client);

            using HttpResponseMessage hc = await gateway.Http.GetAsync($"/hc/coap://[::1]:{impostor.Port}/temp");
            Assert.AreEqual(HttpStatusCode.BadGateway, hc.StatusCode);
            string body = await hc.Content.ReadAsStringAsync();
            StringAssert.Contains(body, "does not verify");
            Assert.IsFalse(body.Contains("21.5", StringComparison.Ordinal), body);
            string metrics = await gateway.Http.GetStringAsync("/metrics");
            Assert.IsTrue(Failures(metrics, "kitchen", OscoreFailure.DecryptionFailed) >= 1, metrics);
            Assert.AreEqual(0d, Failures(metrics, "kitchen", OscoreFailure.NotProtected), metrics);
        }

        /// <summary>
        /// A second gateway with the same folder, the device still running: its requests take sequence numbers beyond the
        /// first gateway's (kept in the folder, RFC 8613 Appendix B.1.1), so the device's replay window accepts them.
        /// </summary>
        [TestMethod]
        public async Task ARestartedGatewayReusesNoSequenceNumber()
        {
            using OscoreFolders folders = OscoreFolders.New();
            using PcDevice device = PcDevice.Start("--oscore", folders.Device, "--oscore-reads");
            await using (TestGateway first = await StartAsync(device, folders.Client))
            {
                await first.WaitForStatusAsync("kitchen", "online", Online);
                using HttpResponseMessage put = await first.Http.PutAsync("/api/devices/kitchen/temp", new StringContent("22.5", Encoding.UTF8, "text/plain"));
                Assert.AreEqual(HttpStatusCode.OK, put.StatusCode, await put.Content.ReadAsStringAsync());
            }

            string sequence = Path.Combine(folders.Client, OscoreContextFolder.SequenceFileName);
            Assert.IsTrue(File.Exists(sequence), "the Sender Sequence Number is kept in the folder");
            long kept = BitConverter.ToInt64(File.ReadAllBytes(sequence), 0);
            Assert.IsTrue(kept > 0, "the first gateway used numbers: " + kept);

            await using TestGateway second = await StartAsync(device, folders.Client);
            await second.WaitForStatusAsync("kitchen", "online", Online);
            using HttpResponseMessage again = await second.Http.PutAsync("/api/devices/kitchen/temp", new StringContent("23.5", Encoding.UTF8, "text/plain"));
            Assert.AreEqual(HttpStatusCode.OK, again.StatusCode, await again.Content.ReadAsStringAsync());
            string metrics = await second.Http.GetStringAsync("/metrics");
            Assert.AreEqual(0d, Failures(metrics, "kitchen", OscoreFailure.Refused), "no request was refused as a replay:\n" + device.Process);
            Assert.AreEqual(0, device.CountLines("Replay"), device.Process.ToString());
        }

        /// <summary>The value of <c>thermodev_device_oscore_failures_total{device,reason}</c> in a /metrics text; fails when it is missing.</summary>
        public static double Failures(string metrics, string device, string reason)
        {
            string prefix = $"thermodev_device_oscore_failures_total{{device=\"{device}\",reason=\"{reason}\"}} ";
            string? line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
            Assert.IsNotNull(line, $"no {prefix}in:\n{metrics}");
            return double.Parse(line.Substring(prefix.Length), CultureInfo.InvariantCulture);
        }

        private static Task<TestGateway> StartAsync(PcDevice device, string clientFolder) => StartAsync(device.Uri, clientFolder);

        private static Task<TestGateway> StartAsync(string uri, string clientFolder) =>
            TestGateway.StartAsync(new[] { "kitchen=" + uri }, settings => new GatewaySettings
            {
                Devices = settings.Devices,
                Urls = settings.Urls,
                Oscore = new Dictionary<string, OscoreContextFolder> { ["kitchen"] = OscoreContextFolder.Load(clientFolder) },
            });
    }
}
