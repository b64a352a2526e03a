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
            new[] { DeviceStatus.Online, DeviceStatus.Offline, DeviceStatus.SensorFailed, DeviceStatus.Unreadable, DeviceStatus.Gone }, DeviceSnapshot.StatusText);

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
        private readonly Gauge _uptime;
        private readonly Gauge _freeMemory;
        private readonly Gauge _wifiReconnects;
        private readonly Gauge _sensorFailures;
        private readonly Gauge _deviceRequests;
        private readonly Gauge _deviceNotifications;
        private readonly Gauge _deviceRetransmissions;
        private readonly Gauge _deviceGaveUp;
        private readonly Gauge _deviceEvictions;
        private readonly Gauge _statusTime;
        private readonly Gauge[] _statusGauges;

        /// <summary>Creates every metric in a new registry.</summary>
        public GatewayMetrics()
        {
            Registry = Prometheus.Metrics.NewCustomRegistry();
            IMetricFactory factory = Prometheus.Metrics.WithCustomRegistry(Registry);
            _temperature = factory.CreateGauge("thermodev_temperature_celsius", "The device's latest temperature reading, degrees Celsius.", new[] { "device" });
            _up = factory.CreateGauge("thermodev_device_up", "1 while the device's Observe relation delivers readings, else 0.", new[] { "device" });
            _status = factory.CreateGauge("thermodev_device_status", "1 for the device's current status (online, offline, sensor-failed, unreadable, gone), 0 for the others.", new[] { "device", "status" });
            _coapRequests = factory.CreateCounter("thermodev_coap_requests_total", "CoAP requests the gateway sent to the device (Observe registrations included).", new[] { "device" });
            _coapRetransmissions = factory.CreateCounter("thermodev_coap_retransmissions_total", "Confirmable CoAP requests sent again for want of an ACK (RFC 7252 §4.2), all devices.");
            _coapTimeouts = factory.CreateCounter("thermodev_coap_timeouts_total", "CoAP requests to the device that got no answer in time.", new[] { "device" });
            _sseClients = factory.CreateGauge("thermodev_sse_clients", "Server-Sent Events clients connected to /events.");
            _sseEvents = factory.CreateCounter("thermodev_sse_events_total", "Events published to /events (one per change of a device's value or status).");
            _sseDropped = factory.CreateCounter("thermodev_sse_clients_dropped_total", "SSE clients disconnected because they did not keep up.");
            _cacheHits = factory.CreateCounter("thermodev_gateway_cache_hits_total", "GET requests answered from the gateway's cache, without a CoAP request.");
            _cacheMisses = factory.CreateCounter("thermodev_gateway_cache_misses_total", "GET requests the cache could not answer (nothing fresh stored).");

            // From each device's /status, polled; only devices that serve it have these series.
            const string Reset = " The device's own count since it started: a restart resets it.";
            string[] device = { "device" };
            _uptime = factory.CreateGauge("thermodev_device_uptime_seconds", "Seconds since the device started, from its /status.", device);
            _freeMemory = factory.CreateGauge("thermodev_device_free_memory_bytes", "Free managed memory on the device, bytes, from its /status.", device);
            _wifiReconnects = factory.CreateGauge("thermodev_device_wifi_reconnects", "Times the device's Wi-Fi connected again after losing it, from its /status." + Reset, device);
            _sensorFailures = factory.CreateGauge("thermodev_device_sensor_failures", "Sensor readings failed in a row (0 once one succeeds), from the device's /status.", device);
            _deviceRequests = factory.CreateGauge("thermodev_device_coap_requests", "CoAP requests the device's server handled, from its /status." + Reset, device);
            _deviceNotifications = factory.CreateGauge("thermodev_device_coap_notifications", "Observe notifications the device sent (RFC 7641), from its /status." + Reset, device);
            _deviceRetransmissions = factory.CreateGauge("thermodev_device_coap_retransmissions", "Confirmable messages the device sent again for want of an ACK (RFC 7252 §4.2), from its /status." + Reset, device);
            _deviceGaveUp = factory.CreateGauge("thermodev_device_coap_gave_up", "Confirmable messages the device gave up on after its last retransmission, from its /status." + Reset, device);
            _deviceEvictions = factory.CreateGauge("thermodev_device_coap_evictions", "Deduplication entries the device dropped to make room (RFC 7252 §4.5), from its /status." + Reset, device);
            _statusTime = factory.CreateGauge("thermodev_device_status_timestamp_seconds", "When the gateway last received the device's /status, Unix time; the values above are that old.", device);
            _statusGauges = new[] { _uptime, _freeMemory, _wifiReconnects, _sensorFailures, _deviceRequests, _deviceNotifications, _deviceRetransmissions, _deviceGaveUp, _deviceEvictions, _statusTime };
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
            if (snapshot.Status == DeviceSnapshot.StatusText(DeviceStatus.Gone))
            {
                // A gone device keeps its up (0), status (gone) and request counters; a reading or
                // /status figures of a device no longer followed would only go stale, so they go.
                _temperature.RemoveLabelled(snapshot.Name);
                NoStatus(snapshot.Name);
            }
            else if (snapshot.Value.HasValue)
            {
                _temperature.WithLabels(snapshot.Name).Set((double)snapshot.Value.Value);
            }

            // Up while the device answers its observation, with a number or not.
            bool up = snapshot.Status == DeviceSnapshot.StatusText(DeviceStatus.Online) || snapshot.Status == DeviceSnapshot.StatusText(DeviceStatus.Unreadable);
            _up.WithLabels(snapshot.Name).Set(up ? 1 : 0);
            foreach (string status in Statuses)
            {
                _status.WithLabels(snapshot.Name, status).Set(status == snapshot.Status ? 1 : 0);
            }
        }

        /// <summary>Records <paramref name="device"/>'s /status; a field the device left out leaves its series as it was.</summary>
        public void StatusReceived(string device, StatusReport report)
        {
            ArgumentNullException.ThrowIfNull(report);
            Set(_uptime, device, report.Uptime);
            Set(_freeMemory, device, report.FreeMemory);
            Set(_wifiReconnects, device, report.WifiReconnects);
            Set(_sensorFailures, device, report.SensorFailures);
            Set(_deviceRequests, device, report.Requests);
            Set(_deviceNotifications, device, report.Notifications);
            Set(_deviceRetransmissions, device, report.Retransmissions);
            Set(_deviceGaveUp, device, report.GaveUp);
            Set(_deviceEvictions, device, report.Evictions);
            _statusTime.WithLabels(device).SetToCurrentTimeUtc();
        }

        /// <summary><paramref name="device"/> has no /status: its status series go away.</summary>
        public void NoStatus(string device)
        {
            foreach (Gauge gauge in _statusGauges)
            {
                gauge.RemoveLabelled(device);
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

        private static void Set(Gauge gauge, string device, long? value)
        {
            if (value.HasValue)
            {
                gauge.WithLabels(device).Set(value.Value);
            }
        }
    }
}
