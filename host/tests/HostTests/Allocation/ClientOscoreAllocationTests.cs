using System;
using System.Diagnostics;
using System.Text;
using System.Threading;
using Coap.Micro;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Oscore;

namespace ThermoDev.HostTests.Allocation
{
    /// <summary>
    /// The client allocates nothing per protected request, response and notification (RFC 8613) once the runtime has
    /// warmed up: measured on the thread that runs its loop (the test thread), against our server with OSCORE over UDP.
    /// </summary>
    [TestClass]
    public class ClientOscoreAllocationTests
    {
        public TestContext TestContext { get; set; }

        [TestMethod]
        [Timeout(180_000, CooperativeCancellation = true)]
        public void ProtectedRequestsAllocateNothingOnTheClientThread()
        {
            using var rig = new EndToEndOscoreRig(startClientLoop: false);
            rig.ClientTransport.Record = false;
            CoapRequest get = rig.Request("test");
            CoapRequest put = rig.Request("test", CoapCode.Put);
            byte[] body = Encoding.ASCII.GetBytes("hello");
            put.SetPayload(body, 0, body.Length);
            put.AddUIntOption(CoapOption.ContentFormat, CoapContentFormat.TextPlain);
            CoapRequest blocks = rig.Request("big", capacity: 1000);
            blocks.BlockSize = 256;
            CoapRequest[] mix = { get, put, get, blocks };

            // A GET, a PUT, a GET and a block-wise GET of 1,000 bytes (4 exchanges) in turn, each message protected.
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

            long allocated = MeasureAfterWarmUp(Requests, warmUp: 4_000, measured: 4_000);
            TestContext.WriteLine($"{allocated} bytes on the client thread over 4,000 protected requests (GET, PUT, GET, block-wise GET of 1,000 bytes)");
            Assert.AreEqual(0L, allocated);
            Assert.AreEqual(0, rig.Client.Counters.ProtectionFailures);
            Assert.AreEqual(1, rig.Client.Counters.EchoRetries);
        }

        [TestMethod]
        [Timeout(180_000, CooperativeCancellation = true)]
        public void ProtectedNotificationsAllocateNothingOnTheClientThread()
        {
            using var rig = new EndToEndOscoreRig(startClientLoop: false);
            rig.ClientTransport.Record = false;
            rig.Observed.Confirmable = true;
            var handler = new Counting();
            CoapRequest observe = rig.Request("obs");
            observe.Observe = true;
            observe.Handler = handler;
            Assert.AreEqual(CoapClientResult.Response, rig.Client.Request(observe, 5_000));

            // Each change is notified in a protected CON the client verifies and acknowledges; the next change waits for it.
            int value = 0;
            void Notifications(int count)
            {
                for (int i = 0; i < count; i++)
                {
                    int before = Volatile.Read(ref handler.Responses);
                    rig.Observed.Set(++value);
                    for (int polls = 0; Volatile.Read(ref handler.Responses) == before; polls++)
                    {
                        if (polls > 1_000)
                        {
                            throw new TimeoutException($"no notification of change {value}");
                        }

                        rig.Client.Poll(5);
                    }
                }
            }

            long allocated = MeasureAfterWarmUp(Notifications, warmUp: 3_000, measured: 3_000);
            TestContext.WriteLine($"{allocated} bytes on the client thread over 3,000 protected confirmable notifications");
            Assert.AreEqual(0L, allocated);
            Assert.IsTrue(observe.IsObserving);
            Assert.AreEqual(0, rig.Client.Counters.ProtectionFailures);
            Assert.AreEqual(0, rig.Client.Counters.StaleNotifications);
        }

        // Runs until the runtime has tiered the paths (warmUp operations and 3 s, then until 500 in a row allocate
        // nothing, 60 s at most), then returns the bytes this thread allocated over `measured` more.
        private static long MeasureAfterWarmUp(Action<int> run, int warmUp, int measured)
        {
            var clock = Stopwatch.StartNew();
            int done = 0;
            while (done < warmUp || clock.ElapsedMilliseconds < 3_000 || (Allocated(run, 500) > 0 && clock.ElapsedMilliseconds < 60_000))
            {
                run(500);
                done += 500;
            }

            return Allocated(run, measured);
        }

        private static long Allocated(Action<int> run, int count)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            run(count);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        private sealed class Counting : ICoapResponseHandler
        {
            public int Responses;

            public void Response(CoapRequest request, CoapMessage message) => Interlocked.Increment(ref Responses);

            public void Ended(CoapRequest request)
            {
            }
        }
    }
}
