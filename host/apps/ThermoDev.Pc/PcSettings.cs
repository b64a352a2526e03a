using Coap.Micro.Oscore;
using ThermoDev.Simulation;

namespace ThermoDev.Pc
{
    /// <summary>
    /// What the command line asked for, checked and converted to the units ThermoDev uses: the simulated
    /// devices' settings, and what only the command line has (how many devices, the --allow-writes text).
    /// A new instance holds the command line's defaults.
    /// </summary>
    public sealed class PcSettings : SimulatedDeviceSettings
    {
        /// <summary>Simulated devices to serve, 1 to <see cref="SimulatedDeviceSettings.MaxDevices"/>, each with its own sensor, drift and port.</summary>
        public int Devices { get; init; } = 1;

        /// <summary>The --allow-writes setting as given: "none", "all" or a list of addresses and subnets; <see cref="SimulatedDeviceSettings.WritePolicy"/> is read from it.</summary>
        public string AllowWrites { get; init; } = PcCommandLine.AllowAll;

        /// <summary>The --oscore context folder (the device's side), or null when OSCORE is off; <see cref="SimulatedDeviceSettings.Security"/> is made from it.</summary>
        public OscoreContextFolder Oscore { get; init; }

        /// <summary>The --oscore-new folder: write a fresh context pair there and exit; null to serve.</summary>
        public string OscoreNew { get; init; }

        /// <summary>The --rd resource directory (RFC 9176) every device registers with; null: none.</summary>
        public System.Uri ResourceDirectory { get; init; }

        /// <summary>The --rd-lifetime of each registration, seconds.</summary>
        public int RegistrationLifetimeSeconds { get; init; } = global::ThermoDev.ResourceDirectory.RegistrationSettings.DefaultLifetimeSeconds;
    }
}
