using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Reflection;
using Coap.Micro;
using Coap.Micro.Oscore;
using ThermoDev.Sensors;
using ThermoDev.Simulation;

namespace ThermoDev.Pc
{
    /// <summary>
    /// ThermoDev's lifetime on a PC: starts the simulated devices (one by default, --devices N; each its
    /// own sensor, UDP port and server, through <see cref="SimulatedFleet"/>), prints what it serves, runs
    /// until the process is asked to stop (Ctrl+C, SIGINT, SIGTERM), then stops every server with its own
    /// Stop and closes the ports.
    /// </summary>
    public sealed class PcHost
    {
        /// <summary>Exit code of a run that ended as asked.</summary>
        public const int Success = 0;

        /// <summary>Exit code when the server could not start or stop (the port is taken, say).</summary>
        public const int Failure = 1;

        /// <summary>The line printed once the server answers; tests and scripts wait for it.</summary>
        public const string StartedPrefix = "CoAP server started on port ";

        private const int StopTimeoutMilliseconds = 3000;
        private const int LogCapacity = 4096;
        private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(5);

        private readonly PcSettings _settings;
        private readonly TextWriter _output;
        private readonly TextWriter _error;

        /// <summary>A host for <paramref name="settings"/>, printing to <paramref name="output"/> and <paramref name="error"/>.</summary>
        public PcHost(PcSettings settings, TextWriter output, TextWriter error)
        {
            ArgumentNullException.ThrowIfNull(settings);
            ArgumentNullException.ThrowIfNull(output);
            ArgumentNullException.ThrowIfNull(error);
            _settings = settings;
            _output = output;
            _error = error;
        }

