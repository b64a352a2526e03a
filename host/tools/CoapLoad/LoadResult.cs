using System.Collections.Generic;
using System.Globalization;

namespace CoapLoad
{
    /// <summary>What one load run measured.</summary>
    /// <param name="Sent">Requests sent.</param>
    /// <param name="Completed">Requests answered.</param>
    /// <param name="CompletedInTime">Requests answered before the load ended.</param>
    /// <param name="Lost">Requests unanswered within the loss timeout.</param>
    /// <param name="Unanswered">Requests still waiting when the run ended.</param>
    /// <param name="Seconds">How long requests were sent.</param>
    /// <param name="Latency">Request to answer, µs.</param>
    /// <param name="CodeCounts">Answers by response code byte.</param>
    public sealed record LoadResult(long Sent, long Completed, long CompletedInTime, long Lost, long Unanswered, double Seconds, LatencyHistogram Latency, long[] CodeCounts)
    {
        /// <summary>Answers per second while the load ran.</summary>
        public double RequestsPerSecond => Seconds > 0 ? CompletedInTime / Seconds : 0;

        /// <summary>The response codes seen, as "2.05 x123456".</summary>
        public string Codes
        {
            get
            {
                var parts = new List<string>();
                for (int code = 0; code < CodeCounts.Length; code++)
                {
                    if (CodeCounts[code] > 0)
                    {
                        parts.Add(string.Create(CultureInfo.InvariantCulture, $"{code >> 5}.{code & 0x1F:00} x{CodeCounts[code]}"));
                    }
                }

                return parts.Count == 0 ? "none" : string.Join(", ", parts);
            }
        }

        /// <summary>One line for a person.</summary>
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{RequestsPerSecond:0} req/s over {Seconds:0.0} s; latency p50 {Latency.Percentile(50):0} us, p99 {Latency.Percentile(99):0} us, max {Latency.MaxMicroseconds:0} us; sent {Sent}, answered {Completed}, lost {Lost}, unanswered at the end {Unanswered}; codes {Codes}");
    }
}
