using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Coap.Micro.Oscore;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Gateway.Tests.Support;
using ThermoDev.TestSupport;

namespace ThermoDev.Gateway.Tests.Gateway
{
    /// <summary>
    /// No OSCORE key (Master Secret, Master Salt, the derived Sender and Recipient Keys and Common IV, RFC 8613 §3.2)
    /// ever leaves the gateway: the gateway as a program with contexts whose secrets are recognisable, every output
    /// searched for them in hex (either case) and base64.
    /// </summary>
    [TestClass]
    public sealed class OscoreKeyLeakTests
    {
        private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
        private static readonly byte[] KitchenSecret = Convert.FromHexString("5EC7E75EC7E75EC7E75EC7E75EC7E7A1");
        private static readonly byte[] KitchenSalt = Convert.FromHexString("5A175A175A175A17");
        private static readonly byte[] CellarSecret = Convert.FromHexString("C0FFEEC0FFEEC0FFEEC0FFEEC0FFEE01");
        private static readonly byte[] CellarSalt = Convert.FromHexString("5A1E5A1E5A1E5A1E");

        /// <summary>
        /// A protected device that answers (kitchen) and one whose keys the device does not hold (cellar, every request
        /// 502): standard output and error, /metrics, /api/devices and each device's objects, status and history, the
        /// page and its scripts, /events, /hc and the 502 answers hold none of the keys.
        /// </summary>
        [TestMethod]
        public async Task NoKeyInAnyOutput()
        {
            using OscoreFolders kitchenKeys = OscoreFolders.With(KitchenSecret, KitchenSalt);
            using OscoreFolders cellarKeys = OscoreFolders.With(CellarSecret, CellarSalt);
            using PcDevice device = PcDevice.Start("--oscore", kitchenKeys.Device, "--oscore-reads");
            using ChildProcess gateway = ChildProcess.StartDotnet(BuildOutputs.GatewayAssembly, new[]
            {
                "--device", "kitchen=" + device.Uri, "--device-oscore", "kitchen=" + kitchenKeys.Client,
                "--device", "cellar=" + device.Uri, "--device-oscore", "cellar=" + cellarKeys.Client,
                "--urls", "http://127.0.0.1:0", "--status-interval", "0.5",
            });
            string? open = gateway.WaitForLine(line => line.StartsWith("Open http://", StringComparison.Ordinal), StartTimeout);
            Assert.IsNotNull(open, gateway.ToString());
            StringAssert.Contains(gateway.OutputText, "Device kitchen: " + device.Uri + " (OSCORE)");

            var outputs = new List<string>();
            using var http = new HttpClient { BaseAddress = new Uri(open.Split(' ')[1]), Timeout = TimeSpan.FromSeconds(30) };
            Assert.IsTrue(await Eventually.TrueAsync(async () => (await http.GetStringAsync("/api/devices/kitchen")).Contains("\"online\"", StringComparison.Ordinal), TimeSpan.FromSeconds(15)),
                "kitchen is reached with its keys:\n" + gateway);
            using (HttpResponseMessage put = await http.PutAsync("/api/devices/kitchen/temp", new StringContent("26.5", Encoding.UTF8, "text/plain")))
            {
                outputs.Add(await put.Content.ReadAsStringAsync());
                Assert.AreEqual("Temperature set to 26.5°C", outputs[^1]);
            }

            using (HttpResponseMessage failed = await http.GetAsync("/api/devices/cellar/temp"))
            {
                Assert.AreEqual(System.Net.HttpStatusCode.BadGateway, failed.StatusCode);
                outputs.Add(await failed.Content.ReadAsStringAsync());
            }

            using (HttpResponseMessage failedPut = await http.PutAsync("/api/devices/cellar/temp", new StringContent("26.5", Encoding.UTF8, "text/plain")))
            {
                outputs.Add(failedPut.StatusCode + " " + await failedPut.Content.ReadAsStringAsync());
            }

            Assert.IsTrue(await Eventually.TrueAsync(async () => (await http.GetAsync("/api/devices/kitchen/status")).IsSuccessStatusCode, TimeSpan.FromSeconds(10)));
            foreach (string path in new[]
            {
                "/metrics", "/api/devices", "/api/devices/kitchen", "/api/devices/cellar", "/api/devices/kitchen/status",
                "/api/devices/cellar/status", "/api/devices/kitchen/history", "/api/devices/kitchen/temp", "/", "/app.js", "/app.css", "/chart.js",
                $"/hc/coap://[::1]:{device.Port}/temp", $"/hc/coap://[::1]:{device.Port}/status", $"/hc/coap://[::1]:{device.Port}/.well-known/core",
            })
            {
                using HttpResponseMessage response = await http.GetAsync(path);
                outputs.Add(path + " " + (int)response.StatusCode + "\n" + await response.Content.ReadAsStringAsync());
            }

            Assert.IsTrue(outputs.Any(o => o.StartsWith("/metrics 200", StringComparison.Ordinal) && o.Contains("thermodev_device_oscore_failures_total{device=\"cellar\",reason=\"refused\"}", StringComparison.Ordinal)));
            Assert.IsTrue(outputs.Any(o => o.StartsWith("/api/devices/kitchen 200", StringComparison.Ordinal) && o.Contains("\"oscore\":true", StringComparison.Ordinal)));
            outputs.Add(await ReadEventsAsync(http));
            Assert.AreEqual(0, gateway.Stop(TimeSpan.FromSeconds(15)), gateway.ToString());
            outputs.Add(gateway.OutputText);
            outputs.Add(gateway.ErrorText);

            string all = string.Join("\n", outputs);
            foreach ((string name, string text) in Forms())
            {
                Assert.IsFalse(all.Contains(text, StringComparison.OrdinalIgnoreCase), $"{name} ({text}) appears in the gateway's output");
            }
        }

