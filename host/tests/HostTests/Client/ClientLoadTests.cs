using System;
using System.Diagnostics;
using System.Net;
using System.Threading;
using Coap.Micro;
using Coap.Micro.Dotnet;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Interop;
using CoapClient = Coap.Micro.CoapClient;

namespace ThermoDev.HostTests.Client
{
    /// <summary>
    /// Requests per second of the client against our server over UDP on loopback, in three styles, each
    /// measured for 5 s after 2 s of warm-up. A measurement, not a timed test: it checks every answer and
    /// prints the rates (run with --logger "console;verbosity=detailed" to see them).
    /// </summary>
    [TestClass]
    public class ClientLoadTests
    {
        private const int WarmUpMilliseconds = 2_000;
        private const int MeasureMilliseconds = 5_000;

        public TestContext TestContext { get; set; }

        [TestMethod]
        [Timeout(120_000, CooperativeCancellation = true)]
        public void RequestsPerSecondAgainstOurServerOnLoopback()
        {
            using var server = new LoopbackServer(IPAddress.Loopback);
            CoapEndpoint target = DotnetUdpTransport.ToEndpoint(new IPEndPoint(IPAddress.Loopback, server.Port));

            // 1. Blocking CON GETs, the calling thread running the client's loop.
            using (var rig = new UdpClientRig(IPAddress.Loopback))
            {
                CoapRequest request = UdpClientRig.Get(target, "test");
                Blocking(rig.Client, request, WarmUpMilliseconds, new Stopwatch(), out _);
                var clock = new Stopwatch();
                long before = GC.GetAllocatedBytesForCurrentThread();
                int count = Blocking(rig.Client, request, MeasureMilliseconds, clock, out double perSecond);
                long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
                TestContext.WriteLine($"blocking CON GET, caller runs the loop: {perSecond:F0} requests/s ({count} in {MeasureMilliseconds / 1000} s), {bytes} bytes allocated on the client thread");
                Assert.AreEqual(0, rig.Client.Counters.Retransmissions);
            }

            // 2. Blocking CON GETs handed to the client's own loop thread.
            using (var rig = new UdpClientRig(IPAddress.Loopback, startLoop: true))
            {
                CoapRequest request = UdpClientRig.Get(target, "test");
                Blocking(rig.Client, request, WarmUpMilliseconds, new Stopwatch(), out _);
                int count = Blocking(rig.Client, request, MeasureMilliseconds, new Stopwatch(), out double perSecond);
                TestContext.WriteLine($"blocking CON GET, client loop thread: {perSecond:F0} requests/s ({count} in {MeasureMilliseconds / 1000} s)");
            }

            // 3. Four CON GETs in flight (NSTART 4), each sent again by its handler as it ends.
            using (var rig = new UdpClientRig(IPAddress.Loopback, new CoapClientOptions { NStart = 4, ReceivePollMilliseconds = 50 }, startLoop: true))
            {
                var handler = new ResendingHandler(rig.Client);
                var requests = new CoapRequest[4];
                for (int i = 0; i < requests.Length; i++)
                {
                    requests[i] = UdpClientRig.Get(target, "test");
                    requests[i].Handler = handler;
                    Assert.AreEqual(CoapClientResult.Pending, rig.Client.Send(requests[i]));
                }

                Thread.Sleep(WarmUpMilliseconds);
                int start = handler.Completed;
                Thread.Sleep(MeasureMilliseconds);
                int count = handler.Completed - start;
                handler.Stop();
                Assert.IsTrue(SpinWait.SpinUntil(() => Array.TrueForAll(requests, r => !r.IsPending), 10_000));
                TestContext.WriteLine($"4 CON GETs in flight, client loop thread: {count * 1000.0 / MeasureMilliseconds:F0} requests/s ({count} in {MeasureMilliseconds / 1000} s)");
                Assert.AreEqual(0, handler.Failures);
            }
        }

        // Lock-step blocking GETs for `milliseconds`; each must be a 2.05.
        private static int Blocking(CoapClient client, CoapRequest request, int milliseconds, Stopwatch clock, out double perSecond)
        {
            clock.Start();
            int count = 0;
            while (clock.ElapsedMilliseconds < milliseconds)
            {
                if (client.Request(request, 5_000) != CoapClientResult.Response || request.Code != CoapCode.Content)
                {
                    throw new InvalidOperationException($"request {count} ended {request.Result}");
                }

                count++;
            }

            perSecond = count * 1000.0 / clock.Elapsed.TotalMilliseconds;
            return count;
        }

        /// <summary>Sends each request again as soon as it ends, until stopped.</summary>
        private sealed class ResendingHandler : ICoapResponseHandler
        {
            private readonly CoapClient _client;
            private int _completed;
            private int _failures;
            private int _stopped;

            public ResendingHandler(CoapClient client) => _client = client;

            public int Completed => Volatile.Read(ref _completed);

            public int Failures => Volatile.Read(ref _failures);

            public void Stop() => Interlocked.Exchange(ref _stopped, 1);

            public void Response(CoapRequest request, CoapMessage message)
            {
            }

            public void Ended(CoapRequest request)
            {
                if (request.Result == CoapClientResult.Response && request.Code == CoapCode.Content)
                {
                    Interlocked.Increment(ref _completed);
                }
                else
                {
                    Interlocked.Increment(ref _failures);
                }

                if (Volatile.Read(ref _stopped) == 0 && _client.Send(request) != CoapClientResult.Pending)
                {
                    Interlocked.Increment(ref _failures);
                }
            }
        }
    }
}
