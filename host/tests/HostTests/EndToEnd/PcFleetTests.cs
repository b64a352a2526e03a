using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Coap.Micro;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.TestSupport;

namespace ThermoDev.HostTests.EndToEnd
{
    /// <summary>
    /// --devices N: N simulated ThermoDevs in one process, each its own port, sensor and drift; a started
    /// line per device in order; exchange lines prefixed with the device's port; one signal stops them all;
    /// a port taken part-way stops the ones started and exits 1.
    /// </summary>
    [TestClass]
    public class PcFleetTests
    {
        private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

        [TestMethod]
        [DataRow("127.0.0.1")]
        [DataRow("::1")]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void ThreeDevicesOnFreePortsEachAnswerGetAndLogWithTheirPort(string loopback)
        {
            using var pc = ThermoDevPc.StartDevices(loopback, 3);
            Assert.AreEqual(3, pc.Ports.Distinct().Count(), string.Join(",", pc.Ports));

            foreach (int port in pc.Ports)
            {
                using var socket = new RawCoapSocket(pc.Address, port);
                socket.SendGet("temp", CoapMessageType.Confirmable);
                Assert.AreEqual(CoapCode.Content, socket.Receive().Code);
                Assert.AreEqual("25.0", socket.AnswerText);
            }

            // The start-up output lists every device's listener, then one started line per device, in order.
            List<string> lines = pc.Process.Output.ToList();
            CollectionAssert.AreEqual(
                pc.Ports.Select(port => $"Listening on UDP {pc.Host}:{port} ({(loopback == "::1" ? "IPv6" : "IPv4")})").ToList(),
                lines.Where(line => line.StartsWith("Listening on UDP ", StringComparison.Ordinal)).ToList());
            StringAssert.Contains(string.Join("\n", lines), "Devices: 3, each with its own simulated sensor, drift and port");

            string peer = loopback == "::1" ? @"\[::1\]:\d+" : @"127\.0\.0\.1:\d+";
            foreach (int port in pc.Ports)
            {
                var exchange = new Regex($@"^:{port} {peer} CON GET /temp -> 2\.05 25\.0$");
                Assert.IsNotNull(pc.Process.WaitForLine(exchange.IsMatch, Wait), $"no line matches {exchange} in:\n{string.Join("\n", pc.Process.Output)}");
            }
        }

        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void APutToOneDeviceChangesOnlyThatOne()
        {
            using var pc = ThermoDevPc.StartDevices("127.0.0.1", 3);
            using (var socket = new RawCoapSocket(pc.Address, pc.Ports[1]))
            {
                socket.SendPut("temp", "30.5");
                Assert.AreEqual(CoapCode.Changed, socket.Receive().Code);
                Assert.AreEqual("Temperature set to 30.5°C", socket.AnswerText);
            }

            CollectionAssert.AreEqual(new[] { "25.0", "30.5", "25.0" }, pc.Ports.Select(port => Get(pc, port)).ToList());
        }

        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void EachDeviceDriftsOnItsOwn()
        {
            using var pc = ThermoDevPc.StartDevices("127.0.0.1", 3, "--drift", "0.5", "--seed", "42", "--interval", "100");
            StringAssert.Contains(string.Join("\n", pc.Process.Output), "drift up to 0.5 °C per reading (seeds 42 to 44, one per device)");

            // Bounded: a few readings in, three independent walks no longer agree.
            List<string> values = null;
            for (int attempt = 0; attempt < 50; attempt++)
            {
                values = pc.Ports.Select(port => Get(pc, port)).ToList();
                if (values.Distinct().Count() > 1)
                {
                    break;
                }

                System.Threading.Thread.Sleep(200);
            }

            Assert.IsTrue(values.Distinct().Count() > 1, "the devices drift together: " + string.Join(" ", values));
        }

