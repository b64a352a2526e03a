using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Coap.Micro;
using Coap.Micro.Dotnet;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Interop;

namespace ThermoDev.HostTests.Robustness
{
    /// <summary>Junk and oversized datagrams over real UDP on loopback: the server stays up and allocates nothing.</summary>
    [TestClass]
    public class UdpFloodTests
    {
        [TestMethod]
        [Timeout(120_000, CooperativeCancellation = true)]
        public void JunkFloodAllocatesNothingAndTheServerStillAnswers()
        {
            using var transport = new DotnetUdpTransport(new IPEndPoint(IPAddress.Loopback, 0));
            CoapServer server = NewServer(transport);
            using Socket client = ConnectedClient(transport);
            var random = new Random(11);

            // Junk of up to 1,100 bytes in bursts of 50 (so the socket buffer never overflows), each burst
            // served on this thread. Warm-up runs at least 3 s, then until 5,000 datagrams in a row
            // allocate nothing (the runtime tiers the code meanwhile), 60 s at most.
            var warmUp = System.Diagnostics.Stopwatch.StartNew();
            while (Flood(client, server, random, 5_000) > 0 || warmUp.ElapsedMilliseconds < 3_000)
            {
                if (warmUp.ElapsedMilliseconds > 60_000)
                {
                    break;
                }
            }

            long allocated = Flood(client, server, random, 20_000);

            Assert.AreEqual(0L, allocated, $"{allocated} bytes allocated while serving 20,000 junk datagrams");
            Assert.AreEqual(0, server.Counters.LoopFaults);
            Assert.IsGreaterThan(0, server.Counters.Dropped + server.Counters.Resets + server.Counters.ClientErrors);

            client.Send(Convert.FromHexString("4101ABCDAAB474657374"));
            Assert.IsTrue(server.Poll(5_000));
            var response = new byte[64];
            int n = client.Receive(response);
            var answer = new CoapMessage(8);
            Assert.AreEqual(CoapParseResult.Ok, answer.Parse(response, 0, n));
            Assert.AreEqual(CoapCode.Content, answer.Code);
            Assert.AreEqual((ushort)0xABCD, answer.MessageId);
        }

        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void OversizedDatagramGetsTooLargeWithSize1()
        {
            using var transport = new DotnetUdpTransport(new IPEndPoint(IPAddress.Loopback, 0));
            CoapServer server = NewServer(transport);
            using Socket client = ConnectedClient(transport);

            byte[] head = Convert.FromHexString("4103BEEFAAB474657374FF");
            byte[] request = new byte[4_000];
            head.CopyTo(request, 0);
            client.Send(request);
            Assert.IsTrue(server.Poll(5_000));

            var response = new byte[64];
            int n = client.Receive(response);
            var answer = new CoapMessage(8);
            Assert.AreEqual(CoapParseResult.Ok, answer.Parse(response, 0, n));
            Assert.AreEqual(CoapCode.RequestEntityTooLarge, answer.Code);
            Assert.AreEqual((ushort)0xBEEF, answer.MessageId);
            Assert.IsTrue(answer.TryGetUIntOption(CoapOption.Size1, 0, out uint size1));
            Assert.AreEqual((uint)(server.Options.MaxRequestSize - head.Length), size1);
        }

        private static CoapServer NewServer(DotnetUdpTransport transport)
        {
            var server = new CoapServer(transport, new MonotonicClock(), new CoapRandom(new Random(5)), new CoapServerOptions());
            server.Add(new LoopbackServer.TextResource("test"));
            return server;
        }

        private static Socket ConnectedClient(DotnetUdpTransport transport)
        {
            var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            client.Connect(IPAddress.Loopback, transport.LocalEndPoint.Port);
            client.ReceiveTimeout = 5_000;
            return client;
        }

        // Returns the bytes allocated inside the server's Poll calls (the client shares this thread).
        private static long Flood(Socket client, CoapServer server, Random random, int count)
        {
            long allocated = 0;
            var datagram = new byte[1_100];
            for (int sent = 0; sent < count; sent += 50)
            {
                for (int i = 0; i < 50; i++)
                {
                    int length = random.Next(1, datagram.Length);
                    random.NextBytes(datagram.AsSpan(0, length));
                    client.Send(datagram.AsSpan(0, length));
                }

                for (int i = 0; i < 50; i++)
                {
                    long before = GC.GetAllocatedBytesForCurrentThread();
                    bool received = server.Poll(5_000);
                    allocated += GC.GetAllocatedBytesForCurrentThread() - before;
                    if (!received)
                    {
                        throw new TimeoutException($"datagram {sent + i} of {count} did not arrive");
                    }
                }

                // Discard whatever the server answered (RSTs and error responses).
                while (client.Available > 0)
                {
                    client.Receive(datagram);
                }
            }

            return allocated;
        }
    }
}
