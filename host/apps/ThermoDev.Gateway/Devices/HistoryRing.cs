using System;
using System.Collections.Generic;

namespace ThermoDev.Gateway.Devices
{
    /// <summary>
    /// A device's readings of the last <see cref="Window"/>, in a ring of fixed capacity: the oldest
    /// reading is overwritten when it is full, and readings older than the window are left out when read.
    /// One place covers window / capacity (a second for an hour in 3,600): a reading that comes sooner
    /// after the one that opened the newest place replaces it, so a device that reports more often still
    /// has its whole window kept. Thread-safe.
    /// </summary>
    public sealed class HistoryRing
    {
        private readonly HistoryPoint[] _points;
        private readonly object _gate = new object();
        private readonly TimeSpan _spacing;
        private int _next;
        private int _count;
        private DateTimeOffset _newestOpened;

        /// <summary>A ring of <paramref name="capacity"/> readings covering <paramref name="window"/>.</summary>
        public HistoryRing(int capacity, TimeSpan window)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
            _points = new HistoryPoint[capacity];
            Window = window;
            _spacing = window / capacity;
        }

        /// <summary>How far back readings are kept.</summary>
        public TimeSpan Window { get; }

        /// <summary>Adds a reading.</summary>
        public void Add(HistoryPoint point)
        {
            ArgumentNullException.ThrowIfNull(point);
            lock (_gate)
            {
                if (_count > 0 && point.Time - _newestOpened < _spacing)
                {
                    _points[(_next - 1 + _points.Length) % _points.Length] = point;
                    return;
                }

                _newestOpened = point.Time;
                _points[_next] = point;
                _next = (_next + 1) % _points.Length;
                _count = Math.Min(_count + 1, _points.Length);
            }
        }

        /// <summary>The readings since <paramref name="now"/> minus the window, oldest first.</summary>
        public IReadOnlyList<HistoryPoint> Read(DateTimeOffset now)
        {
            DateTimeOffset since = now - Window;
            var result = new List<HistoryPoint>();
            lock (_gate)
            {
                int start = (_next - _count + _points.Length) % _points.Length;
                for (int i = 0; i < _count; i++)
                {
                    HistoryPoint point = _points[(start + i) % _points.Length];
                    if (point.Time >= since)
                    {
                        result.Add(point);
                    }
                }
            }

            return result;
        }
    }
}
