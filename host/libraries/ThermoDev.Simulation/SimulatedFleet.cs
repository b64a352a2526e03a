using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using Coap.Micro;
using Coap.Micro.Dotnet;
using ThermoDev.Sensors;

namespace ThermoDev.Simulation
{
    /// <summary>
    /// One or more simulated ThermoDevs in this process: each its own simulated sensor with its own drift
    /// source, its own UDP port and its own server. Ports are consecutive from <see cref="SimulatedDeviceSettings.Port"/>
    /// (0: a free port each). With <see cref="SimulatedDeviceSettings.Seed"/> S, device i drifts from seed S + i, so a
    /// run repeats; without, each device drifts its own random way. When more than one device runs, each
    /// exchange line starts with the device's port (":5684 [::1]:40000 CON GET /temp -> 2.05 25.0").
    /// </summary>
    public sealed class SimulatedFleet : IDisposable
    {
        /// <summary>How long <see cref="Dispose"/> waits for each device's loops to end.</summary>
        public const int StopTimeoutMilliseconds = 3000;

        private const int LogCapacity = 4096;

        /// <summary>Largest request to the group a device answers (a discovery with a query and a long token fits).</summary>
        public const int MulticastRequestBytes = 128;

        private readonly ThermoDevServer[] _devices;
        private readonly DotnetUdpTransport[] _transports;
        private readonly ConsoleLog _ownedLog;

        // What /status reports of this process, shared by every device.
        private static readonly Lazy<ProcessFacts> Facts = new Lazy<ProcessFacts>(() => new ProcessFacts(ProcessFacts.ProgramVersion));
        private readonly object _stopGate = new object();
        private bool? _stopped;
        private bool _disposed;

        private SimulatedFleet(ThermoDevServer[] devices, DotnetUdpTransport[] transports, ConsoleLog ownedLog)
        {
            _devices = devices;
            _transports = transports;
            _ownedLog = ownedLog;
            var endpoints = new IPEndPoint[transports.Length];
            for (int i = 0; i < endpoints.Length; i++)
            {
                endpoints[i] = transports[i].LocalEndPoint;
            }

            Endpoints = Array.AsReadOnly(endpoints);
            Devices = Array.AsReadOnly(devices);
        }

        /// <summary>The bound local endpoints, in device order.</summary>
        public IReadOnlyList<IPEndPoint> Endpoints { get; }

        /// <summary>The running devices, in the order of <see cref="Endpoints"/>.</summary>
        public IReadOnlyList<ThermoDevServer> Devices { get; }

        /// <summary>Each device's name, in the order of <see cref="Endpoints"/>.</summary>
        public IReadOnlyList<string> Names { get; private init; }

        /// <summary>
        /// How multicast went: null when every device joined the All-CoAP-Nodes groups it could (224.0.1.187, and
        /// ff02::fd when bound to [::]), else why not (not asked, bound to loopback, or the system's reason per group).
        /// </summary>
        public string MulticastProblem { get; private init; }

        /// <summary>
        /// The discovery URIs the devices answer, as people write them ("coap://224.0.1.187/.well-known/core and
        /// coap://[ff02::fd]/.well-known/core (on eth0)"); null when no group was joined.
        /// </summary>
        public string MulticastGroups { get; private init; }

        /// <summary>
        /// The name of the device on <paramref name="port"/> of <paramref name="count"/>: --name as given for one device,
        /// with "-&lt;port&gt;" added for several; by default "thermodev-&lt;host name&gt;-&lt;port&gt;", unique on a
        /// network as host names are, and across the devices of one host by their ports.
        /// </summary>
        public static string NameOf(SimulatedDeviceSettings settings, int count, int port)
        {
            ArgumentNullException.ThrowIfNull(settings);
            string portText = port.ToString(CultureInfo.InvariantCulture);
            if (settings.Name != null)
            {
                return count == 1 ? settings.Name : Fit(settings.Name, "-" + portText);
            }

            var host = new System.Text.StringBuilder();
            foreach (char c in Dns.GetHostName().ToLowerInvariant())
            {
                host.Append(char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '-');
            }

            return Fit(DeviceName.Prefix + host, "-" + portText);
        }

        // The name cut so that its suffix still fits MaxLength.
        private static string Fit(string name, string suffix) =>
            (name.Length + suffix.Length > DeviceName.MaxLength ? name.Substring(0, DeviceName.MaxLength - suffix.Length) : name) + suffix;

