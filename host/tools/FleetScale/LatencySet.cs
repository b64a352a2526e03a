using System;
using System.Collections.Generic;
using System.Linq;

namespace FleetScale
{
    /// <summary>Latencies in milliseconds, gathered from several threads, with percentiles.</summary>
    public sealed class LatencySet
    {
        private readonly List<double> _values = new List<double>();

        /// <summary>Adds one.</summary>
        public void Add(double milliseconds)
        {
            lock (_values)
            {
                _values.Add(milliseconds);
            }
        }

        /// <summary>How many.</summary>
        public int Count
        {
            get
            {
                lock (_values)
                {
                    return _values.Count;
                }
            }
        }

        /// <summary>The value below which <paramref name="fraction"/> of them lie (nearest rank); NaN when empty.</summary>
        public double Percentile(double fraction)
        {
            double[] sorted;
            lock (_values)
            {
                sorted = _values.OrderBy(v => v).ToArray();
            }

            if (sorted.Length == 0)
            {
                return double.NaN;
            }

            int rank = (int)Math.Ceiling(fraction * sorted.Length);
            return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
        }
    }
}
