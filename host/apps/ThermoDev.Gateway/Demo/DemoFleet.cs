using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using ThermoDev.Gateway.Devices;
using ThermoDev.Simulation;

namespace ThermoDev.Gateway.Demo
{
    /// <summary>
    /// --demo: simulated ThermoDevs in the gateway's own process (ThermoDev.Simulation's <see cref="SimulatedFleet"/>, as the PC build runs them)
    /// on [::1], from 25.0 °C drifting up to 0.2 °C a reading, quiet; named kitchen, living-room, bedroom,
    /// then device-4, device-5 ... Disposing stops them and closes their ports.
    /// </summary>
    public sealed class DemoFleet : IDisposable
    {
        private static readonly string[] FirstNames = { "kitchen", "living-room", "bedroom" };

        private readonly SimulatedFleet _fleet;

        private DemoFleet(SimulatedFleet fleet)
        {
            _fleet = fleet;
            Devices = fleet.Endpoints.Select((endPoint, i) => Address(i, endPoint)).ToList();
        }

        /// <summary>The devices, named and addressed, in order.</summary>
        public IReadOnlyList<DeviceAddress> Devices { get; }

        /// <summary>The simulated devices themselves.</summary>
        public SimulatedFleet Fleet => _fleet;

        /// <summary>
        /// Starts <paramref name="count"/> devices on [::1] from <paramref name="firstPort"/> (0: free ports).
        /// Throws a <see cref="System.Net.Sockets.SocketException"/> when a port is taken (nothing is left running).
        /// </summary>
        public static DemoFleet Start(int count, int firstPort)
        {
            var settings = new SimulatedDeviceSettings
            {
                Port = firstPort,
                Bind = IPAddress.IPv6Loopback,
                InitialCentiCelsius = 2500,
                MaxDriftCentiCelsius = 20,
                Quiet = true,
            };
            return new DemoFleet(SimulatedFleet.Start(settings, count, TextWriter.Null));
        }

        /// <summary>The name of the demo's device <paramref name="index"/> (from 0).</summary>
        public static string NameOf(int index) =>
            index < FirstNames.Length ? FirstNames[index] : "device-" + (index + 1).ToString(CultureInfo.InvariantCulture);

        /// <summary><paramref name="settings"/> with these devices added after any configured ones.</summary>
        public GatewaySettings AddDevicesTo(GatewaySettings settings)
        {
            ArgumentNullException.ThrowIfNull(settings);
            return new GatewaySettings
            {
                Devices = settings.Devices.Concat(Devices).ToList(),
                Oscore = settings.Oscore,
                Urls = settings.Urls,
                ReadOnly = settings.ReadOnly,
                DemoCount = settings.DemoCount,
                DemoPort = settings.DemoPort,
                CoapTimeout = settings.CoapTimeout,
                SsePingInterval = settings.SsePingInterval,
                StatusInterval = settings.StatusInterval,
                StatusRecheckInterval = settings.StatusRecheckInterval,
                WebRoot = settings.WebRoot,
                RdListen = settings.RdListen,
                RdCapacity = settings.RdCapacity,
                Discover = settings.Discover,
                DiscoverInterval = settings.DiscoverInterval,
                Mqtt = settings.Mqtt,
            };
        }

        /// <summary>Stops every simulated device and closes its port.</summary>
        public void Dispose() => _fleet.Dispose();

        private static DeviceAddress Address(int index, IPEndPoint endPoint)
        {
            string uri = $"coap://[{endPoint.Address}]:{endPoint.Port.ToString(CultureInfo.InvariantCulture)}/temp";
            return DeviceAddress.TryCreate(NameOf(index), uri, out DeviceAddress? address, out string error)
                ? address!
                : throw new InvalidOperationException(error);
        }
    }
}
