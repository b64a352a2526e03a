using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Gateway.Tests.Support;

namespace ThermoDev.Gateway.Tests.Gateway
{
    /// <summary>GET /events against the PC build (no drift, so only the test's writes change the value).</summary>
    [TestClass]
    public sealed class EventStreamTests
    {
        private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

        /// <summary>Test output.</summary>
        public TestContext TestContext { get; set; } = null!;

        /// <summary>
        /// A new client gets "retry", then one event per device with its current state; a PUT's change
        /// arrives within 2 s, with the next id.
        /// </summary>
        [TestMethod]
        public async Task CurrentStateThenAChangeWithin2Seconds()
        {
            using PcDevice kitchen = PcDevice.Start();
            using PcDevice bedroom = PcDevice.Start("--temperature", "19.5");
            await using TestGateway gateway = await TestGateway.StartAsync(new[] { "kitchen=" + kitchen.Uri, "bedroom=" + bedroom.Uri });
            await gateway.WaitForStatusAsync("kitchen", "online", Wait);
            await gateway.WaitForStatusAsync("bedroom", "online", Wait);

            await using SseStream stream = await SseStream.OpenAsync(gateway.Http);
            Assert.AreEqual("text/event-stream", stream.ContentType);
            SseStream.ReceivedEvent first = (await stream.NextAsync(Wait))!;
            SseStream.ReceivedEvent second = (await stream.NextAsync(Wait))!;
            Assert.AreEqual(2000, stream.Retry);
            Assert.AreEqual("reading", first.Type);
            Assert.AreEqual("kitchen", first.Json.GetProperty("name").GetString());
            Assert.AreEqual("25.0", first.Json.GetProperty("value").GetRawText());
            Assert.AreEqual("online", first.Json.GetProperty("status").GetString());
            Assert.AreEqual("bedroom", second.Json.GetProperty("name").GetString());
            Assert.AreEqual("19.5", second.Json.GetProperty("value").GetRawText());
            Assert.IsNotNull(first.Id, "the state carries the id of the newest event, to resume from");

            long sent = Stopwatch.GetTimestamp();
            using HttpResponseMessage put = await gateway.Http.PutAsync("/api/devices/kitchen/temp", new StringContent("30.5", Encoding.UTF8, "text/plain"));
            SseStream.ReceivedEvent? change = await stream.WaitForAsync(e => e.Json.GetProperty("value").GetRawText() == "30.5", TimeSpan.FromSeconds(2));
            Assert.IsNotNull(change, "the change arrived within 2 s");
            TimeSpan took = Stopwatch.GetElapsedTime(sent, change.ReceivedTicks);
            TestContext.WriteLine($"PUT to SSE event: {took.TotalMilliseconds:0} ms");
            Assert.AreEqual("kitchen", change.Json.GetProperty("name").GetString());
            Assert.AreEqual(first.Id + 1, change.Id, "ids count up by one for every event of every device");
        }

        /// <summary>A client that reconnects with Last-Event-ID (header or ?lastEventId=) gets exactly the events it missed, in order.</summary>
        [TestMethod]
        public async Task ReconnectGetsExactlyTheMissedEvents()
        {
            using PcDevice device = PcDevice.Start();
            await using TestGateway gateway = await TestGateway.StartAsync(new[] { "kitchen=" + device.Uri });
            await gateway.WaitForStatusAsync("kitchen", "online", Wait);
            await using SseStream watcher = await SseStream.OpenAsync(gateway.Http);
            SseStream.ReceivedEvent state = (await watcher.NextAsync(Wait))!;

            long lastSeen;
            await using (SseStream leaving = await SseStream.OpenAsync(gateway.Http))
            {
                lastSeen = (await leaving.NextAsync(Wait))!.Id!.Value;
            }

            Assert.AreEqual(state.Id, lastSeen);
            var missed = new List<SseStream.ReceivedEvent>();
            foreach (string value in new[] { "26.0", "27.5", "28.0" })
            {
                using HttpResponseMessage put = await gateway.Http.PutAsync("/api/devices/kitchen/temp", new StringContent(value, Encoding.UTF8, "text/plain"));
                missed.Add((await watcher.WaitForAsync(e => e.Json.GetProperty("value").GetRawText() == value, Wait))!);
            }

            await AssertResumes(await SseStream.OpenAsync(gateway.Http, lastSeen), missed);
            await AssertResumes(await SseStream.OpenAsync(gateway.Http, path: "/events?lastEventId=" + lastSeen), missed);

            // From the second of them: only the last two.
            await AssertResumes(await SseStream.OpenAsync(gateway.Http, missed[0].Id), missed.GetRange(1, 2));
        }

