using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Coap.Micro;
using ThermoDev.Gateway.Caching;

namespace ThermoDev.Gateway.Forwarding
{
    /// <summary>
    /// Every request the HTTP side makes of a device goes through here. A GET is answered from the cache
    /// while a response is fresh; otherwise one CoAP request is sent, and GETs of the same target that
    /// arrive meanwhile wait for that one instead of sending their own (so a burst of HTTP requests costs
    /// the device one CoAP request). Other methods always go to the device, and a success invalidates
    /// the device's cached responses.
    /// </summary>
    public sealed class DeviceForwarder
    {
        private readonly GatewayCoapClient _client;
        private readonly ResponseCache _cache;
        private readonly ConcurrentDictionary<CacheKey, Lazy<Task<CoapResult>>> _inFlight = new ConcurrentDictionary<CacheKey, Lazy<Task<CoapResult>>>();

        /// <summary>Forwards through <paramref name="client"/>, caching in <paramref name="cache"/>.</summary>
        public DeviceForwarder(GatewayCoapClient client, ResponseCache cache)
        {
            ArgumentNullException.ThrowIfNull(client);
            ArgumentNullException.ThrowIfNull(cache);
            _client = client;
            _cache = cache;
        }

        /// <summary>How long a request may take before the gateway gives up on it.</summary>
        public TimeSpan Timeout => _client.Timeout;

        /// <summary>Sends <paramref name="call"/> (or answers it from the cache) and returns the response.</summary>
        public async Task<Forwarded> ForwardAsync(CoapCall call, CancellationToken cancellation)
        {
            ArgumentNullException.ThrowIfNull(call);
            if (call.IsUnsafe)
            {
                CoapResult changed = await _client.SendAsync(call, cancellation).ConfigureAwait(false);
                if (changed.IsSuccess)
                {
                    _cache.Invalidate(call.Device.Name);
                }

                return new Forwarded(changed, false);
            }

            // A conditional GET (ETag options) asks the device itself (RFC 7252 §5.10.6).
            bool cacheable = call.Method == CoapCode.Get && call.ETags.Length == 0 && call.Payload.Length == 0;
            if (!cacheable)
            {
                return new Forwarded(await _client.SendAsync(call, cancellation).ConfigureAwait(false), false);
            }

            var key = new CacheKey(call.Device.Name, call.PathAndQuery, call.Accept);
            if (_cache.TryGet(key, out CoapResult cached))
            {
                return new Forwarded(cached, true);
            }

            var mine = new Lazy<Task<CoapResult>>(() => FetchAsync(key, call));
            Lazy<Task<CoapResult>> shared = _inFlight.GetOrAdd(key, mine);
            Task<CoapResult> fetch = shared.Value;
            if (ReferenceEquals(shared, mine))
            {
                _ = fetch.ContinueWith(
                    _ => _inFlight.TryRemove(new KeyValuePair<CacheKey, Lazy<Task<CoapResult>>>(key, mine)),
                    CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            return new Forwarded(await fetch.WaitAsync(cancellation).ConfigureAwait(false), false);
        }

        // The one request for a key; not cancelled by any single HTTP client, bounded by the gateway's timeout.
        private async Task<CoapResult> FetchAsync(CacheKey key, CoapCall call)
        {
            CoapResult result = await _client.SendAsync(call, CancellationToken.None).ConfigureAwait(false);
            _cache.Store(key, result);
            return result;
        }
    }
}
