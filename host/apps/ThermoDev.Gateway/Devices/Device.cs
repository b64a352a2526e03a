using System;
using System.Collections.Generic;
using System.Net;

namespace ThermoDev.Gateway.Devices
{
    /// <summary>
    /// One configured device as the gateway knows it: where it is, its latest reading and status, and the
    /// history of its readings. Changed by the device's Observe relation; read by every HTTP request.
    /// Thread-safe: each change is made under a lock and reported as a new <see cref="DeviceSnapshot"/>.
    /// </summary>
    public sealed class Device
    {
        /// <summary>Readings kept per device: one a second for an hour.</summary>
        public const int HistoryCapacity = 3600;

        private readonly object _gate = new object();
        private decimal? _value;
        private DateTimeOffset? _lastUpdate;
        private DeviceStatus _status = DeviceStatus.Offline;

        /// <summary>A device at <paramref name="address"/>, reached at <paramref name="endPoint"/>.</summary>
        public Device(DeviceAddress address, IPEndPoint endPoint, bool writable)
        {
            ArgumentNullException.ThrowIfNull(address);
            ArgumentNullException.ThrowIfNull(endPoint);
            Address = address;
            EndPoint = endPoint;
            Writable = writable;
        }

        /// <summary>Name, host, port and observed path.</summary>
        public DeviceAddress Address { get; }

        /// <summary>The name.</summary>
        public string Name => Address.Name;

        /// <summary>The UDP endpoint the CoAP requests go to.</summary>
        public IPEndPoint EndPoint { get; }

        /// <summary>False when the gateway refuses writes (--read-only).</summary>
        public bool Writable { get; }

        /// <summary>True when the gateway reaches it with OSCORE (RFC 8613); set before the gateway starts.</summary>
        public bool Oscore { get; internal set; }

        /// <summary>The readings of the last hour.</summary>
        public HistoryRing History { get; } = new HistoryRing(HistoryCapacity, TimeSpan.FromHours(1));

        /// <summary>Its /status as last polled (firmware, uptime, sensor, counters), if it has one.</summary>
        public PolledStatus PolledStatus { get; } = new PolledStatus();

        /// <summary>The current status.</summary>
        public DeviceStatus Status
        {
            get
            {
                lock (_gate)
                {
                    return _status;
                }
            }
        }

        /// <summary>The device as the API shows it now.</summary>
        public DeviceSnapshot Snapshot()
        {
            lock (_gate)
            {
                return SnapshotLocked();
            }
        }

        /// <summary>
        /// A reading arrived at <paramref name="time"/>: the device is online. Returns the new snapshot
        /// when the value or the status changed, else null. Every reading goes into the history.
        /// </summary>
        public DeviceSnapshot? Reading(decimal value, DateTimeOffset time)
        {
            History.Add(new HistoryPoint(time, value));
            lock (_gate)
            {
                bool changed = _value != value || _status != DeviceStatus.Online;
                _value = value;
                _lastUpdate = time;
                _status = DeviceStatus.Online;
                return changed ? SnapshotLocked() : null;
            }
        }

        /// <summary>
        /// A reading arrived at <paramref name="time"/> that is not a number: the device answers (so it is
        /// not offline) but has no value. Returns the new snapshot when that is a change, else null.
        /// </summary>
        public DeviceSnapshot? UnreadableReading(DateTimeOffset time)
        {
            lock (_gate)
            {
                bool changed = _value != null || _status != DeviceStatus.Unreadable;
                _value = null;
                _lastUpdate = time;
                _status = DeviceStatus.Unreadable;
                return changed ? SnapshotLocked() : null;
            }
        }

        /// <summary>The status became <paramref name="status"/>; the new snapshot when that is a change, else null.</summary>
        public DeviceSnapshot? StatusIs(DeviceStatus status)
        {
            lock (_gate)
            {
                if (_status == status)
                {
                    return null;
                }

                _status = status;
                return SnapshotLocked();
            }
        }

        private DeviceSnapshot SnapshotLocked() =>
            new DeviceSnapshot(Name, Address.Uri, _value, DeviceSnapshot.Celsius, _lastUpdate, DeviceSnapshot.StatusText(_status), Writable) { Oscore = Oscore };
    }
}
