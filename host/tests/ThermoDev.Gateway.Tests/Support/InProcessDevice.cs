using System;
using System.Globalization;
using System.IO;
using System.Net;
using Coap.Micro;
using ThermoDev.Simulation;
using ThermoDev.Sensors;

namespace ThermoDev.Gateway.Tests.Support
{
    /// <summary>
    /// One simulated ThermoDev in the test's process (ThermoDev.Simulation's SimulatedFleet) on [::1] and a free
    /// port, for tests that look inside the device: its server's counters (requests, Observe
    /// registrations, observers) and its sensor (set a value, make it fail).
    /// </summary>
    public sealed class InProcessDevice : IDisposable
    {
        private readonly SimulatedFleet _fleet;

        private InProcessDevice(SimulatedFleet fleet)
        {
            _fleet = fleet;
        }

        /// <summary>The device's CoAP server.</summary>
        public CoapServer Server => _fleet.Devices[0].Server;

        /// <summary>The simulated sensor.</summary>
        public SimulatedSensor Sensor => (SimulatedSensor)_fleet.Devices[0].Sensor;

        /// <summary>The bound port.</summary>
        public int Port => _fleet.Endpoints[0].Port;

        /// <summary>Its /temp as a coap URI.</summary>
        public string Uri => $"coap://[::1]:{Port.ToString(CultureInfo.InvariantCulture)}/temp";

        /// <summary>Starts a device at 25.0 °C without drift; readings every <paramref name="intervalMilliseconds"/>, Max-Age <paramref name="maxAgeSeconds"/>.</summary>
        public static InProcessDevice Start(int intervalMilliseconds = 1000, int maxAgeSeconds = 10, int maxObservers = 64)
        {
            var settings = new SimulatedDeviceSettings
            {
                Port = 0,
                Bind = IPAddress.IPv6Loopback,
                ReadIntervalMilliseconds = intervalMilliseconds,
                MaxAgeSeconds = maxAgeSeconds,
                MaxObservers = maxObservers,
                Quiet = true,
            };
            return new InProcessDevice(SimulatedFleet.Start(settings, 1, TextWriter.Null));
        }

        /// <summary>Stops the device and closes its port.</summary>
        public void Dispose() => _fleet.Dispose();
    }
}
