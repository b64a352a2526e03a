using System.Net;
using Coap.Micro;

namespace ThermoDev.Pc
{
    /// <summary>
    /// What the command line asked for, checked and converted to the units ThermoDev uses. A new instance
    /// holds the command line's defaults, so code that starts ThermoDevs in-process sets only what differs.
    /// </summary>
    public sealed class PcSettings
    {
        /// <summary>Most simulated devices one process serves (--devices).</summary>
        public const int MaxDevices = 64;

        /// <summary>UDP port to listen on (the first device's, the next ones consecutive); 0 lets the system choose a free one for each.</summary>
        public int Port { get; init; } = PcCommandLine.DefaultPort;

        /// <summary>Local address to listen on; <see cref="IPAddress.IPv6Any"/> serves IPv6 and IPv4.</summary>
        public IPAddress Bind { get; init; } = IPAddress.IPv6Any;

        /// <summary>Simulated devices to serve, 1 to <see cref="MaxDevices"/>, each with its own sensor, drift and port.</summary>
        public int Devices { get; init; } = 1;

        /// <summary>The simulated sensor's first value, hundredths of °C.</summary>
        public int InitialCentiCelsius { get; init; } = 2500;

        /// <summary>Largest random step per reading, hundredths of °C; 0 for none.</summary>
        public int MaxDriftCentiCelsius { get; init; }

        /// <summary>Seed of the drift's random source (device i uses this plus i), or null for a different drift on every run.</summary>
        public int? Seed { get; init; }

        /// <summary>Milliseconds between two sensor readings.</summary>
        public int ReadIntervalMilliseconds { get; init; } = 1000;

        /// <summary>Max-Age of every reading, seconds.</summary>
        public int MaxAgeSeconds { get; init; } = 10;

        /// <summary>Observe relations the server keeps at once.</summary>
        public int MaxObservers { get; init; } = 64;

        /// <summary>The --allow-writes setting as given: "none", "all" or a list of addresses and subnets.</summary>
        public string AllowWrites { get; init; } = PcCommandLine.AllowAll;

        /// <summary>Who may PUT, read from <see cref="AllowWrites"/>; null lets everyone.</summary>
        public CoapWritePolicy WritePolicy { get; init; }

        /// <summary>True to print no line per exchange.</summary>
        public bool Quiet { get; init; }

        /// <summary>
        /// The device's name (--name), the title of its &lt;/temp&gt; link in discovery; null for the default,
        /// "thermodev-&lt;host name&gt;-&lt;port&gt;" (see <see cref="SimulatedFleet"/>).
        /// </summary>
        public string Name { get; init; }

        /// <summary>Join All-CoAP-Nodes (224.0.1.187) on each device's port and answer discovery sent to it (--multicast).</summary>
        public bool Multicast { get; init; } = true;

        /// <summary>The leisure before answering a request sent to the group, ms (--leisure-ms; RFC 7252 §8.2).</summary>
        public int LeisureMilliseconds { get; init; } = PcCommandLine.DefaultLeisureMilliseconds;
    }
}
