using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ThermoDev.Simulation
{
    /// <summary>
    /// A simulated device could not listen on its UDP port (taken, not allowed, an address this machine
    /// does not have). Thrown by <see cref="SimulatedFleet.Start(SimulatedDeviceSettings, int, System.IO.TextWriter)"/>
    /// after it has closed the ports of the devices before it, so nothing is left running.
    /// </summary>
    public sealed class DevicePortException : SocketException
    {
        private readonly string _message;

        /// <summary>Device <paramref name="device"/> (from 0) of <paramref name="count"/> could not bind <paramref name="endpoint"/>.</summary>
        public DevicePortException(int device, int count, IPEndPoint endpoint, SocketException cause)
            : base((int)(cause ?? throw new ArgumentNullException(nameof(cause))).SocketErrorCode)
        {
            ArgumentNullException.ThrowIfNull(endpoint);
            Device = device;
            Endpoint = endpoint;
            string where = Format(endpoint);
            string which = count == 1 ? string.Empty
                : device == 0 ? $" (device 1 of {count.ToString(CultureInfo.InvariantCulture)})"
                : $" (device {(device + 1).ToString(CultureInfo.InvariantCulture)} of {count.ToString(CultureInfo.InvariantCulture)}; the devices before it were stopped)";
            _message = $"cannot listen on UDP {where}{which}: {cause.Message}";
        }

        /// <summary>The device that could not listen, from 0.</summary>
        public int Device { get; }

        /// <summary>The address and port it tried.</summary>
        public IPEndPoint Endpoint { get; }

        /// <summary>"cannot listen on UDP 127.0.0.1:5685 (device 3 of 4; the devices before it were stopped): Address already in use".</summary>
        public override string Message => _message;

        /// <summary>An endpoint as a URI writes it: 127.0.0.1:5683 or [::1]:5683.</summary>
        public static string Format(IPEndPoint endpoint)
        {
            ArgumentNullException.ThrowIfNull(endpoint);
            return endpoint.AddressFamily == AddressFamily.InterNetworkV6
                ? $"[{endpoint.Address}]:{endpoint.Port.ToString(CultureInfo.InvariantCulture)}"
                : $"{endpoint.Address}:{endpoint.Port.ToString(CultureInfo.InvariantCulture)}";
        }
    }
}
