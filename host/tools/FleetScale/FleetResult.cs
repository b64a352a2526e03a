using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace FleetScale
{
    /// <summary>What one run measured, and its summary table.</summary>
    public sealed class FleetResult
    {
        /// <summary>The run's options.</summary>
        public FleetOptions Options { get; init; } = new FleetOptions();

        /// <summary>Seconds from the first PC process started to all devices online.</summary>
        public double SecondsToOnline { get; set; }

        /// <summary>Devices online when the run ended.</summary>
        public int OnlineAtEnd { get; set; }

        /// <summary>The gateway's CPU per sample interval, % of one core.</summary>
        public List<double> CpuPercent { get; } = new List<double>();

        /// <summary>The gateway's resident memory at each sample, kB.</summary>
        public List<long> RssKilobytes { get; } = new List<long>();

        /// <summary>The gateway's CPU over the whole window, % of one core.</summary>
        public double GatewayCpuMean { get; set; }

        /// <summary>All PC processes together over the window, % of one core.</summary>
        public double PcCpuMean { get; set; }

        /// <summary>The broker over the window (when the tool started it), % of one core.</summary>
        public double BrokerCpuMean { get; set; } = double.NaN;

        /// <summary>The changes and what arrived.</summary>
        public ChangeLedger Ledger { get; set; } = new ChangeLedger();

        /// <summary>ACKs the devices sent for the PUTs.</summary>
        public long Acks { get; set; }

        /// <summary>Times the SSE stream had to be opened again.</summary>
        public int SseReconnects { get; set; }

        /// <summary>/proc/loadavg (1, 5, 15 min) before the run.</summary>
        public string LoadAtStart { get; set; } = "?";

        /// <summary>/proc/loadavg at the end of the window.</summary>
        public string LoadAtEnd { get; set; } = "?";

        /// <summary>Every device online and every change seen on both channels.</summary>
        public bool Complete => OnlineAtEnd == Options.Devices && Ledger.Made > 0 && Ledger.Sse.Seen == Ledger.Made && Ledger.Mqtt.Seen == Ledger.Made;

        /// <summary>The summary as a Markdown table.</summary>
        public string Markdown()
        {
            FleetOptions o = Options;
            int processes = (o.Devices + o.PerProcess - 1) / o.PerProcess;
            var rows = new List<(string, string)>
            {
                ("devices (PC processes)", $"{o.Devices} ({processes} x up to {o.PerProcess})"),
                ("joined by", o.Join == JoinMode.Rd ? "registering with the gateway's RD (--rd-listen)" : "--device on the gateway's command line"),
                ("all online after", $"{F(SecondsToOnline)} s"),
                ("online at the end", $"{OnlineAtEnd} of {o.Devices}"),
                ("window", $"{F(o.Window.TotalSeconds)} s, 1 change per device per {F(o.ChangePeriod.TotalSeconds)} s (CoAP PUT to the device)"),
                ("changes made (ACKed)", $"{Ledger.Made} ({Acks})"),
                ("seen on SSE (lost)", $"{Ledger.Sse.Seen} ({Ledger.Made - Ledger.Sse.Seen}); stream reopened {SseReconnects} times"),
                ("seen on MQTT (lost)", $"{Ledger.Mqtt.Seen} ({Ledger.Made - Ledger.Mqtt.Seen})"),
                ("change to SSE event, p50 / p99 / max", Latency(Ledger.Sse.Latencies)),
                ("change to MQTT state, p50 / p99 / max", Latency(Ledger.Mqtt.Latencies)),
                ("gateway CPU, mean / highest sample", $"{F(GatewayCpuMean)} % / {F(CpuPercent.DefaultIfEmpty(double.NaN).Max())} % of one core (samples every {F(o.SampleInterval.TotalSeconds)} s)"),
                ("gateway RSS, start / end / highest", $"{Mb(RssKilobytes.FirstOrDefault())} / {Mb(RssKilobytes.LastOrDefault())} / {Mb(RssKilobytes.DefaultIfEmpty(0).Max())} MB"),
                ("PC processes' CPU, together", $"{F(PcCpuMean)} % of one core"),
                ("broker CPU", double.IsNaN(BrokerCpuMean) ? "(not started by the tool)" : $"{F(BrokerCpuMean)} % of one core"),
                ("load average (1/5/15 min), before / end of window", $"{LoadAtStart} / {LoadAtEnd} ({Environment.ProcessorCount} cores)"),
            };
            var text = new StringBuilder();
            text.AppendLine("| measure | value |");
            text.AppendLine("|---|---|");
            foreach ((string name, string value) in rows)
            {
                text.Append("| ").Append(name).Append(" | ").Append(value).AppendLine(" |");
            }

            return text.ToString();
        }

        private static string Latency(LatencySet set) =>
            set.Count == 0 ? "none" : $"{F(set.Percentile(0.5))} / {F(set.Percentile(0.99))} / {F(set.Percentile(1.0))} ms";

        private static string F(double value) => double.IsNaN(value) ? "?" : value.ToString("F1", CultureInfo.InvariantCulture);

        private static string Mb(long kilobytes) => (kilobytes / 1024.0).ToString("F1", CultureInfo.InvariantCulture);
    }
}