        /// <summary>An id the gateway never gave (a restarted gateway's client) gets the current state instead.</summary>
        [TestMethod]
        public async Task UnknownIdGetsTheCurrentState()
        {
            using PcDevice device = PcDevice.Start();
            await using TestGateway gateway = await TestGateway.StartAsync(new[] { "kitchen=" + device.Uri });
            await gateway.WaitForStatusAsync("kitchen", "online", Wait);
            await using SseStream stream = await SseStream.OpenAsync(gateway.Http, 1_000_000);
            SseStream.ReceivedEvent state = (await stream.NextAsync(Wait))!;
            Assert.AreEqual("25.0", state.Json.GetProperty("value").GetRawText());
            Assert.AreEqual(gateway.App.Core.Events.LastId, state.Id);
        }

        /// <summary>An idle stream gets ": ping" comments.</summary>
        [TestMethod]
        public async Task IdleStreamIsPinged()
        {
            using PcDevice device = PcDevice.Start();
            await using TestGateway gateway = await TestGateway.StartAsync(new[] { "kitchen=" + device.Uri }, s => new GatewaySettings
            {
                Devices = s.Devices,
                Urls = s.Urls,
                SsePingInterval = TimeSpan.FromMilliseconds(200),
            });
            await using SseStream stream = await SseStream.OpenAsync(gateway.Http);
            Assert.IsTrue(await Eventually.TrueAsync(() => stream.Comments >= 2, Wait), "pings arrive");
        }

        private static async Task AssertResumes(SseStream stream, IReadOnlyList<SseStream.ReceivedEvent> expected)
        {
            await using (stream)
            {
                foreach (SseStream.ReceivedEvent wanted in expected)
                {
                    SseStream.ReceivedEvent? got = await stream.NextAsync(Wait);
                    Assert.IsNotNull(got);
                    Assert.AreEqual(wanted.Id, got.Id);
                    Assert.AreEqual(wanted.Data, got.Data);
                }

                Assert.IsNull(await stream.NextAsync(TimeSpan.FromMilliseconds(500)), "nothing more: no state events, no repeats");
            }
        }

        /// <summary>Clients that go away leave nothing behind: the hub forgets them and the metric returns to 0.</summary>
        [TestMethod]
        public async Task ClientsThatLeaveAreForgotten()
        {
            using PcDevice device = PcDevice.Start();
            await using TestGateway gateway = await TestGateway.StartAsync(new[] { "kitchen=" + device.Uri });
            await gateway.WaitForStatusAsync("kitchen", "online", Wait);
            var streams = new List<SseStream>();
            for (int i = 0; i < 20; i++)
            {
                SseStream stream = await SseStream.OpenAsync(gateway.Http);
                Assert.IsNotNull(await stream.NextAsync(Wait));
                streams.Add(stream);
            }

            Assert.AreEqual(20, gateway.App.Core.Events.ClientCount);
            StringAssert.Contains(await gateway.Http.GetStringAsync("/metrics"), "thermodev_sse_clients 20");
            foreach (SseStream stream in streams)
            {
                await stream.DisposeAsync();
            }

            Assert.IsTrue(await Eventually.TrueAsync(() => gateway.App.Core.Events.ClientCount == 0, Wait), $"{gateway.App.Core.Events.ClientCount} clients left");
            StringAssert.Contains(await gateway.Http.GetStringAsync("/metrics"), "thermodev_sse_clients 0");
        }
    }
}
