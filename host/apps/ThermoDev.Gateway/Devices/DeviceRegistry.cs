using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace ThermoDev.Gateway.Devices
{
    /// <summary>
    /// The devices, found by name: the configured ones in the order given, then those that registered or
    /// were discovered, in the order they came. Devices are added at run time (a registration); none is
    /// ever taken out (a gone device stays, marked gone, so its name, history and page card remain).
    /// Thread-safe: <see cref="All"/> is a copy.
    /// </summary>
    public sealed class DeviceRegistry
    {
        private readonly object _gate = new object();
        private readonly Dictionary<string, Device> _byName = new Dictionary<string, Device>(StringComparer.Ordinal);
        private Device[] _all;

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

            _all = devices.ToArray();
        }

        /// <summary>Every device, configured ones first, the others in the order they came (a copy).</summary>
        public IReadOnlyList<Device> All => Volatile.Read(ref _all);

        /// <summary>The device named <paramref name="name"/>, or null.</summary>
        public Device? Find(string name)
        {
            lock (_gate)
            {
                return _byName.TryGetValue(name, out Device? device) ? device : null;
            }
        }

        /// <summary>Adds <paramref name="device"/>; false when a device of that name is already here.</summary>
        public bool TryAdd(Device device)
        {
            ArgumentNullException.ThrowIfNull(device);
            lock (_gate)
            {
                if (!_byName.TryAdd(device.Name, device))
                {
                    return false;
                }

                var all = new Device[_all.Length + 1];
                Array.Copy(_all, all, _all.Length);
                all[_all.Length] = device;
                Volatile.Write(ref _all, all);
                return true;
            }
        }

        /// <summary>The IP address of <paramref name="address"/>'s host (a name resolved now).</summary>
        /// <exception cref="ArgumentException">The host cannot be resolved.</exception>
        public static IPAddress Resolve(DeviceAddress address)
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
