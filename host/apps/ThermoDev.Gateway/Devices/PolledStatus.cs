using System;
using System.Threading;

namespace ThermoDev.Gateway.Devices
{
    /// <summary>
    /// What the gateway knows of a device's /status from its polls: the last report and when it came,
    /// whether the latest poll went unanswered (the report is then stale), or that the device has no
    /// /status (4.xx). Thread-safe.
    /// </summary>
    public sealed class PolledStatus
    {
        private readonly object _gate = new object();
        private StatusReport? _report;
        private DateTimeOffset _receivedAt;
        private bool _stale;
        private bool _notServed;
        private long _polls;

        /// <summary>Polls that have ended so far (answered or not).</summary>
        public long Polls => Interlocked.Read(ref _polls);

        /// <summary>True once the device answered that it has no /status (until it serves one).</summary>
        public bool NotServed
        {
            get
            {
                lock (_gate)
                {
                    return _notServed;
                }
            }
        }

        /// <summary>A report arrived at <paramref name="time"/>.</summary>
        public void Received(StatusReport report, DateTimeOffset time)
        {
            ArgumentNullException.ThrowIfNull(report);
            lock (_gate)
            {
                _report = report;
                _receivedAt = time;
                _stale = false;
                _notServed = false;
            }

            Interlocked.Increment(ref _polls);
        }

        /// <summary>The device answered that it has no /status: any report it had is forgotten.</summary>
        public void NoStatus()
        {
            lock (_gate)
            {
                _report = null;
                _stale = false;
                _notServed = true;
            }

            Interlocked.Increment(ref _polls);
        }

        /// <summary>The latest poll got no usable answer: the last report, if any, is stale.</summary>
        public void Unanswered()
        {
            lock (_gate)
            {
                _stale = _report != null;
            }

            Interlocked.Increment(ref _polls);
        }

        /// <summary>The status as the API shows it at <paramref name="now"/>, or null when there is none.</summary>
        public StatusView? View(string device, DateTimeOffset now)
        {
            lock (_gate)
            {
                if (_report == null)
                {
                    return null;
                }

                long age = Math.Max(0, (long)(now - _receivedAt).TotalSeconds);
                return new StatusView(device, _receivedAt, age, _stale, _report);
            }
        }
    }
}