        [TestMethod]
        [Timeout(90_000, CooperativeCancellation = true)]
        public void TheSameSeedRepeatsEachDevicesSequenceAndTheDevicesDiffer()
        {
            string[] options = { "--drift", "0.5", "--seed", "42", "--interval", "200", "--quiet" };
            using var first = ThermoDevPc.StartDevices("127.0.0.1", 2, options);
            using var second = ThermoDevPc.StartDevices("127.0.0.1", 2, options);
            List<decimal>[] seen = Observe(new[] { (first, 0), (first, 1), (second, 0), (second, 1) }, 10);

            // Each observer starts at whatever reading its process had reached, so the two runs' values
            // are windows of one sequence per device: they line up at some offset.
            Assert.IsTrue(LineUp(seen[0], seen[2]), $"device 0, two runs: {Show(seen[0])} / {Show(seen[2])}");
            Assert.IsTrue(LineUp(seen[1], seen[3]), $"device 1, two runs: {Show(seen[1])} / {Show(seen[3])}");
            Assert.IsFalse(LineUp(seen[0], seen[1]), $"devices 0 and 1 drift alike: {Show(seen[0])} / {Show(seen[1])}");
        }

        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void SigtermStopsEveryDeviceAndFreesEveryPort()
        {
            if (OperatingSystem.IsWindows())
            {
                Assert.Inconclusive("POSIX signals");
            }

            using var pc = ThermoDevPc.StartDevices("127.0.0.1", 3);
            Assert.AreEqual("25.0", Get(pc, pc.Ports[2]));
            Assert.AreEqual(0, pc.Stop(ChildProcess.SIGTERM, Wait), string.Join("\n", pc.Process.Errors));

            List<string> output = pc.Process.Output.ToList();
            Assert.AreEqual("Stopped after 1 requests and 0 notifications on 3 devices", output.Last(), string.Join("\n", output));
            Assert.IsTrue(output.Contains($":{pc.Ports[2]} stopped after 1 requests and 0 notifications"), string.Join("\n", output));
            Assert.AreEqual(string.Empty, string.Join("\n", pc.Process.Errors));
            foreach (int port in pc.Ports)
            {
                using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            }
        }

        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void APortTakenPartWayStopsTheOnesStartedAndExitsOne()
        {
            // A free port P whose next one is taken here: the second device cannot start.
            using Socket taken = TakeTheNextOfAFreePort(out int first);
            var run = ThermoDevPc.Run("--devices", "3", "--port", first.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1");
            Assert.AreEqual(1, run.ExitCode, run.AllOutput);
            StringAssert.Contains(run.Stderr, $"thermodev: cannot listen on UDP 127.0.0.1:{first + 1} (device 2 of 3; the devices before it were stopped): ");
            Assert.IsFalse(run.Stdout.Contains(ThermoDevPc.StartedPrefix, StringComparison.Ordinal), run.Stdout);

            // The first device's port was closed again.
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, first));
        }

        /// <summary>A socket bound to 127.0.0.1 on the port after <paramref name="free"/>, a port that was free a moment ago.</summary>
        internal static Socket TakeTheNextOfAFreePort(out int free)
        {
            for (int attempt = 0; attempt < 20; attempt++)
            {
                using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                free = ((IPEndPoint)probe.LocalEndPoint).Port;
                if (free == IPEndPoint.MaxPort)
                {
                    continue;
                }

                var next = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                try
                {
                    next.Bind(new IPEndPoint(IPAddress.Loopback, free + 1));
                    return next;
                }
                catch (SocketException)
                {
                    next.Dispose();
                }
            }

            Assert.Fail("no free port with a free next one in 20 tries");
            free = 0;
            return null;
        }

        // The observed values of each (process, device), the first `count` of each, observed at once.
        private static List<decimal>[] Observe((ThermoDevPc Pc, int Device)[] devices, int count)
        {
            var observers = devices.Select(d => d.Pc.ObserveDevice(d.Pc.Ports[d.Device], "temp", 20)).ToList();
            try
            {
                return observers.Select(observer =>
                {
                    List<decimal> values = observer.WaitForLines(line => line.Length > 0, count, TimeSpan.FromSeconds(20)).Select(Parse).ToList();
                    Assert.IsTrue(values.Count >= count, "values seen: " + string.Join(" ", observer.Output) + " " + string.Join(" ", observer.Errors));
                    return values.Take(count).ToList();
                }).ToArray();
            }
            finally
            {
                observers.ForEach(observer => observer.Dispose());
            }
        }

        // True when one list, shifted by up to half its length, agrees with the other on at least 5 values.
        private static bool LineUp(List<decimal> a, List<decimal> b)
        {
            for (int shift = -a.Count / 2; shift <= a.Count / 2; shift++)
            {
                var pairs = Enumerable.Range(0, a.Count).Where(i => i + shift >= 0 && i + shift < b.Count).Select(i => (a[i], b[i + shift])).ToList();
                if (pairs.Count >= 5 && pairs.All(p => p.Item1 == p.Item2))
                {
                    return true;
                }
            }

            return false;
        }

        private static string Get(ThermoDevPc pc, int port)
        {
            using var socket = new RawCoapSocket(pc.Address, port);
            socket.SendGet("temp", CoapMessageType.Confirmable);
            Assert.AreEqual(CoapCode.Content, socket.Receive().Code);
            return socket.AnswerText;
        }

        private static string Show(List<decimal> values) => string.Join(" ", values);

        private static decimal Parse(string text) => decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
    }
}
