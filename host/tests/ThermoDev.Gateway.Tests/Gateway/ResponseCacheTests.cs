using System;
using System.Threading;
using Coap.Micro;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Gateway.Caching;
using ThermoDev.Gateway.Forwarding;
using ThermoDev.Gateway.Metrics;

namespace ThermoDev.Gateway.Tests.Gateway
{
    /// <summary>The response cache's bounds and its invalidation, without a device: entries are made here.</summary>
    [TestClass]
    public sealed class ResponseCacheTests
    {
        /// <summary>Targets through /hc are the client's choice (a query per request): the cache stops at its bound.</summary>
        [TestMethod]
        public void ManyDistinctTargetsDoNotGrowTheCacheBeyondItsBound()
        {
            var cache = new ResponseCache(new GatewayMetrics());
            for (int i = 0; i < ResponseCache.MaxEntries + 100; i++)
            {
                cache.Store(Key("/temp?r=" + i), Content(Environment.TickCount64));
            }

            Assert.AreEqual(ResponseCache.MaxEntries, cache.Count);
            Assert.IsTrue(cache.TryGet(Key("/temp?r=0"), out _), "entries stored before the bound stay");
            Assert.IsFalse(cache.TryGet(Key("/temp?r=" + (ResponseCache.MaxEntries + 99)), out _), "a new key past the bound is not stored");
        }

        /// <summary>When the cache is full, stale entries are dropped to make room for a fresh one.</summary>
        [TestMethod]
        public void StaleEntriesMakeRoomForAFreshOne()
        {
            var cache = new ResponseCache(new GatewayMetrics());
            long longAgo = Environment.TickCount64 - 20_000;   // Max-Age 10 s: stale
            for (int i = 0; i < ResponseCache.MaxEntries; i++)
            {
                cache.Store(Key("/temp?r=" + i), Content(longAgo));
            }

            Assert.AreEqual(ResponseCache.MaxEntries, cache.Count);
            cache.Store(Key("/temp"), Content(Environment.TickCount64));

            Assert.AreEqual(1, cache.Count);
            Assert.IsTrue(cache.TryGet(Key("/temp"), out _));
        }

        /// <summary>
        /// A GET answered before a PUT succeeded, but stored after the PUT invalidated the device, would
        /// serve the old value: it is not stored. A response that arrives later is.
        /// </summary>
        [TestMethod]
        public void AResponseThatArrivedBeforeAnInvalidationIsNotStored()
        {
            var cache = new ResponseCache(new GatewayMetrics());
            CoapResult before = Content(Environment.TickCount64);
            Thread.Sleep(20);
            cache.Invalidate("kitchen");
            cache.Store(Key("/temp"), before);
            Assert.IsFalse(cache.TryGet(Key("/temp"), out _), "the old state is not served");

            Thread.Sleep(20);
            cache.Store(Key("/temp"), Content(Environment.TickCount64));
            Assert.IsTrue(cache.TryGet(Key("/temp"), out _), "a newer response is");
        }

        private static CacheKey Key(string pathAndQuery) => new CacheKey("kitchen", pathAndQuery, CoapContentFormat.TextPlain);

        private static CoapResult Content(long receivedAt) =>
            new CoapResult(CoapOutcome.Response, CoapCode.Content, CoapContentFormat.TextPlain, 10, Array.Empty<byte>(), new byte[] { (byte)'2', (byte)'5' }, receivedAt);
    }
}
