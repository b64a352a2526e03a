using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;

namespace ThermoDev.Gateway.Devices
{
    /// <summary>
    /// One device as the gateway knows it: where it is, how the gateway learnt of it, its latest reading and
    /// status, and the history of its readings. Changed by the device's Observe relation (and, for a device
    /// that registered or was discovered, by its registration: a new address, or gone); read by every HTTP
    /// request. Thread-safe: each change is made under a lock and reported as a new <see cref="DeviceSnapshot"/>.
    /// How the gateway reaches the device is <see cref="Location"/> (address and endpoint, replaced as a whole
    /// when a registration moves it): a per-device security context belongs beside it.
    /// </summary>
    public sealed class Device
    {
        /// <summary>Readings kept per device: one a second for an hour.</summary>
        public const int HistoryCapacity = 3600;

        private readonly object _gate = new object();
        private decimal? _value;
        private DateTimeOffset? _lastUpdate;
        private DeviceStatus _status = DeviceStatus.Offline;
        private DeviceLocation _location;

        /// <summary>A device at <paramref name="address"/>, reached at <paramref name="endPoint"/>, known from <paramref name="origin"/>.</summary>
        public Device(DeviceAddress address, IPEndPoint endPoint, bool writable, DeviceOrigin origin = DeviceOrigin.Configured)
        {
            ArgumentNullException.ThrowIfNull(address);
            ArgumentNullException.ThrowIfNull(endPoint);
            _location = new DeviceLocation(address, endPoint);
            Name = address.Name;
            Writable = writable;
            Origin = origin;
        }

        /// <summary>Name, host, port and observed path (a registered device's change with its registration).</summary>
        public DeviceAddress Address => Volatile.Read(ref _location).Address;

        /// <summary>The name.</summary>
        public string Name { get; }

        /// <summary>The UDP endpoint the CoAP requests go to.</summary>
        public IPEndPoint EndPoint => Volatile.Read(ref _location).EndPoint;

        /// <summary>Address and endpoint together, read at once (they change together).</summary>
        public DeviceLocation Location => Volatile.Read(ref _location);

        /// <summary>How the gateway learnt of the device: --device, a Resource Directory registration, multicast discovery.</summary>
        public DeviceOrigin Origin { get; }

        /// <summary>True once its registration ended (expired or removed) or discovery lost it; a new one brings it back.</summary>
        public bool IsGone => Status == DeviceStatus.Gone;

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

        /// <summary>The device is now at <paramref name="address"/> (<paramref name="endPoint"/>): a registration moved it.</summary>
        public void MoveTo(DeviceAddress address, IPEndPoint endPoint)
        {
            ArgumentNullException.ThrowIfNull(address);
            ArgumentNullException.ThrowIfNull(endPoint);
            if (address.Name != Name)
            {
                throw new ArgumentException($"device {Name} cannot move to {address}");
            }

            Volatile.Write(ref _location, new DeviceLocation(address, endPoint));
        }

        /// <summary>
        /// A reading arrived at <paramref name="time"/>: the device is online. Returns the new snapshot
        /// when the value or the status changed, else null. Every reading goes into the history.
        /// </summary>
        public DeviceSnapshot? Reading(decimal value, DateTimeOffset time)
        {
            lock (_gate)
            {
                if (_status == DeviceStatus.Gone)
                {
                    return null;
                }

                History.Add(new HistoryPoint(time, value));
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
                if (_status == DeviceStatus.Gone)
                {
                    return null;
                }

                bool changed = _value != null || _status != DeviceStatus.Unreadable;
                _value = null;
                _lastUpdate = time;
                _status = DeviceStatus.Unreadable;
                return changed ? SnapshotLocked() : null;
            }
        }

        /// <summary>
        /// The status became <paramref name="status"/>; the new snapshot when that is a change, else null. A
        /// gone device stays gone (a late answer of its ended relation changes nothing) until <see cref="Revive"/>.
        /// </summary>
        public DeviceSnapshot? StatusIs(DeviceStatus status)
        {
            lock (_gate)
            {
                if (_status == status || (_status == DeviceStatus.Gone && status != DeviceStatus.Gone))
                {
                    return null;
                }

                _status = status;
                return SnapshotLocked();
            }
        }

        /// <summary>A gone device registered again: offline until its relation delivers; the new snapshot, or null when it was not gone.</summary>
        public DeviceSnapshot? Revive()
        {
            lock (_gate)
            {
                if (_status != DeviceStatus.Gone)
                {
                    return null;
                }

                _status = DeviceStatus.Offline;
                return SnapshotLocked();
            }
        }

        private DeviceSnapshot SnapshotLocked() =>
            new DeviceSnapshot(Name, Address.Uri, _value, DeviceSnapshot.Celsius, _lastUpdate, DeviceSnapshot.StatusText(_status), Writable && _status != DeviceStatus.Gone)
            {
                Origin = DeviceSnapshot.OriginText(Origin),
                Oscore = Oscore,
            };
    }
}