        /// <summary>The version the start-up output and --version show.</summary>
        public static string Version =>
            typeof(PcHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

        /// <summary>Serves until Ctrl+C, SIGINT or SIGTERM; returns the exit code.</summary>
        public int Run()
        {
            // Signals are handled before the started line, so whoever sees it can stop the server cleanly.
            using var shutdown = new ShutdownSignal();
            using var log = new ConsoleLog(_output, LogCapacity);
            SimulatedFleet fleet;
            try
            {
                fleet = SimulatedFleet.Start(_settings, _settings.Devices, log);
            }
            catch (DevicePortException e)
            {
                _error.WriteLine("thermodev: " + e.Message);
                return Failure;
            }

            using (fleet)
            {
                ThermoDevServer first = fleet.Devices[0];
                log.TryWrite($"ThermoDev {Version} on .NET {Environment.Version}");
                log.TryWrite("Sensor: " + DescribeSensor(first.Sensor));
                log.TryWrite($"Readings every {_settings.ReadIntervalMilliseconds} ms, Max-Age {_settings.MaxAgeSeconds} s, up to {_settings.MaxObservers} observers");
                if (fleet.Devices.Count > 1)
                {
                    log.TryWrite($"Devices: {fleet.Devices.Count}, each with its own simulated sensor, drift and port; each exchange line starts with its device's port");
                }

                foreach (IPEndPoint local in fleet.Endpoints)
                {
                    log.TryWrite("Listening on UDP " + DescribeListener(local));
                }

                log.TryWrite("Resources: " + DescribeResources(first.Server));
                log.TryWrite(fleet.Names.Count == 1 ? "Name: " + fleet.Names[0] : "Names: " + string.Join(", ", fleet.Names));
                log.TryWrite(fleet.MulticastGroups == null
                    ? "Multicast: " + fleet.MulticastProblem
                    : $"Multicast: answering GET {fleet.MulticastGroups} after a random leisure of up to {_settings.LeisureMilliseconds} ms"
                        + (fleet.MulticastProblem == null ? string.Empty : "; " + fleet.MulticastProblem));
                DescribeWrites(first.Server.WritePolicy, log);
                log.TryWrite(DescribeOscore());

                // One started line per device, in order: scripts that read the first one get the first device.
                foreach (IPEndPoint local in fleet.Endpoints)
                {
                    log.WriteAndFlush(StartedPrefix + local.Port.ToString(CultureInfo.InvariantCulture), FlushTimeout);
                }

                // --rd: each device registers with the resource directory; removed again before the servers stop.
                using PcDirectoryRegistrations registrations = PcDirectoryRegistrations.Start(_settings, fleet, log);
                shutdown.Wait();
                log.TryWrite($"Stopping ({shutdown.Received})");
                registrations?.Stop();

                // Every loop ends here; nothing is sent after this, so observers hear nothing further.
                bool stopped = fleet.Stop(StopTimeoutMilliseconds);
                if (!stopped)
                {
                    log.WriteAndFlush(fleet.Devices.Count == 1 ? "The server did not stop in time" : "A server did not stop in time", FlushTimeout);
                    _error.WriteLine($"thermodev: the server loop did not end within {StopTimeoutMilliseconds} ms");
                    return Failure;
                }

                log.WriteAndFlush(DescribeStop(fleet, log), FlushTimeout);
            }

            return Success;
        }

        // "Stopped after 12 requests and 3 notifications"; with several devices, a line per device
        // (":5684 stopped after ...") and then the totals with the device count.
        private static string DescribeStop(SimulatedFleet fleet, ConsoleLog log)
        {
            long requests = 0;
            long notifications = 0;
            for (int i = 0; i < fleet.Devices.Count; i++)
            {
                CoapServerCounters counters = fleet.Devices[i].Server.Counters;
                requests += counters.Requests;
                notifications += counters.Notifications;
                if (fleet.Devices.Count > 1)
                {
                    log.TryWrite($":{fleet.Endpoints[i].Port} stopped after {counters.Requests} requests and {counters.Notifications} notifications");
                }
            }

            string totals = $"Stopped after {requests} requests and {notifications} notifications";
            return fleet.Devices.Count == 1 ? totals : totals + $" on {fleet.Devices.Count} devices";
        }

        // "simulated, 25.0 °C, drift up to 0.5 °C per reading (seed 42)".
        private string DescribeSensor(ITemperatureSensor sensor)
        {
            string text = $"{sensor.Description}, {Degrees(_settings.InitialCentiCelsius)} °C";
            if (_settings.MaxDriftCentiCelsius == 0)
            {
                return text + ", no drift";
            }

            text += $", drift up to {Degrees(_settings.MaxDriftCentiCelsius)} °C per reading";
            if (!_settings.Seed.HasValue)
            {
                return text;
            }

            // Device i drifts from seed S + i (SimulatedFleet).
            return _settings.Devices == 1
                ? text + $" (seed {_settings.Seed.Value})"
                : text + $" (seeds {_settings.Seed.Value} to {unchecked(_settings.Seed.Value + _settings.Devices - 1)}, one per device)";
        }

        // Writes open to every address are said loudly: anyone on the network can change /temp.
        private void DescribeWrites(CoapWritePolicy policy, ConsoleLog log)
        {
            if (policy.AllowsEveryone && _settings.Security != null)
            {
                log.TryWrite("Writes: from every address (--allow-writes all), with OSCORE only");
            }
            else if (policy.AllowsEveryone)
            {
                log.TryWrite("WARNING: writes are allowed from every address (--allow-writes all, the default): anyone who can reach this port can PUT /temp. "
                    + "Limit them with --allow-writes <CIDR,...>, or turn them off with --allow-writes none.");
            }
            else if (policy.EntryCount == 0)
            {
                log.TryWrite("Writes: none (--allow-writes none): PUT gets 4.03 Forbidden");
            }
            else
            {
                log.TryWrite($"Writes: allowed only from {_settings.AllowWrites.Trim()} (others get 4.03 Forbidden)");
            }
        }

        // "OSCORE: on, context ... (Sender ID 01, Recipient ID 02): PUT needs OSCORE, GET and Observe too". Never a key.
        private string DescribeOscore()
        {
            OscoreContextFolder oscore = _settings.Oscore;
            if (oscore == null)
            {
                return "OSCORE: off (--oscore <folder> to protect writes)";
            }

            string ids = $"Sender ID {Ids(oscore.SenderId)}, Recipient ID {Ids(oscore.RecipientId)}"
                + (oscore.IdContext == null ? string.Empty : ", ID Context " + Ids(oscore.IdContext));
            string reads = _settings.RequireProtectedReads
                ? "GET and Observe too (--oscore-reads); unprotected ones get 4.01"
                : "GET and Observe with or without (--oscore-reads to require it)";
            return $"OSCORE: on, context {oscore.Folder} ({ids}; sequence numbers in {OscoreContextFolder.SequenceFileName}): "
                + "PUT needs OSCORE (unprotected: 4.01 OSCORE required); " + reads;
        }

        private static string Ids(byte[] id) => id.Length == 0 ? "(empty)" : OscoreContextFolder.Hex(id);

        private static string DescribeListener(IPEndPoint local)
        {
            IPAddress address = local.Address;
            if (address.Equals(IPAddress.IPv6Any))
            {
                return $"[::]:{local.Port} (every interface, IPv6 and IPv4)";
            }

            if (address.IsIPv4MappedToIPv6)
            {
                return $"{address.MapToIPv4()}:{local.Port} (IPv4)";
            }

            return $"[{address}]:{local.Port} (IPv6)";
        }

        private static string DescribeResources(CoapServer server)
        {
            var paths = new string[server.ResourceCount];
            for (int i = 0; i < paths.Length; i++)
            {
                paths[i] = "/" + server.GetResource(i).Path;
            }

            return string.Join(", ", paths);
        }

        private static string Degrees(int centiCelsius) =>
            (centiCelsius / 100m).ToString("0.0#", CultureInfo.InvariantCulture);
    }
}
