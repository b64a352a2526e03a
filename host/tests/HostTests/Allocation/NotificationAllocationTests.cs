using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Threading;
using Coap.Micro;
using Coap.Micro.Dotnet;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Interop;
using ThermoDev.HostTests.Observe;

namespace ThermoDev.HostTests.Allocation
{
    /// <summary>Notifications, their acknowledgements and Changed() allocate nothing once the runtime has warmed up.</summary>
    [TestClass]
    public class NotificationAllocationTests
    {
        private const int Observers = 16;

        [TestMethod]
        [Timeout(180_000, CooperativeCancellation = true)]
        public void ThousandChangesToSixteenObserversAllocateNothingOnTheLoopThread()
        {
            using var transport = new DotnetUdpTransport(new IPEndPoint(IPAddress.Loopback, 0));
            var server = new CoapServer(transport, new MonotonicClock(), new CoapRandom(new Random(9)), new CoapServerOptions { MaxObservers = Observers });
            var resource = new LoopbackServer.CounterResource("obs");
            server.Add(resource);
            var target = new IPEndPoint(IPAddress.Loopback, transport.LocalEndPoint.Port);
            var clients = Enumerable.Range(0, Observers).Select(i => new ObserveClient(target, i)).ToArray();
            using var stop = new ManualResetEventSlim();
            Exception clientFailure = null;
            int received = 0;
            Thread reader = null;
            try
            {
                // Registrations are answered by a thread of their own until the reader starts.
                var registrations = new Thread(() => { foreach (var c in clients) { c.Register("obs"); } });
                registrations.Start();
                while (registrations.IsAlive)
                {
                    server.Poll(10);
                }

                Assert.AreEqual(Observers, server.Counters.Observers);
                reader = new Thread(() =>
                {
                    try
                    {
                        while (!stop.IsSet)
                        {
                            foreach (var c in clients)
                            {
                                if (c.NextNotification(acknowledge: true, timeoutMilliseconds: 1) != null)
                                {
                                    Interlocked.Increment(ref received);
                                }
                            }
                        }
                    }
                    catch (Exception e)
                    {
                        clientFailure = e;
                    }
                });
                reader.Start();

                int value = 0;
                var warmUp = Stopwatch.StartNew();
                while (warmUp.ElapsedMilliseconds < 3_000 || (AllocatedChanging(server, resource, ref value, 100) > 0 && warmUp.ElapsedMilliseconds < 60_000))
                {
                    AllocatedChanging(server, resource, ref value, 100);
                }

                int notificationsBefore = server.Counters.Notifications;
                long allocated = AllocatedChanging(server, resource, ref value, 1_000);
                int notifications = server.Counters.Notifications - notificationsBefore;

                Assert.AreEqual(0L, allocated, $"{allocated} bytes over 1,000 changes ({notifications} notifications)");
                Assert.IsGreaterThan(Observers * 1_000 / 2, notifications, "most changes reach every observer");
                Assert.IsGreaterThan(0, server.Counters.Acknowledged);
                Assert.AreEqual(Observers, server.Counters.Observers);
                Assert.AreEqual(0, server.Counters.LoopFaults);
            }
            finally
            {
                stop.Set();
                reader?.Join(10_000);
                foreach (var c in clients)
                {
                    c.Dispose();
                }
            }

            Assert.IsNull(clientFailure, clientFailure?.ToString());
            Assert.IsGreaterThan(0, received);
        }

        [TestMethod]
        public void ChangedAllocatesNothing()
        {
            using var transport = new DotnetUdpTransport(new IPEndPoint(IPAddress.Loopback, 0));
            var server = new CoapServer(transport, new MonotonicClock(), new CoapRandom(), new CoapServerOptions());
            var resource = new LoopbackServer.CounterResource("obs");
            server.Add(resource);
            for (int i = 0; i < 100_000; i++)
            {
                resource.Changed();
                server.Poll(0);
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100_000; i++)
            {
                resource.Changed();
            }

            Assert.AreEqual(0L, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        // Changes the value `changes` times, each followed by one turn that sends the notifications and
        // turns that take the acknowledgements; returns the bytes this thread allocated meanwhile.
        private static long AllocatedChanging(CoapServer server, LoopbackServer.CounterResource resource, ref int value, int changes)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < changes; i++)
            {
                resource.Set(++value);
                server.Poll(0);
                while (server.Poll(2))
                {
                }
            }

            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
    }
}
