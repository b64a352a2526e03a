using System.Net;
using Coap.Micro;
using nanoFramework.Runtime.Native;
using ThermoDev.Supervision;

namespace ThermoDev
{
    /// <summary>The board's address as the network stack has it (IPAddress.Any, 0, while there is none).</summary>
    public sealed class BoardNetworkProbe : INetworkProbe
    {
        /// <inheritdoc/>
        public int Ipv4Address()
        {
            // For IPv4, GetHashCode is the address itself, first octet in the lowest byte (System.Net
            // 1.11.43, IPAddress.cs); GetDefaultLocalAddress allocates, but runs only every few seconds.
            return IPAddress.GetDefaultLocalAddress().GetHashCode();
        }
    }

    /// <summary>Restarts the board (nanoFramework.Runtime.Native).</summary>
    public sealed class BoardReboot : IDeviceReboot
    {
        /// <inheritdoc/>
        public void Reboot(string reason)
        {
            Power.RebootDevice(RebootOption.NormalReboot);
        }
    }

    /// <summary>What /status reports of the board: its version, time since boot, free memory, and what the Wi-Fi supervision saw.</summary>
    public sealed class BoardFacts : IDeviceFacts
    {
        // A const read in place would be a string literal, which allocates each time on nanoFramework.
        private static readonly string VersionText = Program.Version;

        private readonly ICoapClock _clock;
        private readonly NetworkSupervisor _network;

        /// <summary>Facts read from <paramref name="clock"/> (milliseconds since boot) and <paramref name="network"/>.</summary>
        public BoardFacts(ICoapClock clock, NetworkSupervisor network)
        {
            _clock = clock;
            _network = network;
        }

        /// <inheritdoc/>
        public string Version
        {
            get { return VersionText; }
        }

        /// <inheritdoc/>
        public long UptimeMilliseconds()
        {
            return _clock.NowMilliseconds;
        }

        /// <inheritdoc/>
        public long FreeMemoryBytes()
        {
            // Runs a (non-compacting) collection first: the figure is what is really free.
            return nanoFramework.Runtime.Native.GC.Run(false);
        }

        /// <inheritdoc/>
        public int Ipv4Address()
        {
            return _network.Address;
        }

        /// <inheritdoc/>
        public int NetworkReconnects()
        {
            return _network.Reconnects;
        }
    }
}
