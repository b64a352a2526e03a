using System;
using System.Collections.Generic;
using Coap.Micro.Oscore;
using ThermoDev.Gateway.Devices;

namespace ThermoDev.Gateway.Cli
{
    /// <summary>
    /// One <c>--device-oscore name=folder</c> (or appsettings <c>Gateway:DeviceOscore</c> entry): the device of that name
    /// is reached with OSCORE (RFC 8613) under the client-side context in the folder, read when the option is.
    /// </summary>
    public sealed class DeviceOscore
    {
        private DeviceOscore(string device, OscoreContextFolder context)
        {
            Device = device;
            Context = context;
        }

        /// <summary>The device's name.</summary>
        public string Device { get; }

        /// <summary>The context, as read from its folder.</summary>
        public OscoreContextFolder Context { get; }

        /// <summary>
        /// Reads "name=folder" and the context in the folder; false with one line naming the device, and for a bad
        /// folder the file and the field, in <paramref name="error"/>. The line never holds a key.
        /// </summary>
        public static bool TryParse(string text, out DeviceOscore? context, out string error)
        {
            context = null;
            int equals = text?.IndexOf('=', StringComparison.Ordinal) ?? -1;
            if (text == null || equals < 0)
            {
                error = $"'{text}' is not name=folder (e.g. kitchen=/etc/thermodev/kitchen)";
                return false;
            }

            string name = text.Substring(0, equals);
            if (!DeviceAddress.IsValidName(name))
            {
                error = $"device name '{name}' must match [a-z0-9][a-z0-9-]{{0,31}}";
                return false;
            }

            try
            {
                context = new DeviceOscore(name, OscoreContextFolder.Load(text.Substring(equals + 1)));
            }
            catch (OscoreContextFolderException e)
            {
                error = $"device {name}: {e.Message}";
                return false;
            }

            error = string.Empty;
            return true;
        }

        /// <summary>Calls <paramref name="fail"/> for the first context whose device is not among <paramref name="devices"/>.</summary>
        public static void CheckDevices(IEnumerable<DeviceOscore> contexts, IEnumerable<DeviceAddress> devices, Action<string> fail)
        {
            ArgumentNullException.ThrowIfNull(contexts);
            ArgumentNullException.ThrowIfNull(devices);
            ArgumentNullException.ThrowIfNull(fail);
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (DeviceAddress device in devices)
            {
                names.Add(device.Name);
            }

            foreach (DeviceOscore context in contexts)
            {
                if (!names.Contains(context.Device))
                {
                    fail($"--device-oscore: device {context.Device} is not configured (give it with --device {context.Device}=coap://...).");
                    return;
                }
            }
        }

        /// <summary>The contexts by device name.</summary>
        public static IReadOnlyDictionary<string, OscoreContextFolder> ByDevice(IEnumerable<DeviceOscore> contexts)
        {
            var byDevice = new Dictionary<string, OscoreContextFolder>(StringComparer.Ordinal);
            foreach (DeviceOscore context in contexts)
            {
                byDevice[context.Device] = context.Context;
            }

            return byDevice;
        }
    }
}
