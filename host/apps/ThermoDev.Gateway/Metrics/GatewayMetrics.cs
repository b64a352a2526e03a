using System;
using Prometheus;
using ThermoDev.Gateway.Devices;

namespace ThermoDev.Gateway.Metrics
{
    /// <summary>
    /// The gateway's Prometheus metrics, in a registry of its own (not prometheus-net's static default),
    /// so several gateways in one process keep theirs apart. Served at /metrics.
    /// </summary>
    public sealed class GatewayMetrics
    {
        private static readonly string[] Statuses = Array.ConvertAll(
            new[] { DeviceStatus.Online, DeviceStatus.Offline, DeviceStatus.SensorFailed }, DeviceSnapshot.StatusText);

        private readonly Gauge _temperature;
        private readonly Gauge _up;
        private readonly Gauge _status;
        private readonly Counter _coapRequests;
        private readonly Counter _coapRetransmissions;
        private readonly Counter _coapTimeouts;
        private readonly Gauge _sseClients;
        private readonly Counter _sseEvents;
        private readonly Counter _sseDropped;
        private readonly Counter _cacheHits;
        private readonly Counter _cacheMisses;

        /// <summary>Creates every metric in a new registry.</summary>
        public GatewayMetrics()
        {
            Registry = Prometheus.Metrics.NewCustomRegistry();
            IMetricFactory factory = Prometheus.Metrics.WithCustomRegistry(Registry);
            _temperature = factory.CreateGauge("thermodev_temperature_celsius", "The device's latest temperature reading, degrees Celsius.", new[] { "device" });
            _up = factory.CreateGauge("thermodev_device_up", "1 while the device's Observe relation delivers readings, else 0.", new[] { "device" });
            _status = factory.CreateGauge("thermodev_device_status", "1 for the device's current status (online, offline, sensor-failed), 0 for the others.", new[] { "device", "status" });
            _coapRequests = factory.CreateCounter("thermodev_coap_requests_total", "CoAP requests the gateway sent to the device (Observe registrations included).", new[] { "device" });
            _coapRetransmissions = factory.CreateCounter("thermodev_coap_retransmissions_total", "Confirmable CoAP requests sent again for want of an ACK (RFC 7252 §4.2), all devices.");
            _coapTimeouts = factory.CreateCounter("thermodev_coap_timeouts_total", "CoAP requests to the device that got no answer in time.", new[] { "device" });
            _sseClients = factory.CreateGauge("thermodev_sse_clients", "Server-Sent Events clients connected to /events.");
            _sseEvents = factory.CreateCounter("thermodev_sse_events_total", "Events published to /events (one per change of a device's value or status).");
            _sseDropped = factory.CreateCounter("thermodev_sse_clients_dropped_total", "SSE clients disconnected because they did not keep up.");
            _cacheHits = factory.CreateCounter("thermodev_gateway_cache_hits_total", "GET requests answered from the gateway's cache, without a CoAP request.");
            _cacheMisses = factory.CreateCounter("thermodev_gateway_cache_misses_total", "GET requests the cache could not answer (nothing fresh stored).");
        }

        /// <summary>The registry /metrics serves.</summary>
        public CollectorRegistry Registry { get; }

        /// <summary>Cache hits so far.</summary>
        public long CacheHits => (long)_cacheHits.Value;

        /// <summary>Cache misses so far.</summary>
        public long CacheMisses => (long)_cacheMisses.Value;

        /// <summary>CoAP requests sent to <paramref name="device"/> so far.</summary>
        public long CoapRequests(string device) => (long)_coapRequests.WithLabels(device).Value;

        /// <summary>Makes the per-device series exist (0) from the start.</summary>
        public void AddDevice(Device device)
        {
            ArgumentNullException.ThrowIfNull(device);
            _coapRequests.WithLabels(device.Name);
            _coapTimeouts.WithLabels(device.Name);
            Changed(device.Snapshot());
        }

        /// <summary>Records a device's new value or status.</summary>
        public void Changed(DeviceSnapshot snapshot)
        {
            ArgumentNullException.ThrowIfNull(snapshot);
            if (snapshot.Value.HasValue)
            {
                _temperature.WithLabels(snapshot.Name).Set((double)snapshot.Value.Value);
            }

            _up.WithLabels(snapshot.Name).Set(snapshot.Status == DeviceSnapshot.StatusText(DeviceStatus.Online) ? 1 : 0);
            foreach (string status in Statuses)
            {
                _status.WithLabels(snapshot.Name, status).Set(status == snapshot.Status ? 1 : 0);
            }
        }

        /// <summary>Counts a CoAP request sent to <paramref name="device"/>.</summary>
        public void CoapRequestSent(string device) => _coapRequests.WithLabels(device).Inc();

        /// <summary>Counts a CoAP request to <paramref name="device"/> that got no answer.</summary>
        public void CoapTimedOut(string device) => _coapTimeouts.WithLabels(device).Inc();

        /// <summary>Sets the retransmission count to the client's own (it only grows).</summary>
        public void CoapRetransmissions(long total) => _coapRetransmissions.IncTo(total);

        /// <summary>Sets the number of SSE clients connected.</summary>
        public void SseClients(int count) => _sseClients.Set(count);

        /// <summary>Counts an event published.</summary>
        public void SseEventPublished() => _sseEvents.Inc();

        /// <summary>Counts a slow SSE client dropped.</summary>
        public void SseClientDropped() => _sseDropped.Inc();

        /// <summary>Counts a GET answered from the cache.</summary>
        public void CacheHit() => _cacheHits.Inc();

        /// <summary>Counts a GET the cache could not answer.</summary>
        public void CacheMiss() => _cacheMisses.Inc();
    }
}
