using System;
using System.Collections.Concurrent;
using ThermoDev.Gateway.Forwarding;
using ThermoDev.Gateway.Metrics;

namespace ThermoDev.Gateway.Caching
{
    /// <summary>
    /// The gateway's cache of device responses (RFC 7252 §5.6, RFC 8075 §6.3 caching guidance): a 2.05
    /// or a 4.06 response is fresh for its Max-Age (60 s when it has none, §5.10.5) from the moment it
    /// arrived, and within that time a GET of the same target and Accept is answered from here without a
    /// CoAP request. Keeping the 4.06 (cacheable, §5.9.2) makes the walk down an Accept list ask the
    /// device once per format within Max-Age, however many HTTP requests negotiate. Notifications of an Observe relation store their representation too (RFC 7641 §3.2). A
    /// successful unsafe request invalidates the device's entries (as HTTP's RFC 9111 §4.4 does), and a
    /// response that arrived before that invalidation is not stored afterwards. At most
    /// <see cref="MaxEntries"/> entries are kept (targets through /hc are the client's choice): stale
    /// ones are dropped to make room, and a new key that finds no room is not stored.
    /// Each lookup counts as a hit or a miss.
    /// </summary>
    public sealed class ResponseCache
    {
        /// <summary>Most responses kept at once.</summary>
        public const int MaxEntries = 1024;

        private readonly ConcurrentDictionary<CacheKey, CoapResult> _entries = new ConcurrentDictionary<CacheKey, CoapResult>();
        private readonly ConcurrentDictionary<string, long> _invalidatedAt = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        private readonly object _room = new object();
        private readonly GatewayMetrics _metrics;

        /// <summary>A cache counting into <paramref name="metrics"/>.</summary>
        public ResponseCache(GatewayMetrics metrics)
        {
            ArgumentNullException.ThrowIfNull(metrics);
            _metrics = metrics;
        }

        /// <summary>Responses held now, fresh or stale.</summary>
        public int Count => _entries.Count;

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

        /// <summary>
        /// Keeps <paramref name="result"/> for <paramref name="key"/> when it may be cached: a 2.05 or a 4.06
        /// with a Max-Age above 0 that arrived after the device's entries were last invalidated.
        /// </summary>
        public void Store(CacheKey key, CoapResult result)
        {
            ArgumentNullException.ThrowIfNull(result);
            bool stored = result.Code == global::Coap.Micro.CoapCode.Content || result.Code == global::Coap.Micro.CoapCode.NotAcceptable;
            if (result.Outcome != CoapOutcome.Response || !stored || result.MaxAge == 0)
            {
                return;
            }

            // A GET answered before a PUT succeeded, stored only after it: the old state, not to be served.
            if (_invalidatedAt.TryGetValue(key.Device, out long invalidated) && result.ReceivedAt <= invalidated)
            {
                return;
            }

            if (!_entries.ContainsKey(key) && !MakeRoom())
            {
                return;
            }

            // A newer response replaces an older one, never the reverse (RFC 7252 §5.6.1).
            _entries.AddOrUpdate(key, result, (_, old) => old.ReceivedAt > result.ReceivedAt ? old : result);
        }

        /// <summary>Forgets every response of <paramref name="device"/>, and any of its responses that arrived before now.</summary>
        public void Invalidate(string device)
        {
            ArgumentNullException.ThrowIfNull(device);
            _invalidatedAt[device] = Environment.TickCount64;
            foreach (CacheKey key in _entries.Keys)
            {
                if (key.Device == device)
                {
                    _entries.TryRemove(key, out _);
                }
            }
        }

        // True when a new entry fits, after dropping the stale ones if the cache is full.
        private bool MakeRoom()
        {
            if (_entries.Count < MaxEntries)
            {
                return true;
            }

            lock (_room)
            {
                long now = Environment.TickCount64;
                foreach (var entry in _entries)
                {
                    if (entry.Value.FreshFor(now) <= 0)
                    {
                        _entries.TryRemove(entry);
                    }
                }

                return _entries.Count < MaxEntries;
            }
        }
    }
}
