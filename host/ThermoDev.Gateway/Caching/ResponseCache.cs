using System;
using System.Collections.Concurrent;
using ThermoDev.Gateway.Forwarding;
using ThermoDev.Gateway.Metrics;

namespace ThermoDev.Gateway.Caching
{
    /// <summary>
    /// The gateway's cache of device responses (RFC 7252 §5.6, RFC 8075 §6.3 caching guidance): a 2.05
    /// response is fresh for its Max-Age (60 s when it has none, §5.10.5) from the moment it arrived, and
    /// within that time a GET of the same target and Accept is answered from here without a CoAP
    /// request. Notifications of an Observe relation store their representation too (RFC 7641 §3.2). A
    /// successful unsafe request invalidates the device's entries (as HTTP's RFC 9111 §4.4 does).
    /// Each lookup counts as a hit or a miss.
    /// </summary>
    public sealed class ResponseCache
    {
        private readonly ConcurrentDictionary<CacheKey, CoapResult> _entries = new ConcurrentDictionary<CacheKey, CoapResult>();
        private readonly GatewayMetrics _metrics;

        /// <summary>A cache counting into <paramref name="metrics"/>.</summary>
        public ResponseCache(GatewayMetrics metrics)
        {
            ArgumentNullException.ThrowIfNull(metrics);
            _metrics = metrics;
        }

        /// <summary>A fresh response for <paramref name="key"/>, or false (counted as a hit or a miss).</summary>
        public bool TryGet(CacheKey key, out CoapResult result)
        {
            if (_entries.TryGetValue(key, out CoapResult? entry) && entry.FreshFor(Environment.TickCount64) > 0)
            {
                _metrics.CacheHit();
                result = entry;
                return true;
            }

            _metrics.CacheMiss();
            result = null!;
            return false;
        }

        /// <summary>Keeps <paramref name="result"/> for <paramref name="key"/> when it may be cached: a 2.05 with a Max-Age above 0.</summary>
        public void Store(CacheKey key, CoapResult result)
        {
            ArgumentNullException.ThrowIfNull(result);
            if (result.Outcome != CoapOutcome.Response || result.Code != global::Coap.Micro.CoapCode.Content || result.MaxAge == 0)
            {
                return;
            }

            // A newer response replaces an older one, never the reverse (RFC 7252 §5.6.1).
            _entries.AddOrUpdate(key, result, (_, old) => old.ReceivedAt > result.ReceivedAt ? old : result);
        }

        /// <summary>Forgets every response of <paramref name="device"/>.</summary>
        public void Invalidate(string device)
        {
            foreach (CacheKey key in _entries.Keys)
            {
                if (key.Device == device)
                {
                    _entries.TryRemove(key, out _);
                }
            }
        }
    }
}
