using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using ThermoDev.Gateway.Devices;

namespace ThermoDev.Gateway.Cli
{
    /// <summary>
    /// The "Gateway" section of appsettings.json, each entry as its command-line option takes it:
    /// <code>
    /// "Gateway": { "Devices": [ "kitchen=coap://[::1]:5683" ], "DeviceOscore": [ "kitchen=/etc/thermodev/kitchen" ], "Urls": "http://localhost:8080",
    ///              "ReadOnly": false, "Demo": 3, "DemoPort": 5683, "CoapTimeout": 5 }
    /// </code>
    /// </summary>
    public sealed class FileSettings
    {
        /// <summary>The section's name.</summary>
        public const string Section = "Gateway";

        /// <summary>Devices, or empty.</summary>
        public IReadOnlyList<DeviceAddress> Devices { get; private init; } = Array.Empty<DeviceAddress>();

        /// <summary>DeviceOscore (name=folder entries, as --device-oscore), or empty.</summary>
        public IReadOnlyList<DeviceOscore> DeviceOscore { get; private init; } = Array.Empty<DeviceOscore>();

        /// <summary>Urls, or null.</summary>
        public string? Urls { get; private init; }

        /// <summary>ReadOnly (false when absent).</summary>
        public bool ReadOnly { get; private init; }

        /// <summary>Demo count, or null.</summary>
        public int? Demo { get; private init; }

        /// <summary>DemoPort, or null.</summary>
        public int? DemoPort { get; private init; }

        /// <summary>CoapTimeout in seconds, or null.</summary>
        public decimal? CoapTimeoutSeconds { get; private init; }

        /// <summary>StatusInterval in seconds, or null.</summary>
        public decimal? StatusIntervalSeconds { get; private init; }

        /// <summary>Reads the section; <see cref="FormatException"/> names a bad entry.</summary>
        public static FileSettings Read(IConfiguration configuration)
        {
            ArgumentNullException.ThrowIfNull(configuration);
            IConfigurationSection section = configuration.GetSection(Section);
            var devices = new List<DeviceAddress>();
            foreach (IConfigurationSection entry in section.GetSection("Devices").GetChildren())
            {
                if (!DeviceAddress.TryParse(entry.Value ?? string.Empty, out DeviceAddress? device, out string error))
                {
                    throw new FormatException($"{Section}:Devices: {error}");
                }

                devices.Add(device!);
            }

            var contexts = new List<DeviceOscore>();
            foreach (IConfigurationSection entry in section.GetSection("DeviceOscore").GetChildren())
            {
                if (!Cli.DeviceOscore.TryParse(entry.Value ?? string.Empty, out DeviceOscore? context, out string error))
                {
                    throw new FormatException($"{Section}:DeviceOscore: {error}");
                }

                contexts.Add(context!);
            }

            return new FileSettings
            {
                Devices = devices,
                DeviceOscore = contexts,
                Urls = string.IsNullOrWhiteSpace(section["Urls"]) ? null : section["Urls"],
                ReadOnly = Bool(section, "ReadOnly"),
                Demo = Int(section, "Demo", 1, GatewayCommandLine.MaxDemoCount),
                DemoPort = Int(section, "DemoPort", 0, 65535),
                CoapTimeoutSeconds = Seconds(section, "CoapTimeout"),
                StatusIntervalSeconds = Seconds(section, "StatusInterval"),
            };
        }

        /// <summary>A number of seconds from 0.1 to 600, with a dot for decimals.</summary>
        public static bool TryParseSeconds(string text, out decimal seconds) =>
            decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out seconds) && seconds >= 0.1m && seconds <= 600m;

        private static bool Bool(IConfigurationSection section, string key)
        {
            string? text = section[key];
            if (string.IsNullOrEmpty(text))
            {
                return false;
            }

            return bool.TryParse(text, out bool value) ? value : throw new FormatException($"{Section}:{key} must be true or false, not '{text}'");
        }

        private static int? Int(IConfigurationSection section, string key, int min, int max)
        {
            string? text = section[key];
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max
                ? value
                : throw new FormatException($"{Section}:{key} must be a whole number from {min} to {max}, not '{text}'");
        }

        private static decimal? Seconds(IConfigurationSection section, string key)
        {
            string? text = section[key];
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            return TryParseSeconds(text, out decimal seconds)
                ? seconds
                : throw new FormatException($"{Section}:{key} must be a number of seconds from 0.1 to 600, not '{text}'");
        }
    }
}
