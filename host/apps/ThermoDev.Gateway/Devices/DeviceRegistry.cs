using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;

namespace ThermoDev.Gateway.Devices
{
    /// <summary>The configured devices, in the order given, found by name or by CoAP endpoint.</summary>
    public sealed class DeviceRegistry
    {
        private readonly Dictionary<string, Device> _byName = new Dictionary<string, Device>(StringComparer.Ordinal);

        /// <summary>Resolves each address (a host name once, at start-up) and keeps the devices.</summary>
        /// <exception cref="ArgumentException">Two devices share a name, or a host cannot be resolved.</exception>
        public DeviceRegistry(IEnumerable<DeviceAddress> addresses, bool writable)
        {
            ArgumentNullException.ThrowIfNull(addresses);
            var devices = new List<Device>();
            foreach (DeviceAddress address in addresses)
            {
                if (_byName.ContainsKey(address.Name))
                {
                    throw new ArgumentException($"device {address.Name} is configured twice");
                }

                var device = new Device(address, new IPEndPoint(Resolve(address), address.Port), writable);
                _byName.Add(address.Name, device);
                devices.Add(device);
            }

            All = devices;
        }

        /// <summary>Every device, in the order configured.</summary>
        public IReadOnlyList<Device> All { get; }

        /// <summary>The device named <paramref name="name"/>, or null.</summary>
        public Device? Find(string name) => _byName.TryGetValue(name, out Device? device) ? device : null;

        private static IPAddress Resolve(DeviceAddress address)
        {
            if (IPAddress.TryParse(address.Host, out IPAddress? ip))
            {
                return ip;
            }

            try
            {
                IPAddress[] found = Dns.GetHostAddresses(address.Host);
                if (found.Length > 0)
                {
                    return found[0];
                }
            }
            catch (SocketException)
            {
                // Reported below.
            }

            throw new ArgumentException($"device {address.Name}: host '{address.Host}' cannot be resolved");
        }
    }
}
