using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Gateway.Devices;
using ThermoDev.Gateway.Metrics;
using ThermoDev.Gateway.Sse;

namespace ThermoDev.Gateway.Tests.Gateway
{
    /// <summary>The event hub on its own: ids, replay, the current state, and slow clients.</summary>
    [TestClass]
    public sealed class EventHubTests
    {
        /// <summary>A client that stops reading is dropped once its queue is full; the others get every event.</summary>
        [TestMethod]
        public async Task ASlowClientIsDroppedNotWaitedFor()
        {
            var metrics = new GatewayMetrics();
            var hub = new EventHub(new[] { Snapshot("kitchen", 25.0m) }, metrics);
            using SseSubscription slow = hub.Subscribe(null);
            using SseSubscription reader = hub.Subscribe(null);
            var read = new List<long>();
            for (int i = 1; i <= EventHub.ClientCapacity + 10; i++)
            {
                hub.Publish(Snapshot("kitchen", 25.0m + (i / 10m)));
                while (reader.Events.TryRead(out SseEvent? e))
                {
                    read.Add(e.Id);
                }
            }

            CollectionAssert.AreEqual(Enumerable.Range(1, EventHub.ClientCapacity + 10).Select(i => (long)i).ToArray(), read.ToArray());
            Assert.AreEqual(1, hub.ClientCount, "the slow one is gone");
            await Assert.ThrowsExactlyAsync<SlowClientException>(async () =>
            {
                while (await slow.Events.WaitToReadAsync())
                {
                    slow.Events.TryRead(out _);
                }
            });
        }

        /// <summary>Replay covers the buffer; an id older than it, or newer than any given, gets the current state.</summary>
        [TestMethod]
        public void ReplayOrCurrentState()
        {
            var hub = new EventHub(new[] { Snapshot("kitchen", 25.0m), Snapshot("cellar", 12.0m) }, new GatewayMetrics());
            SseSubscription empty = hub.Subscribe(null);
            Assert.AreEqual(2, empty.Initial.Count, "before any event: the state of both devices");
            Assert.IsTrue(empty.Initial.All(e => e.Id == 0), "no id yet");
            empty.Dispose();

            int total = EventHub.ReplayCapacity + 5;
            for (int i = 1; i <= total; i++)
            {
                hub.Publish(Snapshot("kitchen", i));
            }

            using SseSubscription recent = hub.Subscribe(total - 3);
            CollectionAssert.AreEqual(new long[] { total - 2, total - 1, total }, recent.Initial.Select(e => e.Id).ToArray());

            using SseSubscription oldest = hub.Subscribe(total - EventHub.ReplayCapacity);
            Assert.AreEqual(EventHub.ReplayCapacity, oldest.Initial.Count, "the whole buffer, still complete");

            using SseSubscription tooOld = hub.Subscribe(1);
            Assert.AreEqual(2, tooOld.Initial.Count, "events were lost: the current state instead");
            Assert.IsTrue(tooOld.Initial.All(e => e.Id == total));
            StringAssert.Contains(tooOld.Initial[0].Data, $"\"value\":{total}");
            StringAssert.Contains(tooOld.Initial[1].Data, "\"name\":\"cellar\"");

            using SseSubscription future = hub.Subscribe(total + 100);
            Assert.AreEqual(2, future.Initial.Count);

            using SseSubscription upToDate = hub.Subscribe(total);
            Assert.AreEqual(0, upToDate.Initial.Count, "nothing missed");
        }

        private static DeviceSnapshot Snapshot(string name, decimal value) =>
            new DeviceSnapshot(name, $"coap://[::1]:5683/{name}", value, DeviceSnapshot.Celsius, DateTimeOffset.UtcNow, "online", true);
    }
}
