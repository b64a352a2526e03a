using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.TestSupport;

namespace ThermoDev.HostTests.EndToEnd
{
    /// <summary>How the PC build ends: Ctrl+C (SIGINT) and SIGTERM stop it cleanly; a taken port is an error.</summary>
    [TestClass]
    public class PcLifetimeTests
    {
        [TestMethod]
        [DataRow(ChildProcess.SIGINT, "SIGINT")]
        [DataRow(ChildProcess.SIGTERM, "SIGTERM")]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void ASignalStopsItCleanlyFreesThePortAndObserversHearNothingMore(int signal, string name)
        {
            if (OperatingSystem.IsWindows())
            {
                Assert.Inconclusive("POSIX signals");
            }

            using var pc = ThermoDevPc.Start("127.0.0.1", "--drift", "0.5", "--interval", "100");
            using var observer = pc.Observe("temp", 20);
            Assert.AreEqual(3, observer.WaitForLines(line => line.Length > 0, 3, TimeSpan.FromSeconds(10)).Count, "the observer got no notifications");

            Assert.AreEqual(0, pc.Stop(signal, TimeSpan.FromSeconds(10)), string.Join("\n", pc.Process.Errors));
            StringAssert.Contains(string.Join("\n", pc.Process.Output), $"Stopping ({name})");
            Assert.IsTrue(pc.Process.Output.Last().StartsWith("Stopped after ", StringComparison.Ordinal), pc.Process.Output.Last());
            Assert.AreEqual(string.Empty, string.Join("\n", pc.Process.Errors));

            // The server is gone: nothing reaches the observer any more.
            int heard = observer.Output.Count;
            Thread.Sleep(500);
            Assert.AreEqual(heard, observer.Output.Count, "a notification came after the stop");

            // And the port is free again.
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, pc.Port));
        }

        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void APortInUseIsReportedWithExitCodeOne()
        {
            using var taken = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp) { DualMode = true };
            taken.Bind(new IPEndPoint(IPAddress.Loopback.MapToIPv6(), 0));
            int port = ((IPEndPoint)taken.LocalEndPoint).Port;

            var run = ThermoDevPc.Run("--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1");
            Assert.AreEqual(1, run.ExitCode, run.AllOutput);
            StringAssert.Contains(run.Stderr, $"cannot listen on UDP 127.0.0.1:{port}");
            Assert.IsFalse(run.Stdout.Contains(ThermoDevPc.StartedPrefix, StringComparison.Ordinal), run.Stdout);
        }
    }
}
