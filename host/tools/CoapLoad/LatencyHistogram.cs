using System;

namespace CoapLoad
{
    /// <summary>Latencies in whole microseconds, exact below 100 ms, with the maximum kept exactly.</summary>
    public sealed class LatencyHistogram
    {
        private const int Buckets = 100_000;
        private readonly long[] _counts = new long[Buckets + 1];

        /// <summary>Latencies recorded.</summary>
        public long Count { get; private set; }

        /// <summary>Largest latency recorded, µs.</summary>
        public double MaxMicroseconds { get; private set; }

        /// <summary>Records one latency.</summary>
        public void Add(double microseconds)
        {
            Count++;
            MaxMicroseconds = Math.Max(MaxMicroseconds, microseconds);
            _counts[(int)Math.Min(Buckets, Math.Max(0, microseconds))]++;
        }

        /// <summary>The latency at or below which <paramref name="percent"/> % of them lie, µs (0 when none).</summary>
        public double Percentile(double percent)
        {
            if (Count == 0)
            {
                return 0;
            }

            long rank = (long)Math.Ceiling(Count * percent / 100.0);
            long seen = 0;
            for (int i = 0; i <= Buckets; i++)
            {
                seen += _counts[i];
                if (seen >= rank)
                {
                    return i == Buckets ? MaxMicroseconds : i;
                }
            }

            return MaxMicroseconds;
        }
    }
}
