using System.Net;
using Coap.Micro;

namespace ThermoDev.Pc
{
    /// <summary>What the command line asked for, checked and converted to the units ThermoDev uses.</summary>
    public sealed class PcSettings
    {
        /// <summary>UDP port to listen on; 0 lets the system choose a free one.</summary>
        public int Port { get; init; }

        /// <summary>Local address to listen on; <see cref="IPAddress.IPv6Any"/> serves IPv6 and IPv4.</summary>
        public IPAddress Bind { get; init; }

        /// <summary>The simulated sensor's first value, hundredths of °C.</summary>
        public int InitialCentiCelsius { get; init; }

        /// <summary>Largest random step per reading, hundredths of °C; 0 for none.</summary>
        public int MaxDriftCentiCelsius { get; init; }

        /// <summary>Seed of the drift's random source, or null for a different drift on every run.</summary>
        public int? Seed { get; init; }

        /// <summary>Milliseconds between two sensor readings.</summary>
        public int ReadIntervalMilliseconds { get; init; }

        /// <summary>Max-Age of every reading, seconds.</summary>
        public int MaxAgeSeconds { get; init; }

        /// <summary>Observe relations the server keeps at once.</summary>
        public int MaxObservers { get; init; }

        /// <summary>The --allow-writes setting as given: "none", "all" or a list of addresses and subnets.</summary>
        public string AllowWrites { get; init; }

        /// <summary>Who may PUT, read from <see cref="AllowWrites"/>.</summary>
        public CoapWritePolicy WritePolicy { get; init; }

        /// <summary>True to print no line per exchange.</summary>
        public bool Quiet { get; init; }
    }
}
