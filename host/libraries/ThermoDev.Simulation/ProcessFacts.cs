using System;
using System.Diagnostics;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Reflection;
using ThermoDev.Supervision;

namespace ThermoDev.Simulation
{
    /// <summary>
    /// What /status reports on a PC: the build's version, the process's uptime, an estimate of the free
    /// managed memory (the memory the GC may use, less what the heap holds now), and the machine's first
    /// IPv4 address on an interface that is up. Each call allocates nothing: what does not change is
    /// found once.
    /// </summary>
    public sealed class ProcessFacts : IDeviceFacts
    {
        private readonly string _version;
        private readonly long _startedAt;
        private readonly long _availableBytes;
        private readonly int _address;

        /// <summary>The version of the program running (its informational version), else this library's.</summary>
        public static string ProgramVersion
        {
            get
            {
                Assembly program = Assembly.GetEntryAssembly() ?? typeof(ProcessFacts).Assembly;
                return program.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                    ?? typeof(ProcessFacts).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                    ?? "unknown";
            }
        }

        /// <summary>Facts of this process, reporting <paramref name="version"/>.</summary>
        public ProcessFacts(string version)
        {
            _version = version;
            using (Process process = Process.GetCurrentProcess())
            {
                _startedAt = Environment.TickCount64 - (long)(DateTime.Now - process.StartTime).TotalMilliseconds;
            }

            _availableBytes = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
            _address = FirstAddress();
        }

        /// <inheritdoc/>
        public string Version => _version;

        /// <inheritdoc/>
        public long UptimeMilliseconds() => Environment.TickCount64 - _startedAt;

        /// <inheritdoc/>
        public long FreeMemoryBytes() => Math.Max(0, _availableBytes - GC.GetTotalMemory(false));

        /// <inheritdoc/>
        public int Ipv4Address() => _address;

        /// <inheritdoc/>
        public int NetworkReconnects() => 0;

        // The first IPv4 address of an interface that is up and not the loopback, first octet in the lowest byte; 0 when none.
        private static int FirstAddress()
        {
            try
            {
                foreach (NetworkInterface nic in NetworkInterface.GetAllNetworkInterfaces())
                {
                    if (nic.OperationalStatus != OperationalStatus.Up || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback)
                    {
                        continue;
                    }

                    foreach (UnicastIPAddressInformation unicast in nic.GetIPProperties().UnicastAddresses)
                    {
                        if (unicast.Address.AddressFamily == AddressFamily.InterNetwork)
                        {
                            byte[] b = unicast.Address.GetAddressBytes();
                            return b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24);
                        }
                    }
                }
            }
            catch (NetworkInformationException)
            {
                // No interface list: no address to report.
            }

            return 0;
        }
    }

    /// <summary>ThermoDev.Core's log lines (the sensor failing and recovering) in the simulated devices' output, with the device's prefix.</summary>
    public sealed class PcLogSink : ILogSink
    {
        private readonly ConsoleLog _log;
        private readonly string _prefix;

        /// <summary>Writes to <paramref name="log"/>, each line after <paramref name="prefix"/>.</summary>
        public PcLogSink(ConsoleLog log, string prefix)
        {
            _log = log;
            _prefix = prefix;
        }

        /// <inheritdoc/>
        public void Line(string text) => _log.TryWrite(_prefix + text);
    }
}
