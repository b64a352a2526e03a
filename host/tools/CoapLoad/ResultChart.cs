using System.Collections.Generic;
using System.Linq;
using ScottPlot;

namespace CoapLoad
{
    /// <summary>The comparison as a picture: server CPU time per request for each workload, ThermoDev beside libcoap.</summary>
    public static class ResultChart
    {
        /// <summary>Writes the chart to <paramref name="path"/> as a PNG.</summary>
        public static void Write(IReadOnlyList<Measurement> measurements, IReadOnlyList<(string Server, ObserveResult Result)> fanOut, string path)
        {
            string[] workloads = measurements.Select(m => m.Workload).Distinct().ToArray();
            string[] servers = { Comparison.ThermoDev, Comparison.Libcoap };
            Color[] colors = { Colors.SteelBlue, Colors.DarkOrange };
            var plot = new Plot();
            var bars = new List<Bar>();
            for (int w = 0; w < workloads.Length; w++)
            {
                for (int s = 0; s < servers.Length; s++)
                {
                    Measurement m = measurements.FirstOrDefault(x => x.Workload == workloads[w] && x.Server == servers[s]);
                    if (m != null)
                    {
                        bars.Add(new Bar
                        {
                            Position = w * 3 + s,
                            Value = m.CpuMicrosecondsPerRequest,
                            FillColor = colors[s],
                            Label = m.CpuMicrosecondsPerRequest.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture),
                        });
                    }
                }
            }

            var barPlot = plot.Add.Bars(bars);
            barPlot.ValueLabelStyle.FontSize = 14;
            plot.Axes.Bottom.SetTicks(workloads.Select((_, w) => w * 3 + 0.5).ToArray(), workloads);
            plot.Axes.Margins(bottom: 0);
            plot.YLabel("server CPU time per request (µs)");
            plot.Title("ThermoDev (PC build) and libcoap coap-server, loopback");
            plot.Legend.IsVisible = true;
            plot.Legend.Alignment = Alignment.UpperRight;
            for (int s = 0; s < servers.Length; s++)
            {
                plot.Legend.ManualItems.Add(new LegendItem { LabelText = servers[s], FillColor = colors[s] });
            }

            plot.SavePng(path, 900, 500);
        }
    }
}
