using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Threading;
using Coap.Micro;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Interop;
using CoapClient = ThermoDev.HostTests.Interop.CoapClient;

namespace ThermoDev.HostTests.Observe
{
    /// <summary>Observe over real UDP on loopback: libcoap's client, many observers, a vanished observer, wake-up latency.</summary>
    [TestClass]
    public class ObserveOverUdpTests
    {
        public TestContext TestContext { get; set; }

        [TestMethod]
        [DataRow("127.0.0.1")]
        [DataRow("::1")]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void LibcoapClientReceivesEveryChange(string loopback)
        {
            var address = IPAddress.Parse(loopback);
            using var server = new LoopbackServer(address);
            string host = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{loopback}]" : loopback;
            var client = CoapClient.Start("-s", "4", "-B", "8", "-w", $"coap://{host}:{server.Port}/obs");
            WaitFor(() => server.Server.Counters.Observers == 1, "the client did not register");
            for (int value = 1; value <= 3; value++)
            {
                server.Observed.Set(value * 10);
                int expected = value;
                WaitFor(() => server.Server.Counters.Notifications == expected, "notification not sent");
                Thread.Sleep(200);
            }

            var result = client.Finish(TimeSpan.FromSeconds(20));
            var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            CollectionAssert.AreEqual(new[] { "0", "10", "20", "30" }, lines, result.Stdout + result.Stderr);
        }

        [TestMethod]
        [Timeout(120_000, CooperativeCancellation = true)]
        public void SixtyFourObserversEachGetEveryOneOfTenChanges()
        {
            using var server = new LoopbackServer(IPAddress.Loopback, new CoapServerOptions { MaxObservers = 64, ReceivePollMilliseconds = 50 });
            var target = new IPEndPoint(IPAddress.Loopback, server.Port);
            var clients = Enumerable.Range(0, 64).Select(i => new ObserveClient(target, i)).ToList();
            try
            {
                foreach (var client in clients)
                {
                    Assert.AreEqual("0", client.Register("obs"));
                }

                Assert.AreEqual(64, server.Server.Counters.Observers);
                for (int change = 1; change <= 10; change++)
                {
                    server.Observed.Set(change);
                    foreach (var client in clients)
                    {
                        CoapMessage notification = client.NextNotification(acknowledge: true);
                        Assert.IsNotNull(notification, $"change {change}: no notification");
                        Assert.AreEqual(change.ToString(), ObserveClient.Payload(notification), $"change {change}");
                    }
                }

                Assert.AreEqual(640, server.Server.Counters.Notifications);
                Assert.AreEqual(0, server.Server.Counters.LoopFaults);
            }
            finally
            {
                clients.ForEach(c => c.Dispose());
            }
        }

        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void AnObserverThatStopsAcknowledgingIsDroppedAfterMaxRetransmit()
        {
            // Time runs 100 times faster for the server, so MAX_TRANSMIT_WAIT (93 s) passes in about a second.
            var clock = new FastClock(100);
            using var server = new LoopbackServer(IPAddress.Loopback, new CoapServerOptions { ReceivePollMilliseconds = 5 }, clock);
            server.Observed.Confirmable = true;
            using var client = new ObserveClient(new IPEndPoint(IPAddress.Loopback, server.Port), 1);
            client.Register("obs");
            server.Observed.Set(1);

            var transmissions = new List<ushort>();
            for (CoapMessage m; (m = client.NextNotification(acknowledge: false, timeoutMilliseconds: 3_000)) != null;)
            {
                Assert.AreEqual(CoapMessageType.Confirmable, m.Type);
                transmissions.Add(m.MessageId);
            }

            Assert.HasCount(1 + CoapTiming.MaxRetransmit, transmissions);
            Assert.AreEqual(1, transmissions.Distinct().Count());
            WaitFor(() => server.Server.Counters.Observers == 0, "the observer was not dropped");
            Assert.AreEqual(1, server.Server.Counters.GaveUp);
            server.Observed.Set(2);
            Assert.IsNull(client.NextNotification(acknowledge: false, timeoutMilliseconds: 500));
        }

        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void AChangeWakesTheLoopAtOnce()
        {
            // The loop would wait a minute for a datagram; only the transport's wake-up gets a
            // notification out sooner. Latency from Changed() to the client receiving it is reported.
            using var server = new LoopbackServer(IPAddress.Loopback, new CoapServerOptions { ReceivePollMilliseconds = 60_000 });
            using var client = new ObserveClient(new IPEndPoint(IPAddress.Loopback, server.Port), 1);
            client.Register("obs");
            var latencies = new List<double>();
            for (int i = 1; i <= 200; i++)
            {
                var watch = Stopwatch.StartNew();
                server.Observed.Set(i);
                CoapMessage notification = client.NextNotification(acknowledge: true, timeoutMilliseconds: 10_000);
                latencies.Add(watch.Elapsed.TotalMilliseconds);
                Assert.IsNotNull(notification, $"change {i} not notified within 10 s");
                Assert.AreEqual(i.ToString(), ObserveClient.Payload(notification));
            }

            latencies.Sort();
            TestContext.WriteLine($"Changed() to notification received, 200 changes: p50 {latencies[100]:F3} ms, p99 {latencies[197]:F3} ms, max {latencies[199]:F3} ms");
        }

        [TestMethod]
        [Timeout(120_000, CooperativeCancellation = true)]
        public void ChangedFromAnotherThreadDuringRequestsIsSafe()
        {
            using var server = new LoopbackServer(IPAddress.Loopback);
            using var observer = new ObserveClient(new IPEndPoint(IPAddress.Loopback, server.Port), 1);
            observer.Register("obs");
            const int Changes = 100_000;
            var writer = new Thread(() =>
            {
                for (int i = 1; i <= Changes; i++)
                {
                    server.Observed.Set(i);
                }
            });
            writer.Start();
            for (int i = 0; i < 300; i++)
            {
                var get = CoapClient.Run("-m", "get", "-B", "5", $"coap://127.0.0.1:{server.Port}/test");
                Assert.AreEqual("hello", get.Stdout.Trim(), get.Stderr);
                if (!writer.IsAlive)
                {
                    break;
                }
            }

            Assert.IsTrue(writer.Join(60_000));

            // Eventual consistency (RFC 7641 §1.3): the last notification shows the last state.
            string last = null;
            for (CoapMessage m; (m = observer.NextNotification(acknowledge: true, timeoutMilliseconds: 1_000)) != null;)
            {
                last = ObserveClient.Payload(m);
            }

            Assert.AreEqual(Changes.ToString(), last);
            Assert.AreEqual(0, server.Server.Counters.LoopFaults);
            Assert.AreEqual(0, server.Server.Counters.HandlerFaults);
        }

        private static void WaitFor(Func<bool> condition, string message)
        {
            var watch = Stopwatch.StartNew();
            while (!condition())
            {
                if (watch.ElapsedMilliseconds > 10_000)
                {
                    Assert.Fail(message);
                }

                Thread.Sleep(5);
            }
        }

        /// <summary>A clock that runs <c>factor</c> times faster than real time.</summary>
        private sealed class FastClock : ICoapClock
        {
            private readonly Stopwatch _watch = Stopwatch.StartNew();
            private readonly long _factor;

            public FastClock(long factor) => _factor = factor;

            public long NowMilliseconds => _watch.ElapsedMilliseconds * _factor;
        }
    }
}
