using System.Net;
using Coap.Micro;

namespace ThermoDev.Simulation
{
    /// <summary>
    /// How <see cref="SimulatedFleet"/> runs its devices: where they listen, their simulated sensor, their
    /// server's sizes and who may write. A new instance holds the PC build's defaults, so code that starts
    /// ThermoDevs in-process sets only what differs.
    /// </summary>
    public class SimulatedDeviceSettings
    {
        /// <summary>The port RFC 7252 §6.1 assigns to coap://.</summary>
        public const int DefaultPort = 5683;

        /// <summary>Most simulated devices one process serves.</summary>
        public const int MaxDevices = 64;

        /// <summary>The default leisure before answering a request sent to the group, ms: short, for a PC's few devices (RFC 7252 §8.2).</summary>
        public const int DefaultLeisureMilliseconds = 100;

        /// <summary>UDP port to listen on (the first device's, the next ones consecutive); 0 lets the system choose a free one for each.</summary>
        public int Port { get; init; } = DefaultPort;

        /// <summary>Local address to listen on; <see cref="IPAddress.IPv6Any"/> serves IPv6 and IPv4.</summary>
        public IPAddress Bind { get; init; } = IPAddress.IPv6Any;

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

        /// <summary>Who may PUT; null lets everyone.</summary>
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
        public int LeisureMilliseconds { get; init; } = DefaultLeisureMilliseconds;

        /// <summary>
        /// OSCORE for the device (RFC 8613; an OscoreServerSecurity), or null for plain CoAP. A security object serves
        /// one server, so a fleet with it has one device. With it, PUT needs OSCORE (<see cref="ThermoDevOptions.Security"/>).
        /// </summary>
        public ICoapMessageSecurity Security { get; init; }

        /// <summary>With <see cref="Security"/>: GET and Observe need OSCORE too.</summary>
        public bool RequireProtectedReads { get; init; }
    }
}