        /// <summary>
        /// Starts <paramref name="count"/> simulated ThermoDevs with <paramref name="settings"/>; the
        /// per-exchange lines go to <paramref name="output"/> (through a queue, never blocking a server)
        /// unless <see cref="SimulatedDeviceSettings.Quiet"/>. Throws <see cref="DevicePortException"/> (a
        /// <see cref="SocketException"/>) when a port cannot be bound, with nothing left running.
        /// </summary>
        public static SimulatedFleet Start(SimulatedDeviceSettings settings, int count, TextWriter output)
        {
            ArgumentNullException.ThrowIfNull(output);
            CheckArguments(settings, count);
            var log = new ConsoleLog(output, LogCapacity);
            try
            {
                return Start(settings, count, log, log);
            }
            catch
            {
                log.Dispose();
                throw;
            }
        }

        /// <summary>As <see cref="Start(SimulatedDeviceSettings, int, TextWriter)"/>, writing to a log the caller owns and keeps open until after <see cref="Dispose"/>.</summary>
        public static SimulatedFleet Start(SimulatedDeviceSettings settings, int count, ConsoleLog log)
        {
            ArgumentNullException.ThrowIfNull(log);
            CheckArguments(settings, count);
            return Start(settings, count, log, null);
        }

        /// <summary>
        /// Stops every device's loops, waiting up to <paramref name="timeoutMilliseconds"/> for each;
        /// true when all have ended. Nothing is sent after this; the ports stay bound until <see cref="Dispose"/>.
        /// </summary>
        public bool Stop(int timeoutMilliseconds)
        {
            lock (_stopGate)
            {
                if (!_stopped.HasValue)
                {
                    bool all = true;
                    foreach (ThermoDevServer device in _devices)
                    {
                        all &= device.Stop(timeoutMilliseconds);
                    }

                    _stopped = all;
                }

                return _stopped.Value;
            }
        }

        /// <summary>Stops every server (if <see cref="Stop"/> has not) and closes every port.</summary>
        public void Dispose()
        {
            lock (_stopGate)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
            }

            Stop(StopTimeoutMilliseconds);
            foreach (DotnetUdpTransport transport in _transports)
            {
                transport.Dispose();
            }

            _ownedLog?.Dispose();
        }

        private static void CheckArguments(SimulatedDeviceSettings settings, int count)
        {
            ArgumentNullException.ThrowIfNull(settings);
            ArgumentNullException.ThrowIfNull(settings.Bind, nameof(settings) + "." + nameof(SimulatedDeviceSettings.Bind));
            ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(count, SimulatedDeviceSettings.MaxDevices);
            if (settings.Port < 0 || (settings.Port != 0 && settings.Port + count - 1 > IPEndPoint.MaxPort))
            {
                throw new ArgumentOutOfRangeException(nameof(settings), $"ports {settings.Port} to {settings.Port + count - 1} are not all UDP ports");
            }

            if (settings.Security != null && count > 1)
            {
                throw new ArgumentException("a security object serves one device, not " + count, nameof(settings));
            }
        }

        private static SimulatedFleet Start(SimulatedDeviceSettings settings, int count, ConsoleLog log, ConsoleLog ownedLog)
        {
            // Every port first: a taken one stops the start before any server runs.
            DotnetUdpTransport[] transports = Bind(settings, count);
            var devices = new ThermoDevServer[count];
            var names = new string[count];
            (string multicastGroups, string multicastProblem) = JoinGroups(settings, transports);
            int started = 0;
            try
            {
                for (int i = 0; i < count; i++)
                {
                    names[i] = NameOf(settings, count, transports[i].LocalEndPoint.Port);
                    devices[i] = CreateDevice(settings, i, transports[i], names[i], count == 1 ? null : Prefix(transports[i].LocalEndPoint), log);
                }

                for (; started < count; started++)
                {
                    devices[started].Start();
                }
            }
            catch
            {
                for (int i = 0; i < started; i++)
                {
                    devices[i].Stop(StopTimeoutMilliseconds);
                }

                Close(transports, count);
                throw;
            }

            return new SimulatedFleet(devices, transports, ownedLog) { Names = Array.AsReadOnly(names), MulticastGroups = multicastGroups, MulticastProblem = multicastProblem };
        }

