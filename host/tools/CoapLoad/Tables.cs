using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace CoapLoad
{
    /// <summary>The comparison's results as Markdown tables, ThermoDev beside libcoap with the ratios.</summary>
    public static class Tables
    {
        /// <summary>Renders every table.</summary>
        public static string Render(string machine, CompareOptions options, IReadOnlyList<Measurement> measurements,
            IReadOnlyList<(string Server, ObserveResult Result)> fanOut, IReadOnlyList<long> soak)
        {
            var text = new StringBuilder();
            text.AppendLine(Invariant($"Measured on {machine}; each load run {options.Duration.TotalSeconds:0} s on loopback, one client thread, requests not retransmitted."));
            text.AppendLine();
            text.AppendLine("| workload | server | requests/s | p50 µs | p99 µs | max µs | lost | codes | server CPU µs/request | RSS before → after MiB |");
            text.AppendLine("|---|---|---:|---:|---:|---:|---:|---|---:|---:|");
            foreach (Measurement m in measurements)
            {
                text.AppendLine(Invariant($"| {m.Workload} | {m.Server} | {m.Load.RequestsPerSecond:0} | {m.Load.Latency.Percentile(50):0} | {m.Load.Latency.Percentile(99):0} | {m.Load.Latency.MaxMicroseconds:0} | {m.Load.Lost} | {m.Load.Codes} | {m.CpuMicrosecondsPerRequest:0.00} | {Mib(m.RssBeforeKilobytes)} → {Mib(m.RssAfterKilobytes)} |"));
            }

            text.AppendLine();
            text.AppendLine("| workload | ThermoDev / libcoap: server CPU per request | requests/s | p99 latency |");
            text.AppendLine("|---|---:|---:|---:|");
            foreach (var pair in measurements.GroupBy(m => m.Workload))
            {
                Measurement ours = pair.FirstOrDefault(m => m.Server == Comparison.ThermoDev);
                Measurement theirs = pair.FirstOrDefault(m => m.Server == Comparison.Libcoap);
                if (ours != null && theirs != null)
                {
                    text.AppendLine(Invariant($"| {pair.Key} | {Ratio(ours.CpuMicrosecondsPerRequest, theirs.CpuMicrosecondsPerRequest)} | {Ratio(ours.Load.RequestsPerSecond, theirs.Load.RequestsPerSecond)} | {Ratio(ours.Load.Latency.Percentile(99), theirs.Load.Latency.Percentile(99))} |"));
                }
            }

            if (fanOut.Count > 0)
            {
                text.AppendLine();
                text.AppendLine("| fan-out: PUT of a new value to the last observer notified | observers registered | changes | p50 ms | p99 ms | max ms | missed |");
                text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
                foreach (var (server, r) in fanOut)
                {
                    text.AppendLine(Invariant($"| {server} | {r.Registered}/{r.Observers} | {r.Changes} | {r.Percentile(50):0.00} | {r.Percentile(99):0.00} | {r.Percentile(100):0.00} | {r.Missed} |"));
                }

                if (fanOut.Count == 2)
                {
                    text.AppendLine(Invariant($"| ThermoDev / libcoap | | | {Ratio(fanOut[0].Result.Percentile(50), fanOut[1].Result.Percentile(50))} | {Ratio(fanOut[0].Result.Percentile(99), fanOut[1].Result.Percentile(99))} | {Ratio(fanOut[0].Result.Percentile(100), fanOut[1].Result.Percentile(100))} | |"));
                }
            }

            if (soak.Count > 0)
            {
                text.AppendLine();
                text.AppendLine(Invariant($"Resident memory of the PC build under CON GET with 32 outstanding for {options.Soak.TotalSeconds:0} s, at the start and every 10 s: ")
                    + string.Join(", ", soak.Select(Mib)) + " MiB.");
            }

            return text.ToString();
        }

        private static string Mib(long kilobytes) => (kilobytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture);

        private static string Ratio(double ours, double theirs) => theirs > 0 ? (ours / theirs).ToString("0.00", CultureInfo.InvariantCulture) + "x" : "-";

        private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
    }
}
