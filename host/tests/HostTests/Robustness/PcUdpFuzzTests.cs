using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Coap.Micro;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.EndToEnd;
using ThermoDev.TestSupport;

namespace ThermoDev.HostTests.Robustness
{
    /// <summary>
    /// 20,000 fuzzed datagrams (<see cref="DatagramFuzzer"/>, seeded) over real UDP on loopback against the
    /// PC build, from 16 sockets; after every 500 a confirmable GET of /temp from a socket of its own must
    /// get 2.05, and at the end the program stops cleanly when asked.
    /// </summary>
    [TestClass]
    public class PcUdpFuzzTests
    {
        private const int Datagrams = 20_000;
        private const int ProbeEvery = 500;
        private const int DefaultSeed = 7_341;

        public TestContext TestContext { get; set; }

        [TestMethod]
        [Timeout(180_000, CooperativeCancellation = true)]
        public void TwentyThousandFuzzedDatagramsOverUdpLeaveThePcBuildServing()
        {
            string text = Environment.GetEnvironmentVariable("THERMODEV_FUZZ_SEED");
            int seed = int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int s) ? s : DefaultSeed;
            TestContext.WriteLine($"seed {seed} (THERMODEV_FUZZ_SEED={seed} repeats this run)");

            using ThermoDevPc pc = ThermoDevPc.Start("127.0.0.1", "--quiet");
            var server = new IPEndPoint(pc.Address, pc.Port);
            Socket[] senders = Enumerable.Range(0, 16).Select(_ => Connected(server)).ToArray();
            var fuzzer = new DatagramFuzzer(seed);
            var message = new CoapMessage(64);
            var answer = new byte[2048];
            int probes = 0;
            long answers = 0;
            var watch = Stopwatch.StartNew();
            try
            {
                for (int i = 0; i < Datagrams; i++)
                {
                    fuzzer.Next();
                    int index = SocketOf(fuzzer.Host);
                    senders[index].Send(fuzzer.Buffer, 0, fuzzer.Length, SocketFlags.None);
                    if (i % 50 == 49)
                    {
                        // Bursts of 50, so the server's socket buffer (a few hundred datagrams) seldom overflows.
                        answers += Drain(senders, fuzzer, message, answer);
                        Thread.Sleep(1);
                    }

                    if (i % ProbeEvery == ProbeEvery - 1)
                    {
                        Probe(server, i, seed);
                        probes++;
                    }
                }
            }
            finally
            {
                foreach (Socket socket in senders)
                {
                    socket.Dispose();
                }
            }

            double seconds = watch.Elapsed.TotalSeconds;
            Assert.IsFalse(pc.Process.HasExited);
            Assert.AreEqual(0, pc.Stop(ChildProcess.SIGTERM, TimeSpan.FromSeconds(10)), "the PC build did not stop cleanly");
            string stopped = pc.Process.WaitForLine(line => line.StartsWith("Stopped after ", StringComparison.Ordinal), TimeSpan.FromSeconds(5));
            TestContext.WriteLine($"{Datagrams:N0} datagrams in {seconds:F1} s, {probes} probes answered 2.05, {answers:N0} answers received; {stopped}");
            Assert.AreEqual(Datagrams / ProbeEvery, probes);
            Assert.IsNotNull(stopped);
            Assert.AreEqual(string.Empty, string.Join("\n", pc.Process.Errors));
        }

        private static Socket Connected(IPEndPoint server)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Connect(server);
            return socket;
        }

        // The fuzzer's 16 hosts (192.0.2.1-8 and .200-207) are the 16 sockets.
        private static int SocketOf(byte host) => (host & 7) | (host >= 192 ? 8 : 0);

        private static byte HostOf(int socket) => (byte)(socket < 8 ? socket : 192 + socket);

        // Takes what the server answered; its Message IDs feed the fuzzer's ACKs and RSTs. Every answer parses.
        private static long Drain(Socket[] senders, DatagramFuzzer fuzzer, CoapMessage message, byte[] buffer)
        {
            long count = 0;
            for (int k = 0; k < senders.Length; k++)
            {
                while (senders[k].Available > 0)
                {
                    int length;
                    try
                    {
                        length = senders[k].Receive(buffer);
                    }
                    catch (SocketException)
                    {
                        // An ICMP error for an earlier datagram; nothing to read.
                        break;
                    }

                    Assert.AreEqual(CoapParseResult.Ok, message.Parse(buffer, 0, length), Convert.ToHexString(buffer, 0, length));
                    fuzzer.ServerSent(message.MessageId, HostOf(k), 0x33);
                    count++;
                }
            }

            return count;
        }

        // Liveness: a CON GET of /temp from a socket of its own gets 2.05 (tried five times, a second each:
        // UDP may lose it in a full buffer behind the fuzz).
        private static void Probe(IPEndPoint server, int i, int seed)
        {
            using Socket probe = Connected(server);
            probe.ReceiveTimeout = 1_000;
            var buffer = new byte[256];
            var answer = new CoapMessage(16);
            for (int attempt = 0; attempt < 5; attempt++)
            {
                ushort messageId = (ushort)(0x7000 + attempt);
                probe.Send(new byte[] { 0x41, 0x01, (byte)(messageId >> 8), (byte)messageId, 0x9B, 0xB4, (byte)'t', (byte)'e', (byte)'m', (byte)'p' });
                try
                {
                    int length = probe.Receive(buffer);
                    Assert.AreEqual(CoapParseResult.Ok, answer.Parse(buffer, 0, length));
                    Assert.AreEqual(CoapCode.Content, answer.Code, $"probe after datagram {i} (seed {seed})");
                    Assert.AreEqual(messageId, answer.MessageId);
                    return;
                }
                catch (SocketException)
                {
                    // No answer within a second: try again.
                }
            }

            Assert.Fail($"the PC build did not answer a GET after datagram {i} (seed {seed})");
        }
    }
}