        /// <summary>A settings.json whose secret is mistyped: exit code 2, one line naming the device, the file and the field, and not the (nearly) secret value.</summary>
        [TestMethod]
        public void AMistypedSecretIsNotPrinted()
        {
            using OscoreFolders keys = OscoreFolders.With(KitchenSecret, KitchenSalt);
            string settings = Path.Combine(keys.Client, OscoreContextFolder.SettingsFileName);
            string hex = OscoreContextFolder.Hex(KitchenSecret);
            string typo = hex.Substring(0, hex.Length - 1) + "z";
            File.WriteAllText(settings, File.ReadAllText(settings).Replace(hex, typo, StringComparison.Ordinal));

            using ChildProcess gateway = ChildProcess.StartDotnet(BuildOutputs.GatewayAssembly, new[]
            {
                "--device", "kitchen=coap://[::1]:5999", "--device-oscore", "kitchen=" + keys.Client, "--urls", "http://127.0.0.1:0",
            });
            Assert.IsTrue(gateway.WaitForExit(StartTimeout), "it ends by itself");
            Assert.AreEqual(2, gateway.ExitCode, gateway.ToString());
            StringAssert.Contains(gateway.ErrorText, "--device-oscore: device kitchen: " + settings + ": field 'secret_hex'");
            Assert.IsFalse((gateway.OutputText + gateway.ErrorText).Contains(hex.Substring(0, 12), StringComparison.OrdinalIgnoreCase), gateway.ToString());
        }

        // Every key of both contexts, each side, in the forms a leak would take.
        private static IEnumerable<(string Name, string Text)> Forms()
        {
            var keys = new List<(string, byte[])>
            {
                ("kitchen secret", KitchenSecret), ("kitchen salt", KitchenSalt), ("cellar secret", CellarSecret), ("cellar salt", CellarSalt),
            };
            foreach ((string name, byte[] secret, byte[] salt) in new[] { ("kitchen", KitchenSecret, KitchenSalt), ("cellar", CellarSecret, CellarSalt) })
            {
                var context = new OscoreSecurityContext(secret, salt, new byte[] { 0x02 }, new byte[] { 0x01 }, null);
                keys.Add((name + " sender key", context.SenderKey));
                keys.Add((name + " recipient key", context.RecipientKey));
                keys.Add((name + " common IV", context.CommonIv));
            }

            foreach ((string name, byte[] key) in keys)
            {
                yield return (name + " in hex", Convert.ToHexString(key));
                yield return (name + " in base64", Convert.ToBase64String(key).TrimEnd('='));
                yield return (name + " as hex bytes", BitConverter.ToString(key).Replace('-', ' '));
            }
        }

        // The first events of /events (the current state of each device), read for at most 3 s.
        private static async Task<string> ReadEventsAsync(HttpClient http)
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            var text = new StringBuilder();
            try
            {
                using HttpResponseMessage response = await http.GetAsync("/events", HttpCompletionOption.ResponseHeadersRead, cancel.Token);
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
                while (text.ToString().Split("event: reading").Length < 3)
                {
                    string? line = await reader.ReadLineAsync(cancel.Token);
                    if (line == null)
                    {
                        break;
                    }

                    text.AppendLine(line);
                }
            }
            catch (OperationCanceledException)
            {
                // What arrived is searched.
            }

            Assert.IsTrue(text.ToString().Contains("\"oscore\":true", StringComparison.Ordinal), "the events came: " + text);
            return text.ToString();
        }
    }
}
