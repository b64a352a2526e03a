using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Coap.Micro.Oscore;
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
    /// event hub and the metrics.
    /// </summary>
    public sealed class GatewayCore : IDisposable
    {
        private static readonly TimeSpan DeregisterWait = TimeSpan.FromSeconds(1);

        private readonly List<DeviceObserver> _observers = new List<DeviceObserver>();
        private readonly List<StatusPoller> _statusPollers = new List<StatusPoller>();

        /// <summary>
        /// Builds everything for <paramref name="devices"/>; nothing is sent until <see cref="Start"/>. Each
        /// device's /status is polled every <paramref name="statusInterval"/> (default 30 s), or every
        /// <paramref name="statusRecheckInterval"/> (default 10 min) once it answered it has none. The devices named in
        /// <paramref name="oscore"/> are reached with OSCORE (RFC 8613) under the context in their folder.
        /// </summary>
        public GatewayCore(IEnumerable<DeviceAddress> devices, bool readOnly, TimeSpan coapTimeout, TimeSpan? statusInterval = null, TimeSpan? statusRecheckInterval = null,
            IReadOnlyDictionary<string, OscoreContextFolder>? oscore = null)
        {
            Devices = new DeviceRegistry(devices, !readOnly);
            ReadOnly = readOnly;
            Metrics = new GatewayMetrics();
            Cache = new ResponseCache(Metrics);
            Client = new GatewayCoapClient(Devices.All.Count, coapTimeout, Metrics, OscoreDevices.Security(Devices, oscore, Metrics));
            Forwarder = new DeviceForwarder(Client, Cache);
            Events = new EventHub(Devices.All.Select(d => d.Snapshot()), Metrics);
            try
            {
                foreach (Device device in Devices.All)
                {
                    Metrics.AddDevice(device);
                    _observers.Add(new DeviceObserver(device, Client, Cache, Metrics, Changed));
                    _statusPollers.Add(new StatusPoller(device, Client, Metrics,
                        statusInterval ?? GatewaySettings.DefaultStatusInterval, statusRecheckInterval ?? GatewaySettings.DefaultStatusRecheckInterval));
                }
            }
            catch
            {
                // A path that fits no request: nothing started yet, so close the socket and say why.
                _observers.ForEach(o => o.Dispose());
                _statusPollers.ForEach(p => p.Dispose());
                Client.Dispose();
                throw;
            }
        }

        /// <summary>The configured devices.</summary>
        public DeviceRegistry Devices { get; }

        /// <summary>True when writes are refused.</summary>
        public bool ReadOnly { get; }

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

        /// <summary>Registers as an observer of every device.</summary>
        public void Start()
        {
            foreach (DeviceObserver observer in _observers)
            {
                observer.Start();
            }

            foreach (StatusPoller poller in _statusPollers)
            {
                poller.Start();
            }
        }

        /// <summary>Deregisters from every device (waiting up to a second for them), then stops the client.</summary>
        public void Dispose()
        {
            foreach (StatusPoller poller in _statusPollers)
            {
                poller.Dispose();
            }

            foreach (DeviceObserver observer in _observers)
            {
                observer.Stop();
            }

            var waited = Stopwatch.StartNew();
            while (_observers.Any(o => !o.HasEnded) && waited.Elapsed < DeregisterWait)
            {
                Thread.Sleep(20);
            }

            foreach (DeviceObserver observer in _observers)
            {
                observer.Dispose();
            }

            Client.Dispose();
        }

        private void Changed(DeviceSnapshot snapshot)
        {
            Metrics.Changed(snapshot);
            Events.Publish(snapshot);
        }
    }
}
