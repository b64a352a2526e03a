using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Coap.Micro;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.EndToEnd;
using ThermoDev.HostTests.Support;
using ThermoDev.TestSupport;

namespace ThermoDev.HostTests.Robustness
{
    /// <summary>
    /// A flood against the PC build over UDP on loopback: 20 sockets each send 10,000 confirmable GETs of
    /// /temp as fast as they can (200,000 in all). Afterwards the server answers normally and its resident
    /// memory is what it was before (read from /proc; the server runs with --quiet, so what is measured is
    /// the server and not the log of 200,000 exchanges).
    /// </summary>
    [TestClass]
    public class PcFloodTests
    {
        private const int Sockets = 20;
        private const int GetsPerSocket = 10_000;

        /// <summary>What the resident set may grow by: the runtime's own noise, far below what a leak of a few bytes per request (200,000 requests) would show.</summary>
        private const long Tolerance = 4L * 1024 * 1024;

        public TestContext TestContext { get; set; }

        [TestMethod]
        [Timeout(180_000, CooperativeCancellation = true)]
        public void TwentySocketsFloodingGetsLeaveTheServerAnsweringWithTheMemoryItHad()
        {
            if (!ResidentMemory.Available)
            {
                Assert.Inconclusive("resident memory is read from /proc (Linux)");
            }

            using ThermoDevPc pc = ThermoDevPc.Start("127.0.0.1", "--quiet");

            // Warm-up: the same flood, smaller, so the runtime has compiled and sized what the flood uses.
            Flood(pc, 2_000);
            Thread.Sleep(1_000);
            long before = ResidentMemory.Of(pc.Process.Id);

            var watch = Stopwatch.StartNew();
            long answered = Flood(pc, GetsPerSocket);
            double seconds = watch.Elapsed.TotalSeconds;
            Thread.Sleep(1_000);

            using (var probe = new RawCoapSocket(pc.Address, pc.Port))
            {
                probe.SendGet("temp", CoapMessageType.Confirmable);
                CoapMessage answer = probe.Receive();
                Assert.AreEqual(CoapCode.Content, answer.Code);
                Assert.AreEqual("25.0", System.Text.Encoding.ASCII.GetString(answer.Buffer, answer.PayloadOffset, answer.PayloadLength));
            }

            long after = ResidentMemory.Of(pc.Process.Id);
            Assert.IsFalse(pc.Process.HasExited);

            // It stops as asked, and says how many requests it handled (the others were lost in full socket buffers).
            Assert.AreEqual(0, pc.Stop(ChildProcess.SIGTERM, TimeSpan.FromSeconds(10)));
            string stopped = pc.Process.WaitForLine(line => line.StartsWith("Stopped after ", StringComparison.Ordinal), TimeSpan.FromSeconds(5));
            TestContext.WriteLine($"{Sockets} sockets sent {Sockets * GetsPerSocket:N0} CON GETs in {seconds:F1} s ({Sockets * GetsPerSocket / seconds:N0}/s); {answered:N0} answers reached them; the server: {stopped} (warm-up of {Sockets * 2_000:N0} GETs included)");
            TestContext.WriteLine($"resident memory of the PC build: {ResidentMemory.Format(before)} before, {ResidentMemory.Format(after)} after ({(after - before) / 1024:+#,0;-#,0;0} KB)");
            Assert.IsNotNull(stopped);
            Assert.IsGreaterThan(0L, answered);
            Assert.IsLessThanOrEqualTo(before + Tolerance, after, $"resident memory grew from {ResidentMemory.Format(before)} to {ResidentMemory.Format(after)}");
        }

        // Every socket sends its GETs as fast as it can and takes whatever answers have arrived meanwhile; returns the answers seen.
        private static long Flood(ThermoDevPc pc, int getsPerSocket)
        {
            long answered = 0;
            Parallel.For(0, Sockets, new ParallelOptions { MaxDegreeOfParallelism = Sockets }, index =>
            {
                using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                socket.Connect(new IPEndPoint(pc.Address, pc.Port));
                byte[] get = { 0x40, 0x01, 0, 0, 0xB4, (byte)'t', (byte)'e', (byte)'m', (byte)'p' };
                var answer = new byte[128];
                long mine = 0;
                for (int i = 0; i < getsPerSocket; i++)
                {
                    get[2] = (byte)(i >> 8);
                    get[3] = (byte)i;
                    socket.Send(get);
                    while (socket.Available > 0)
                    {
                        socket.Receive(answer);
                        mine++;
                    }
                }

                socket.ReceiveTimeout = 200;
                try
                {
                    while (true)
                    {
                        socket.Receive(answer);
                        mine++;
                    }
                }
                catch (SocketException)
                {
                    // No more answers within 200 ms.
                }

                Interlocked.Add(ref answered, mine);
            });

            return answered;
        }
    }
}
