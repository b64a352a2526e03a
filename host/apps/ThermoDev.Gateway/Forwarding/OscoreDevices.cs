using System;
using System.Collections.Generic;
using Coap.Micro.Oscore;
using ThermoDev.Gateway.Devices;
using ThermoDev.Gateway.Metrics;

namespace ThermoDev.Gateway.Forwarding
{
    /// <summary>The gateway's <see cref="DeviceSecurity"/> for its devices, checked against them (each protected one is marked <see cref="Device.Oscore"/>).</summary>
    public static class OscoreDevices
    {
        /// <summary>
        /// The contexts of <paramref name="oscore"/> (none when null) for the devices of <paramref name="devices"/>.
        /// Throws <see cref="ArgumentException"/> for a context whose device is not configured.
        /// </summary>
        public static DeviceSecurity Security(DeviceRegistry devices, IReadOnlyDictionary<string, OscoreContextFolder>? oscore, GatewayMetrics metrics)
        {
            ArgumentNullException.ThrowIfNull(devices);
            oscore ??= new Dictionary<string, OscoreContextFolder>();
            foreach (string name in oscore.Keys)
            {
                Device device = devices.Find(name) ?? throw new ArgumentException($"an OSCORE context is given for device {name}, which is not configured");
                device.Oscore = true;
            }

            return new DeviceSecurity(oscore, metrics);
        }
    }
}
