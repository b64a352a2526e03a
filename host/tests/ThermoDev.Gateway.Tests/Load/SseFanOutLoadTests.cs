using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Gateway.Tests.Support;

namespace ThermoDev.Gateway.Tests.Load
{
    /// <summary>
    /// The gateway under load, against a device in-process whose server counts its Observe registrations:
    /// 1,000 SSE clients and one PUT (the time until the last client has the change is printed), and 20
    /// HTTP clients reading the temperature for 5 s (the cache hit rate is printed). Run alone, not beside
    /// other test classes, so the figures are the gateway's. Print the figures with
    /// <c>dotnet test host/tests/ThermoDev.Gateway.Tests --filter FullyQualifiedName~Tests.Load --logger "console;verbosity=detailed"</c>.
    /// </summary>
    [TestClass]
    [DoNotParallelize]
    public sealed class SseFanOutLoadTests
    {
        private const int SseClients = 1000;
        private const int HttpClients = 20;
        private static readonly TimeSpan FanOutBound = TimeSpan.FromSeconds(30);

        /// <summary>Test output.</summary>
        public TestContext TestContext { get; set; } = null!;

        /// <summary>1,000 SSE clients, one PUT: all get the change (within a generous 30 s); the device saw one observer.</summary>
        [TestMethod]
        public async Task OnePutReachesAThousandClients()
        {
            using InProcessDevice device = InProcessDevice.Start();
            await using TestGateway gateway = await TestGateway.StartAsync(new[] { "kitchen=" + device.Uri });
            await gateway.WaitForStatusAsync("kitchen", "online", TimeSpan.FromSeconds(10));

            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
            using var http = new HttpClient(handler) { BaseAddress = gateway.Http.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
            var streams = new List<SseStream>();
            try
            {
                var connecting = Stopwatch.StartNew();
                using (var batch = new SemaphoreSlim(50))
                {
                    streams.AddRange(await Task.WhenAll(Enumerable.Range(0, SseClients).Select(async _ =>
                    {
                        await batch.WaitAsync();
                        try
                        {
                            SseStream stream = await SseStream.OpenAsync(http);
                            Assert.IsNotNull(await stream.NextAsync(TimeSpan.FromSeconds(30)), "the current state first");
                            return stream;
                        }
                        finally
                        {
                            batch.Release();
                        }
                    })));
                }

                Log($"{SseClients} SSE clients connected in {connecting.Elapsed.TotalSeconds:0.0} s; the gateway counts {gateway.App.Core.Events.ClientCount}");
                Assert.AreEqual(SseClients, gateway.App.Core.Events.ClientCount);

                Task<SseStream.ReceivedEvent?>[] arrivals = streams
                    .Select(s => s.WaitForAsync(e => e.Json.GetProperty("value").GetRawText() == "30.5", FanOutBound))
                    .ToArray();
                long sent = Stopwatch.GetTimestamp();
                using HttpResponseMessage put = await gateway.Http.PutAsync("/api/devices/kitchen/temp", new StringContent("30.5", Encoding.UTF8, "text/plain"));
                Assert.AreEqual(HttpStatusCode.OK, put.StatusCode);
                SseStream.ReceivedEvent?[] received = await Task.WhenAll(arrivals);

                int got = received.Count(e => e != null);
                TimeSpan[] times = received.Where(e => e != null).Select(e => Stopwatch.GetElapsedTime(sent, e!.ReceivedTicks)).OrderBy(t => t).ToArray();
                Log($"SSE fan-out: {got} of {SseClients} clients got the PUT's change; first after {times.FirstOrDefault().TotalMilliseconds:0} ms, "
                    + $"median {times.ElementAtOrDefault(times.Length / 2).TotalMilliseconds:0} ms, last {times.LastOrDefault().TotalMilliseconds:0} ms");
                Assert.AreEqual(SseClients, got, $"every client got the change within {FanOutBound.TotalSeconds} s");

                Log($"Device: {device.Server.Counters.Registrations} Observe registration(s), {device.Server.Counters.Observers} observer(s) now");
                Assert.AreEqual(1, device.Server.Counters.Observers, "one Observe relation however many SSE clients");
                Assert.AreEqual(1, device.Server.Counters.Registrations, "the gateway registered once");
            }
            finally
            {
                await Task.WhenAll(streams.Select(s => s.DisposeAsync().AsTask()));
            }
        }

        /// <summary>20 clients GET /api/devices/kitchen/temp for 5 s: the cache answers nearly all of them; the device sees few requests.</summary>
        [TestMethod]
        public async Task CacheHitRateUnderLoad()
        {
            using InProcessDevice device = InProcessDevice.Start();
            await using TestGateway gateway = await TestGateway.StartAsync(new[] { "kitchen=" + device.Uri });
            await gateway.WaitForStatusAsync("kitchen", "online", TimeSpan.FromSeconds(10));

            long hits = gateway.App.Core.Metrics.CacheHits;
            long misses = gateway.App.Core.Metrics.CacheMisses;
            int deviceRequests = device.Server.Counters.Requests;
            var run = Stopwatch.StartNew();
            int[] counts = await Task.WhenAll(Enumerable.Range(0, HttpClients).Select(async _ =>
            {
                int ok = 0;
                while (run.Elapsed < TimeSpan.FromSeconds(5))
                {
                    using HttpResponseMessage response = await gateway.Http.GetAsync("/api/devices/kitchen/temp");
                    Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
                    Assert.AreEqual("25.0", await response.Content.ReadAsStringAsync());
                    ok++;
                }

                return ok;
            }));

            long requests = counts.Sum();
            long hitCount = gateway.App.Core.Metrics.CacheHits - hits;
            long missCount = gateway.App.Core.Metrics.CacheMisses - misses;
            int coap = device.Server.Counters.Requests - deviceRequests;
            double rate = (double)hitCount / (hitCount + missCount);
            Log($"Cache under load: {requests} GETs from {HttpClients} clients in {run.Elapsed.TotalSeconds:0.0} s ({requests / run.Elapsed.TotalSeconds:0} per s); "
                + $"hit rate {rate:P2} ({hitCount} hits, {missCount} misses); CoAP requests the device served meanwhile: {coap}");
            Assert.AreEqual(requests, hitCount + missCount, "every GET was a hit or a miss");
            Assert.IsTrue(rate >= 0.99, $"hit rate {rate:P2}");
            Assert.IsTrue(coap <= missCount, "no more CoAP requests than misses");
        }

        private void Log(string line)
        {
            TestContext.WriteLine(line);
            Console.WriteLine(line);
        }
    }
}
