using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Threading;
using Coap.Micro.Oscore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ThermoDev.Gateway.Caching;
using ThermoDev.Gateway.Forwarding;
using ThermoDev.Gateway.Devices;
using ThermoDev.Gateway.Metrics;
using ThermoDev.Gateway.Sse;

namespace ThermoDev.Gateway
{
    /// <summary>
    /// The gateway without its web server: the devices, the CoAP client, one Observe relation per device,
    /// the pollers of each device's /status, the cache, the forwarder every HTTP request goes through, the
    /// event hub and the metrics. The set of devices changes at run time: <see cref="Follow"/> adds a
    /// device (or moves one) that registered or was discovered, <see cref="MarkGone"/> ends one.
    /// </summary>
    public sealed class GatewayCore : IDisposable
    {
        private static readonly TimeSpan DeregisterWait = TimeSpan.FromSeconds(1);

        private readonly object _gate = new object();
        private readonly Dictionary<string, Followed> _followed = new Dictionary<string, Followed>(StringComparer.Ordinal);
        private readonly List<DeviceObserver> _ended = new List<DeviceObserver>();
        private readonly TimeSpan _statusInterval;
        private readonly TimeSpan _statusRecheckInterval;
        private readonly ILogger _log;
        private bool _started;
        private bool _disposed;

        /// <summary>
        /// Builds everything for <paramref name="devices"/>; nothing is sent until <see cref="Start"/>. Each
        /// device's /status is polled every <paramref name="statusInterval"/> (default 30 s), or every
        /// <paramref name="statusRecheckInterval"/> (default 10 min) once it answered it has none. Room is
        /// made for <paramref name="dynamicDevices"/> more that may register or be discovered at run time. The
        /// configured devices named in <paramref name="oscore"/> are reached with OSCORE (RFC 8613) under the context in their folder.
        /// </summary>
        public GatewayCore(IEnumerable<DeviceAddress> devices, bool readOnly, TimeSpan coapTimeout, TimeSpan? statusInterval = null, TimeSpan? statusRecheckInterval = null,
            int dynamicDevices = 0, ILogger? log = null, IReadOnlyDictionary<string, OscoreContextFolder>? oscore = null)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(dynamicDevices);
            Devices = new DeviceRegistry(devices, !readOnly);
            ReadOnly = readOnly;
            DynamicCapacity = dynamicDevices;
            _log = log ?? NullLogger.Instance;
            _statusInterval = statusInterval ?? GatewaySettings.DefaultStatusInterval;
            _statusRecheckInterval = statusRecheckInterval ?? GatewaySettings.DefaultStatusRecheckInterval;
            Metrics = new GatewayMetrics();
            Cache = new ResponseCache(Metrics);
            Client = new GatewayCoapClient(Devices.All.Count + dynamicDevices, coapTimeout, Metrics, OscoreDevices.Security(Devices, oscore, Metrics));
            Forwarder = new DeviceForwarder(Client, Cache);
            Events = new EventHub(Devices.All.Select(d => d.Snapshot()), Metrics);
            try
            {
                foreach (Device device in Devices.All)
                {
                    Metrics.AddDevice(device);
                    _followed.Add(device.Name, Follower(device));
                }
            }
            catch
            {
                // A path that fits no request: nothing started yet, so close the socket and say why.
                foreach (Followed followed in _followed.Values)
                {
                    followed.Dispose();
                }

                Client.Dispose();
                throw;
            }
        }

        /// <summary>The devices: configured, then those that registered or were discovered.</summary>
        public DeviceRegistry Devices { get; }

        /// <summary>True when writes are refused.</summary>
        public bool ReadOnly { get; }

        /// <summary>Devices that may register or be discovered at run time, at most (gone ones count until they come back).</summary>
        public int DynamicCapacity { get; }

        /// <summary>The metrics.</summary>
        public GatewayMetrics Metrics { get; }

        /// <summary>The response cache.</summary>
        public ResponseCache Cache { get; }

        /// <summary>The CoAP client.</summary>
        public GatewayCoapClient Client { get; }

        /// <summary>Sends (or answers from the cache) every request of the HTTP side.</summary>
        public DeviceForwarder Forwarder { get; }

        /// <summary>The events /events serves.</summary>
        public EventHub Events { get; }

        /// <summary>Raised after each device change the events get, on the thread that made it: return at once.</summary>
        public event Action<DeviceSnapshot>? DeviceChanged;

        /// <summary>Registers as an observer of every device.</summary>
        public void Start()
        {
            lock (_gate)
            {
                _started = true;
                foreach (Followed followed in _followed.Values)
                {
                    followed.Start();
                }
            }
        }

