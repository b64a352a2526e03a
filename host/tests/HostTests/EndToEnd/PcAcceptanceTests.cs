using System;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.TestSupport;

namespace ThermoDev.HostTests.EndToEnd
{
    /// <summary>
    /// The README's story on a PC, driven by libcoap's client: GET 25.0; PUT 30.5 and GET it back; an
    /// observer told of the change; one log line per exchange; on IPv4 and IPv6 loopback.
    /// </summary>
    [TestClass]
    public class PcAcceptanceTests
    {
        private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

        [TestMethod]
        [DataRow("127.0.0.1")]
        [DataRow("::1")]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void GetPutAndObserveAsTheReadmeSays(string loopback)
        {
            using var pc = ThermoDevPc.Start(loopback);
            Assert.AreEqual("25.0", pc.Get());

            using var observer = pc.Observe("temp", 10);
            Assert.IsNotNull(observer.WaitForLine(line => line == "25.0", Wait), "the observer's first value: " + string.Join("|", observer.Output) + string.Join("|", observer.Errors));

            var put = pc.Client("temp", "-m", "put", "-e", "30.5");
            Assert.AreEqual("Temperature set to 30.5°C", put.Stdout.Trim(), put.Stderr);
            Assert.IsNotNull(observer.WaitForLine(line => line == "30.5", Wait), "the observer was not told of the change: " + string.Join("|", observer.Output));
            Assert.AreEqual("30.5", pc.Get());

            string peer = loopback == "::1" ? @"\[::1\]:\d+" : @"127\.0\.0\.1:\d+";
            ExpectLogLine(pc, $@"^{peer} CON GET /temp -> 2\.05 25\.0$");
            ExpectLogLine(pc, $@"^{peer} CON GET /temp Observe 0 -> 2\.05 Observe \d+ 25\.0$");
            ExpectLogLine(pc, $@"^{peer} CON PUT /temp ""30\.5"" -> 2\.04 Temperature set to 30\.5°C$");
            ExpectLogLine(pc, $@"^{peer} <- (NON|CON) 2\.05 Observe \d+ 30\.5$");
            ExpectLogLine(pc, $@"^{peer} CON GET /temp -> 2\.05 30\.5$");
        }

        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void StartUpOutputSaysWhatIsServedThenTheStartedLine()
        {
            using var pc = ThermoDevPc.Start("127.0.0.1", "--temperature", "21.5", "--drift", "0.25", "--seed", "7", "--max-observers", "3");
            var lines = pc.Process.Output.ToList();
            int started = lines.FindIndex(line => line.StartsWith(ThermoDevPc.StartedPrefix, StringComparison.Ordinal));
            Assert.AreEqual($"CoAP server started on port {pc.Port}", lines[started]);
            string before = string.Join("\n", lines.Take(started));
            StringAssert.StartsWith(before, "ThermoDev 0.1.0");
            StringAssert.Contains(before, "Sensor: simulated, 21.5 °C, drift up to 0.25 °C per reading (seed 7)");
            StringAssert.Contains(before, "up to 3 observers");
            StringAssert.Contains(before, $"Listening on UDP 127.0.0.1:{pc.Port} (IPv4)");
            StringAssert.Contains(before, "Resources: /temp");
        }

        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void QuietPrintsNoExchangeAndTheTemperatureOptionSetsTheFirstValue()
        {
            using var pc = ThermoDevPc.Start("::1", "--quiet", "--temperature", "-5.5");
            Assert.AreEqual("-5.5", pc.Get());
            Assert.AreEqual(0, pc.Stop(ChildProcess.SIGTERM, Wait));
            Assert.IsFalse(pc.Process.Output.Any(line => line.Contains(" CON ", StringComparison.Ordinal)), string.Join("\n", pc.Process.Output));
            Assert.IsTrue(pc.Process.Output.Any(line => line.StartsWith("Stopped after 1 requests", StringComparison.Ordinal)), string.Join("\n", pc.Process.Output));
        }

        private static void ExpectLogLine(ThermoDevPc pc, string pattern)
        {
            var regex = new Regex(pattern);
            Assert.IsNotNull(pc.Process.WaitForLine(regex.IsMatch, Wait), $"no line matches {pattern} in:\n{string.Join("\n", pc.Process.Output)}");
        }
    }
}
