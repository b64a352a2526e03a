using System;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Coap.Micro;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.TestSupport;

namespace ThermoDev.HostTests.EndToEnd
{
    /// <summary>
    /// The log never holds up the server: with its standard output not read at all (a paused terminal,
    /// a stuck pipe), the PC build still answers every request at once; the lines that found no room
    /// are dropped and counted, and the count is printed when output moves again.
    /// </summary>
    [TestClass]
    public class PcConsoleBackpressureTests
    {
        // More log lines (about 43 bytes each, 1.3 MB) than the log queue (4096 lines) and a pipe
        // (64 KB by default on Linux, at most 1 MB unless raised) hold together.
        private const int Requests = 30_000;

        [TestMethod]
        [Timeout(120_000, CooperativeCancellation = true)]
        public void AnUnreadStandardOutputNeverStopsTheServer()
        {
            if (OperatingSystem.IsWindows())
            {
                Assert.Inconclusive("POSIX signals");
            }

            // Standard output is read here, line by line until the started line, and then not at all.
            (string program, var arguments) = ThermoDevPc.Command(new[] { "--port", "0", "--bind", "127.0.0.1" });
            using ChildProcess process = ChildProcess.Start(program, arguments, readStandardOutput: false);
            Task<int> started = Task.Run(() => ReadPort(process.StandardOutput));
            Assert.IsTrue(started.Wait(TimeSpan.FromSeconds(30)), "no started line");

            // Standard output is not read from here on.
            using (var socket = new RawCoapSocket(IPAddress.Loopback, started.Result))
            {
                for (int i = 0; i < Requests; i++)
                {
                    socket.SendGet("temp", CoapMessageType.Confirmable);
                    Assert.AreEqual(CoapCode.Content, socket.Receive().Code, $"request {i}");
                }
            }

            Task<string> rest = process.StandardOutput.ReadToEndAsync();
            process.Signal(ChildProcess.SIGTERM);
            Assert.IsTrue(process.WaitForExit(TimeSpan.FromSeconds(10)), "did not stop");
            Assert.AreEqual(0, process.ExitCode, process.ErrorText);
            Assert.IsTrue(rest.Wait(TimeSpan.FromSeconds(10)));
            StringAssert.Matches(rest.Result, new Regex(@"^\(\d+ log lines dropped: output was not keeping up\)$", RegexOptions.Multiline));
            StringAssert.Contains(rest.Result, $"Stopped after {Requests} requests");
        }

        private static int ReadPort(System.IO.StreamReader output)
        {
            string line;
            while ((line = output.ReadLine()) != null)
            {
                if (line.StartsWith(ThermoDevPc.StartedPrefix, StringComparison.Ordinal))
                {
                    return int.Parse(line.Substring(ThermoDevPc.StartedPrefix.Length), CultureInfo.InvariantCulture);
                }
            }

            return -1;
        }
    }
}
