using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Coap.Micro;
using Coap.Micro.Dotnet;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Interop;

namespace ThermoDev.HostTests.Allocation
{
    /// <summary>The request path through the real .NET UDP transport allocates nothing on the server thread.</summary>
    [TestClass]
    public class UdpServerAllocationTests
    {
        private const int MinWarmUp = 100_000;
        private const int MinWarmUpMilliseconds = 3_000;
        private const int Measured = 100_000;

        [TestMethod]
        [Timeout(180_000, CooperativeCancellation = true)]
        public void HundredThousandRequestsAllocateNothingOnTheServerThread()
        {
            using var transport = new DotnetUdpTransport(new IPEndPoint(IPAddress.Loopback, 0));
            var server = new CoapServer(transport, new MonotonicClock(), new CoapRandom(new Random(3)), new CoapServerOptions());
            server.Add(new LoopbackServer.TextResource("test"));
            int port = transport.LocalEndPoint.Port;

            var stop = new ManualResetEventSlim();
            Exception clientFailure = null;
            int sent = 0;
            var client = new Thread(() =>
            {
                try
                {
                    sent = RunClient(port, stop);
                }
                catch (Exception ex)
                {
                    clientFailure = ex;
                }
            });
            client.Start();

            // Warm up until the runtime has finished tiering the request path: at least 100,000 requests
            // and 3 s, then until 10,000 requests in a row allocate nothing (the runtime's tiered-PGO
            // instrumentation allocates a few bytes until then), 60 s at most. Then measure.
            var warmUp = System.Diagnostics.Stopwatch.StartNew();
            int warmUpRequests = 0;
            while (warmUpRequests < MinWarmUp || warmUp.ElapsedMilliseconds < MinWarmUpMilliseconds
                || (AllocatedServing(server, 10_000) > 0 && warmUp.ElapsedMilliseconds < 60_000))
            {
                Serve(server, 1_000);
                warmUpRequests += 1_000;
            }

            long allocated = AllocatedServing(server, Measured);

            stop.Set();
            for (int i = 0; i < 100 && client.IsAlive; i++)
            {
                server.Poll(50);
            }

            Assert.IsTrue(client.Join(10_000), "client did not finish");
            Assert.IsNull(clientFailure, clientFailure?.ToString());
            Assert.AreEqual(sent, server.Counters.Success);
            Assert.AreEqual(0L, allocated, $"{allocated} bytes over {Measured} requests");
        }

        private static long AllocatedServing(CoapServer server, int requests)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            Serve(server, requests);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        private static void Serve(CoapServer server, int requests)
        {
            for (int i = 0; i < requests; i++)
            {
                if (!server.Poll(5_000))
                {
                    throw new TimeoutException($"no request after {i} of {requests}");
                }
            }
        }

        // Lock-step CON GETs to coap://127.0.0.1:port/test, each checked to be a 2.05 ACK with its Message ID.
        private static int RunClient(int port, ManualResetEventSlim stop)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.ReceiveTimeout = 5_000;
            socket.Connect(IPAddress.Loopback, port);
            byte[] request = { 0x41, 0x01, 0, 0, 0x5A, 0xB4, (byte)'t', (byte)'e', (byte)'s', (byte)'t' };
            byte[] response = new byte[256];
            int i = 0;
            for (; !stop.IsSet; i++)
            {
                request[2] = (byte)(i >> 8);
                request[3] = (byte)i;
                socket.Send(request);
                int n = socket.Receive(response);
                if (n < 4 || response[0] != 0x61 || response[1] != CoapCode.Content || response[2] != request[2] || response[3] != request[3])
                {
                    throw new InvalidOperationException($"unexpected response to request {i}");
                }
            }

            return i;
        }
    }
}