        // Joins All-CoAP-Nodes on every device's port (RFC 7252 §8): 224.0.1.187, and ff02::fd (§12.8) when bound to
        // [::]; not when not asked or bound to loopback (no multicast there). A group that cannot be joined does not
        // stop the other; a device that joined none still serves unicast. Returns the groups joined and the reasons.
        private static (string Groups, string Problem) JoinGroups(SimulatedDeviceSettings settings, DotnetUdpTransport[] transports)
        {
            if (!settings.Multicast)
            {
                return (null, "off (--multicast false)");
            }

            if (IPAddress.IsLoopback(settings.Bind) || (settings.Bind.IsIPv4MappedToIPv6 && IPAddress.IsLoopback(settings.Bind.MapToIPv4())))
            {
                return (null, "off (bound to loopback)");
            }

            bool anyIPv6 = settings.Bind.Equals(IPAddress.IPv6Any);
            if (settings.Bind.AddressFamily == AddressFamily.InterNetworkV6 && !anyIPv6)
            {
                return (null, "off (bound to an IPv6 address other than [::])");
            }

            var groups = new List<string>();
            var problems = new List<string>();
            try
            {
                foreach (DotnetUdpTransport transport in transports)
                {
                    transport.JoinAllCoapNodes();
                }

                groups.Add($"coap://{CoapMulticast.AllCoapNodesIPv4}/.well-known/core");
            }
            catch (Exception e) when (e is SocketException || e is PlatformNotSupportedException)
            {
                problems.Add(CoapMulticast.AllCoapNodesIPv4 + " not joined: " + e.Message);
            }

            if (anyIPv6)
            {
                try
                {
                    IReadOnlyList<string> interfaces = null;
                    foreach (DotnetUdpTransport transport in transports)
                    {
                        interfaces = transport.JoinAllCoapNodesIPv6();
                    }

                    groups.Add($"coap://[{CoapMulticast.AllCoapNodesIPv6LinkLocal}]/.well-known/core (on {string.Join(", ", interfaces)})");
                }
                catch (Exception e) when (e is SocketException || e is PlatformNotSupportedException || e is InvalidOperationException)
                {
                    problems.Add(CoapMulticast.AllCoapNodesIPv6LinkLocal + " not joined: " + e.Message);
                }
            }

            return (groups.Count == 0 ? null : string.Join(" and ", groups), problems.Count == 0 ? null : string.Join("; ", problems));
        }

        private static DotnetUdpTransport[] Bind(SimulatedDeviceSettings settings, int count)
        {
            var transports = new DotnetUdpTransport[count];
            for (int i = 0; i < count; i++)
            {
                var local = new IPEndPoint(settings.Bind, settings.Port == 0 ? 0 : settings.Port + i);
                try
                {
                    transports[i] = new DotnetUdpTransport(local);
                }
                catch (SocketException e)
                {
                    Close(transports, i);
                    throw new DevicePortException(i, count, local, e);
                }
            }

            return transports;
        }

        private static void Close(DotnetUdpTransport[] transports, int count)
        {
            for (int i = 0; i < count; i++)
            {
                transports[i].Dispose();
            }
        }

        private static ThermoDevServer CreateDevice(SimulatedDeviceSettings settings, int index, DotnetUdpTransport transport, string name, string prefix, ConsoleLog log)
        {
            ICoapRandom drift = null;
            if (settings.MaxDriftCentiCelsius > 0)
            {
                // Seed S for the first device, S + 1 for the next...: each drifts on its own, and repeats.
                drift = new CoapRandom(settings.Seed.HasValue ? new Random(unchecked(settings.Seed.Value + index)) : new Random());
            }

            var sensor = new SimulatedSensor(settings.InitialCentiCelsius, settings.MaxDriftCentiCelsius, drift);
            var options = new ThermoDevOptions
            {
                ReadIntervalMilliseconds = settings.ReadIntervalMilliseconds,
                MaxAgeSeconds = settings.MaxAgeSeconds,
                Server = new CoapServerOptions
                {
                    MaxObservers = settings.MaxObservers,
                    MulticastRequestBytes = transport.JoinedGroup ? MulticastRequestBytes : 0,
                    MulticastLeisureMilliseconds = settings.LeisureMilliseconds,
                },
                WritePolicy = settings.WritePolicy ?? CoapWritePolicy.Everyone,
                Name = name,
                DeviceFacts = Facts.Value,
                Log = new PcLogSink(log, prefix),
                Security = settings.Security,
                RequireProtectedReads = settings.RequireProtectedReads,
            };
            var device = new ThermoDevServer(transport, new MonotonicClock(), new CoapRandom(), sensor, options);
            if (!settings.Quiet)
            {
                device.Server.Trace = new ConsoleTrace(log, prefix);
            }

            return device;
        }

        // ":5684 ": the device's port before each of its exchange lines.
        private static string Prefix(IPEndPoint local) => ":" + local.Port.ToString(CultureInfo.InvariantCulture) + " ";
    }
}
