using System;
using System.Diagnostics;
using System.Net;
using System.Text;
using Coap.Micro;
using Coap.Micro.Dotnet;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Client;
using ThermoDev.HostTests.Interop;
using ThermoDev.Tests.Server;

namespace ThermoDev.HostTests.Allocation
{
    /// <summary>
    /// The client allocates nothing per request and per notification once the runtime has warmed up: measured
    /// on the thread that runs its loop (the test thread, in blocking calls and Poll), against our server over UDP.
    /// </summary>
    [TestClass]
    public class ClientAllocationTests
    {
        public TestContext TestContext { get; set; }

        [TestMethod]
        [Timeout(180_000, CooperativeCancellation = true)]
        public void RequestsAllocateNothingOnTheClientThread()
        {
            var big = new SizedResource("big", 1000) { Tagged = true };
            using var server = new LoopbackServer(IPAddress.Loopback, null, null, big);
            using var rig = new UdpClientRig(IPAddress.Loopback);
            CoapEndpoint target = DotnetUdpTransport.ToEndpoint(new IPEndPoint(IPAddress.Loopback, server.Port));
            CoapRequest get = UdpClientRig.Get(target, "test");
            CoapRequest put = UdpClientRig.Get(target, "test");
            put.Method = CoapCode.Put;
            byte[] body = Encoding.ASCII.GetBytes("hello");
            put.SetPayload(body, 0, body.Length);
            put.AddUIntOption(CoapOption.ContentFormat, CoapContentFormat.TextPlain);
            CoapRequest blocks = UdpClientRig.Get(target, "big", capacity: 1000);
            CoapRequest[] mix = { get, put, get, blocks };

            // A GET, a PUT, a GET and a block-wise GET of 1,000 bytes (16 exchanges) in turn.
            int turn = 0;
            void Requests(int count)
            {
                for (int i = 0; i < count; i++)
                {
                    CoapRequest request = mix[turn++ % mix.Length];
                    if (rig.Client.Request(request, 5_000) != CoapClientResult.Response || CoapCode.ClassOf(request.Code) != 2)
                    {
                        throw new InvalidOperationException($"request {turn} ended {request.Result} {request.Code:X2}");
                    }
                }
            }

            long allocated = MeasureAfterWarmUp(Requests, warmUp: 20_000, measured: 20_000);
            TestContext.WriteLine($"{allocated} bytes on the client thread over 20,000 requests (GET, PUT, GET, block-wise GET of 1,000 bytes)");
            Assert.AreEqual(0L, allocated);
            Assert.AreEqual(0, rig.Client.Counters.Timeouts);
        }

        [TestMethod]
        [Timeout(180_000, CooperativeCancellation = true)]
        public void NotificationsAllocateNothingOnTheClientThread()
        {
            using var server = new LoopbackServer(IPAddress.Loopback);
            server.Observed.Confirmable = true;
            using var rig = new UdpClientRig(IPAddress.Loopback);
            var handler = new LibcoapServerTests.CountingHandler();
            CoapRequest observe = UdpClientRig.Get(DotnetUdpTransport.ToEndpoint(new IPEndPoint(IPAddress.Loopback, server.Port)), "obs");
            observe.Observe = true;
            observe.Handler = handler;
            Assert.AreEqual(CoapClientResult.Response, rig.Client.Request(observe, 5_000));

            // Each change is notified in a CON the client acknowledges; the next change waits for it.
            int value = 0;
            void Notifications(int count)
            {
                for (int i = 0; i < count; i++)
                {
                    int before = handler.Responses;
                    server.Observed.Set(++value);
                    for (int polls = 0; handler.Responses == before; polls++)
                    {
                        if (polls > 1_000)
                        {
                            throw new TimeoutException($"no notification of change {value}");
                        }

                        rig.Client.Poll(5);
                    }
                }
            }

            long allocated = MeasureAfterWarmUp(Notifications, warmUp: 10_000, measured: 10_000);
            TestContext.WriteLine($"{allocated} bytes on the client thread over 10,000 confirmable notifications");
            Assert.AreEqual(0L, allocated);
            Assert.IsTrue(observe.IsObserving);
            Assert.AreEqual(0, rig.Client.Counters.StaleNotifications);
            Assert.IsGreaterThanOrEqualTo(20_000, server.Server.Counters.Acknowledged);
        }

        // Runs until the runtime has tiered the paths (warmUp operations and 3 s, then until 2,000 in a row
        // allocate nothing, 60 s at most), then returns the bytes this thread allocated over `measured` more.
        private static long MeasureAfterWarmUp(Action<int> run, int warmUp, int measured)
        {
            var clock = Stopwatch.StartNew();
            int done = 0;
            while (done < warmUp || clock.ElapsedMilliseconds < 3_000 || (Allocated(run, 2_000) > 0 && clock.ElapsedMilliseconds < 60_000))
            {
                run(1_000);
                done += 1_000;
            }

            return Allocated(run, measured);
        }

        private static long Allocated(Action<int> run, int count)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            run(count);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
    }
}