        /// <summary>
        /// Follows the device <paramref name="address"/> names, learnt from <paramref name="origin"/> (a
        /// registration, a discovery): a new one is added and observed; one already followed from the same
        /// origin at another address (or gone) is observed at the new one; a name a --device (or another
        /// origin) holds is left to that one and logged. Any thread; never blocks on the network.
        /// </summary>
        public DeviceAdmission Follow(DeviceAddress address, DeviceOrigin origin)
        {
            ArgumentNullException.ThrowIfNull(address);
            if (origin == DeviceOrigin.Configured)
            {
                throw new ArgumentException("configured devices are given to the constructor", nameof(origin));
            }

            if (!IPAddress.TryParse(address.Host, out IPAddress? ip))
            {
                throw new ArgumentException($"device {address.Name}: {address.Host} is not an IP address", nameof(address));
            }

            var endPoint = new IPEndPoint(ip, address.Port);
            DeviceSnapshot? revived = null;
            Device device;
            DeviceAdmission admission;
            lock (_gate)
            {
                if (_disposed)
                {
                    return DeviceAdmission.Full;
                }

                Device? known = Devices.Find(address.Name);
                if (known != null && known.Origin != origin)
                {
                    _log.LogWarning("{Origin} device {Name} at {Uri} ignored: the name belongs to a {Other} device ({OtherUri}), which wins",
                        DeviceSnapshot.OriginText(origin), address.Name, address.Uri, DeviceSnapshot.OriginText(known.Origin), known.Address.Uri);
                    return DeviceAdmission.NameTaken;
                }

                if (known == null)
                {
                    if (Devices.All.Count(d => d.Origin != DeviceOrigin.Configured) >= DynamicCapacity)
                    {
                        _log.LogWarning("{Origin} device {Name} at {Uri} ignored: the gateway follows {Capacity} such devices already",
                            DeviceSnapshot.OriginText(origin), address.Name, address.Uri, DynamicCapacity);
                        return DeviceAdmission.Full;
                    }

                    device = new Device(address, endPoint, !ReadOnly, origin);
                    Devices.TryAdd(device);
                    Metrics.AddDevice(device);
                    admission = DeviceAdmission.Added;
                }
                else
                {
                    device = known;
                    if (!known.IsGone && known.Address.Uri == address.Uri && known.EndPoint.Equals(endPoint))
                    {
                        return DeviceAdmission.Unchanged;
                    }

                    // A new address (or back from gone): the old relation and poller end, new ones start there.
                    if (_followed.Remove(device.Name, out Followed? old))
                    {
                        End(old);
                    }

                    device.MoveTo(address, endPoint);
                    Cache.Invalidate(device.Name);
                    revived = device.Revive();
                    admission = DeviceAdmission.Moved;
                }

                var followed = Follower(device);
                _followed.Add(device.Name, followed);
                if (_started)
                {
                    followed.Start();
                }
            }

            _log.LogInformation("{Origin} device {Name} {Admission}: {Uri}", DeviceSnapshot.OriginText(origin), address.Name, admission, address.Uri);
            Changed(revived ?? device.Snapshot());
            return admission;
        }

        /// <summary>
        /// The device <paramref name="name"/>, learnt from <paramref name="origin"/>, is gone (its registration
        /// expired or was removed): it is no longer observed or polled, and shows as gone. False when no such
        /// device is followed (or the name is another origin's).
        /// </summary>
        public bool MarkGone(string name, DeviceOrigin origin)
        {
            ArgumentNullException.ThrowIfNull(name);
            DeviceSnapshot? gone;
            lock (_gate)
            {
                Device? device = Devices.Find(name);
                if (device == null || device.Origin != origin || !_followed.Remove(name, out Followed? followed))
                {
                    return false;
                }

                End(followed);
                Cache.Invalidate(name);
                gone = device.StatusIs(DeviceStatus.Gone);
            }

            _log.LogInformation("{Origin} device {Name} gone", DeviceSnapshot.OriginText(origin), name);
            if (gone != null)
            {
                Changed(gone);
            }

            return true;
        }

        /// <summary>Deregisters from every device (waiting up to a second for them), then stops the client.</summary>
        public void Dispose()
        {
            List<Followed> followed;
            List<DeviceObserver> ended;
            lock (_gate)
            {
                _disposed = true;
                followed = _followed.Values.ToList();
                _followed.Clear();
                ended = _ended.ToList();
                _ended.Clear();
            }

            foreach (Followed one in followed)
            {
                one.Poller.Dispose();
                one.Observer.Stop();
            }

            var waited = Stopwatch.StartNew();
            while (followed.Any(o => !o.Observer.HasEnded) && waited.Elapsed < DeregisterWait)
            {
                Thread.Sleep(20);
            }

            foreach (Followed one in followed)
            {
                one.Observer.Dispose();
            }

            foreach (DeviceObserver observer in ended)
            {
                observer.Dispose();
            }

            Client.Dispose();
        }

        private Followed Follower(Device device)
        {
            var observer = new DeviceObserver(device, Client, Cache, Metrics, Changed);
            try
            {
                return new Followed(observer, new StatusPoller(device, Client, Metrics, _statusInterval, _statusRecheckInterval));
            }
            catch
            {
                observer.Dispose();
                throw;
            }
        }

        // Under _gate. The relation is deregistered (RFC 7641 §3.6) and cancelled once that ended.
        private void End(Followed followed)
        {
            followed.Poller.Dispose();
            followed.Observer.Stop();
            _ended.RemoveAll(o =>
            {
                if (o.HasEnded)
                {
                    o.Dispose();
                    return true;
                }

                return false;
            });
            _ended.Add(followed.Observer);
        }

        private void Changed(DeviceSnapshot snapshot)
        {
            Metrics.Changed(snapshot);
            Events.Publish(snapshot);
            DeviceChanged?.Invoke(snapshot);
        }

        // One device followed: its Observe relation and its /status poller.
        private sealed record Followed(DeviceObserver Observer, StatusPoller Poller) : IDisposable
        {
            public void Start()
            {
                Observer.Start();
                Poller.Start();
            }

            public void Dispose()
            {
                Poller.Dispose();
                Observer.Dispose();
            }
        }
    }
}
