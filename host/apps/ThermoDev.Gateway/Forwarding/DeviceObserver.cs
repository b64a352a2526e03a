using System;
using System.Globalization;
using System.Text;
using System.Threading;
using Coap.Micro;
using ThermoDev.Gateway.Caching;
using ThermoDev.Gateway.Devices;
using ThermoDev.Gateway.Metrics;

namespace ThermoDev.Gateway.Forwarding
{
    /// <summary>
    /// The one Observe relation (RFC 7641) the gateway keeps with a device, however many HTTP clients
    /// listen. Each notification updates the device (value, status, history), refreshes the cached
    /// representation and, when something changed, reports the new state (a 2.05 that is not a number:
    /// unreadable, the device still answering). When the relation ends
    /// (timeout, RST, an error code) the device is offline, or sensor-failed on 5.03, and the gateway
    /// registers again after a backoff of 1 s doubling to at most <see cref="MaxBackoff"/>. A relation
    /// that stays silent past its Max-Age plus the gateway's timeout is given up and registered again.
    /// </summary>
    public sealed class DeviceObserver : ICoapResponseHandler, IDisposable
    {
        /// <summary>Longest wait before registering again.</summary>
        public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(8);

        private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
        private static readonly TimeSpan WatchInterval = TimeSpan.FromSeconds(1);

        private readonly Device _device;
        private readonly GatewayCoapClient _client;
        private readonly ResponseCache _cache;
        private readonly GatewayMetrics _metrics;
        private readonly Action<DeviceSnapshot> _changed;
        private readonly CoapRequest _request = new CoapRequest(1024, 4, 128);
        private readonly CacheKey _cacheKey;
        private readonly Timer _retry;
        private readonly Timer _watch;
        private readonly object _gate = new object();
        private TimeSpan _backoff = FirstBackoff;
        private long _lastHeard;
        private uint _maxAge = 60;
        private bool _stopping;

        /// <summary>Observes <paramref name="device"/> through <paramref name="client"/>; <paramref name="changed"/> hears of each change (on the client's loop thread: it must not block).</summary>
        public DeviceObserver(Device device, GatewayCoapClient client, ResponseCache cache, GatewayMetrics metrics, Action<DeviceSnapshot> changed)
        {
            ArgumentNullException.ThrowIfNull(device);
            ArgumentNullException.ThrowIfNull(client);
            ArgumentNullException.ThrowIfNull(cache);
            ArgumentNullException.ThrowIfNull(metrics);
            ArgumentNullException.ThrowIfNull(changed);
            _device = device;
            _client = client;
            _cache = cache;
            _metrics = metrics;
            _changed = changed;
            _cacheKey = new CacheKey(device.Name, device.Address.Path, CoapContentFormat.TextPlain);
            _request.Observe = true;
            _request.Handler = this;
            _request.SetEndpoint(client.EndpointOf(device));
            _request.SecurityContext = client.Security.ContextOf(device.Name);
            if (!_request.SetPath(device.Address.Path) || !_request.AddUIntOption(CoapOption.Accept, CoapContentFormat.TextPlain))
            {
                throw new ArgumentException($"device {device.Name}: the path {device.Address.Path} does not fit a request");
            }

            _retry = new Timer(_ => Register());
            _watch = new Timer(_ => Watch());
        }

        /// <summary>Registers (GET with Observe 0, text/plain) and starts watching the relation.</summary>
        public void Start()
        {
            Register();
            _watch.Change(WatchInterval, WatchInterval);
        }

        /// <summary>Deregisters (GET with Observe 1, RFC 7641 §3.6) and registers no more.</summary>
        public void Stop()
        {
            lock (_gate)
            {
                _stopping = true;
            }

            _retry.Change(Timeout.Infinite, Timeout.Infinite);
            _watch.Change(Timeout.Infinite, Timeout.Infinite);
            _client.Client.StopObserving(_request);
        }

        /// <summary>True once the relation has ended after <see cref="Stop"/>.</summary>
        public bool HasEnded => !_request.IsPending;

        /// <inheritdoc/>
        public void Dispose()
        {
            Stop();
            _client.Client.Cancel(_request);
            _retry.Dispose();
            _watch.Dispose();
        }

        /// <inheritdoc/>
        public void Response(CoapRequest request, CoapMessage message)
        {
            Interlocked.Exchange(ref _lastHeard, Environment.TickCount64);
            _maxAge = request.MaxAge;
            if (request.Code == CoapCode.Content)
            {
                CoapResult result = PendingExchange.Copy(request);
                _cache.Store(_cacheKey, result);
                lock (_gate)
                {
                    _backoff = FirstBackoff;
                }

                // A 2.05 is an answer: a payload that is no number marks the reading, not the device, as bad.
                Report(decimal.TryParse(Encoding.UTF8.GetString(result.Payload), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal value)
                    ? _device.Reading(value, DateTimeOffset.UtcNow)
                    : _device.UnreadableReading(DateTimeOffset.UtcNow));
                return;
            }

            // RFC 7641 §3.2: 5.03 (or any error) ends the relation; Ended follows. The stored reading is
            // no longer the resource's state, so GETs go to the device again.
            _cache.Invalidate(_device.Name);
            Report(_device.StatusIs(request.Code == CoapCode.ServiceUnavailable ? DeviceStatus.SensorFailed : DeviceStatus.Offline));
        }

        /// <inheritdoc/>
        public void Ended(CoapRequest request)
        {
            // A 2.05 without Observe (the device's observer table is full, RFC 7641 §4.1) was still a
            // reading: the device stays online and is asked again after the backoff. 5.03 keeps sensor-failed.
            bool answered = request.Result == CoapClientResult.Response;
            if (request.Result == CoapClientResult.Timeout)
            {
                _metrics.CoapTimedOut(_device.Name);
            }
            else if (request.Result == CoapClientResult.ProtectionFailed)
            {
                _client.Security.Failed(_device.Name, request);
            }

            if (!answered || (request.Code != CoapCode.ServiceUnavailable && request.Code != CoapCode.Content))
            {
                _cache.Invalidate(_device.Name);
                Report(_device.StatusIs(DeviceStatus.Offline));
            }

            lock (_gate)
            {
                if (_stopping)
                {
                    return;
                }

                _retry.Change(_backoff, Timeout.InfiniteTimeSpan);
                _backoff = _backoff * 2 > MaxBackoff ? MaxBackoff : _backoff * 2;
            }
        }

        private void Register()
        {
            lock (_gate)
            {
                if (_stopping)
                {
                    return;
                }
            }

            Interlocked.Exchange(ref _lastHeard, Environment.TickCount64);
            if (_client.Client.Send(_request) == CoapClientResult.Pending)
            {
                _metrics.CoapRequestSent(_device.Name);
            }
            else
            {
                // Not sent (the client is stopping or full): try again later.
                lock (_gate)
                {
                    if (!_stopping)
                    {
                        _retry.Change(_backoff, Timeout.InfiniteTimeSpan);
                    }
                }
            }
        }

        // Silent for longer than Max-Age and the gateway's timeout: the relation is given up (Ended follows).
        private void Watch()
        {
            long silentFor = Environment.TickCount64 - Interlocked.Read(ref _lastHeard);
            if (_request.IsPending && silentFor > (_maxAge * 1000L) + (long)_client.Timeout.TotalMilliseconds)
            {
                _metrics.CoapTimedOut(_device.Name);
                _client.Client.Cancel(_request);
            }
        }

        private void Report(DeviceSnapshot? snapshot)
        {
            if (snapshot != null)
            {
                _changed(snapshot);
            }
        }
    }
}
