using System;
using Coap.Http;
using Coap.Micro;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ThermoDev.Gateway.Tests.Mapping
{
    /// <summary>Max-Age -> Cache-Control, Retry-After and cache freshness (RFC 7252 §5.6.1, §5.10.5, §10.2.2).</summary>
    [TestClass]
    public sealed class MaxAgeMappingTests
    {
        /// <summary>An absent Max-Age is 60 seconds; a present one is taken as it is.</summary>
        [TestMethod]
        public void CacheControlFromMaxAge()
        {
            Assert.AreEqual("max-age=60", MaxAgeMapping.ToCacheControl(null));
            Assert.AreEqual("max-age=10", MaxAgeMapping.ToCacheControl(10));
            Assert.AreEqual("max-age=0", MaxAgeMapping.ToCacheControl(0));
            Assert.AreEqual("max-age=4294967295", MaxAgeMapping.ToCacheControl(uint.MaxValue));
        }

        /// <summary>A cached response says only the freshness it has left, rounded down, never below 0.</summary>
        [TestMethod]
        public void CacheControlOfACachedResponse()
        {
            Assert.AreEqual("max-age=6", MaxAgeMapping.ToCacheControl(10, TimeSpan.FromSeconds(3.5)));
            Assert.AreEqual("max-age=57", MaxAgeMapping.ToCacheControl(null, TimeSpan.FromSeconds(3)));
            Assert.AreEqual("max-age=0", MaxAgeMapping.ToCacheControl(10, TimeSpan.FromSeconds(11)));
            Assert.AreEqual(10u, MaxAgeMapping.RemainingSeconds(10, TimeSpan.FromSeconds(-5)));
        }

        /// <summary>Fresh until Max-Age has passed, 60 s without the option.</summary>
        [TestMethod]
        public void Freshness()
        {
            Assert.AreEqual(TimeSpan.FromSeconds(60), MaxAgeMapping.Freshness(null));
            Assert.AreEqual(TimeSpan.FromSeconds(10), MaxAgeMapping.Freshness(10));
            Assert.IsTrue(MaxAgeMapping.IsFresh(10, TimeSpan.FromSeconds(9.9)));
            Assert.IsFalse(MaxAgeMapping.IsFresh(10, TimeSpan.FromSeconds(10)));
            Assert.IsTrue(MaxAgeMapping.IsFresh(null, TimeSpan.FromSeconds(59)));
            Assert.IsFalse(MaxAgeMapping.IsFresh(0, TimeSpan.Zero));
        }

        /// <summary>Retry-After is the Max-Age option only when present (RFC 8075 §7 Note 8).</summary>
        [TestMethod]
        public void RetryAfter()
        {
            Assert.AreEqual("30", MaxAgeMapping.RetryAfter(30));
            Assert.IsNull(MaxAgeMapping.RetryAfter(null));
        }

        /// <summary>2.05, 4.xx and 5.xx may be stored; 2.01, 2.02, 2.03, 2.04 not (RFC 7252 §5.9).</summary>
        [TestMethod]
        public void Cacheability()
        {
            Assert.IsTrue(MaxAgeMapping.IsCacheable(CoapCode.Content));
            Assert.IsTrue(MaxAgeMapping.IsCacheable(CoapCode.NotFound));
            Assert.IsTrue(MaxAgeMapping.IsCacheable(CoapCode.ServiceUnavailable));
            Assert.IsFalse(MaxAgeMapping.IsCacheable(CoapCode.Created));
            Assert.IsFalse(MaxAgeMapping.IsCacheable(CoapCode.Deleted));
            Assert.IsFalse(MaxAgeMapping.IsCacheable(CoapCode.Valid));
            Assert.IsFalse(MaxAgeMapping.IsCacheable(CoapCode.Changed));
        }
    }
}
