using System;
using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ThermoDev.HostTests.EndToEnd
{
    /// <summary>The PC build serves /status with its process's facts, read by libcoap's client as `coap-client -A 50` reads a board's.</summary>
    [TestClass]
    public class PcStatusTests
    {
        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void StatusIsJsonWithTheProcessFactsAndTheServersCounters()
        {
            using var pc = ThermoDevPc.Start("127.0.0.1");
            Assert.AreEqual("25.0", pc.Get());
            var status = pc.Client("status", "-A", "50");
            Assert.AreEqual(0, status.ExitCode, status.Stderr);
            using JsonDocument document = JsonDocument.Parse(status.Stdout.Trim());
            JsonElement root = document.RootElement;
            CollectionAssert.AreEqual(
                new[] { "version", "uptime", "freeMemory", "ip", "wifiReconnects", "sensor", "sensorError", "sensorFailures", "requests", "notifications", "retransmissions", "gaveUp", "evictions" },
                ToNames(root));
            StringAssert.StartsWith(root.GetProperty("version").GetString(), "0.1.0");
            Assert.IsGreaterThanOrEqualTo(0L, root.GetProperty("uptime").GetInt64());
            Assert.IsGreaterThan(0L, root.GetProperty("freeMemory").GetInt64());
            Assert.AreEqual("simulated", root.GetProperty("sensor").GetString());
            Assert.AreEqual(JsonValueKind.Null, root.GetProperty("sensorError").ValueKind);
            Assert.AreEqual(0, root.GetProperty("sensorFailures").GetInt32());
            Assert.AreEqual(0, root.GetProperty("wifiReconnects").GetInt32());

            // The GET /temp before, and this fetch's first block (at 64-byte blocks it takes several).
            Assert.AreEqual(2, root.GetProperty("requests").GetInt32());
        }

        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void StatusInTextIsNotAcceptable()
        {
            using var pc = ThermoDevPc.Start("127.0.0.1");
            var status = pc.Client("status", "-A", "0");
            StringAssert.Contains(status.Stdout + status.Stderr, "4.06");
        }

        private static string[] ToNames(JsonElement root)
        {
            var names = new System.Collections.Generic.List<string>();
            foreach (JsonProperty property in root.EnumerateObject())
            {
                names.Add(property.Name);
            }

            return names.ToArray();
        }
    }
}
