using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Coap.Micro;
using Coap.Micro.Dotnet;
using ThermoDev.Sensors;

namespace ThermoDev.Pc
{
    /// <summary>
    /// ThermoDev's lifetime on a PC: builds the simulated sensor, the UDP transport and the server from
    /// the settings, prints what it serves, runs until the process is asked to stop (Ctrl+C, SIGINT,
    /// SIGTERM), then stops the server with its own Stop and closes the port.
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
            DotnetUdpTransport transport;
            try
            {
                transport = new DotnetUdpTransport(new IPEndPoint(_settings.Bind, _settings.Port));
            }
            catch (SocketException e)
            {
                _error.WriteLine($"thermodev: cannot listen on UDP {Endpoint(_settings.Bind, _settings.Port)}: {e.Message}");
                return Failure;
            }

            using (transport)
            using (var log = new ConsoleLog(_output, LogCapacity))
            {
                ThermoDevServer server = CreateServer(transport, log);
                log.TryWrite($"ThermoDev {Version} on .NET {Environment.Version}");
                log.TryWrite("Sensor: " + DescribeSensor(server.Sensor));
                log.TryWrite($"Readings every {_settings.ReadIntervalMilliseconds} ms, Max-Age {_settings.MaxAgeSeconds} s, up to {_settings.MaxObservers} observers");
                log.TryWrite("Listening on UDP " + DescribeListener(transport.LocalEndPoint));
                log.TryWrite("Resources: " + DescribeResources(server.Server));
                DescribeWrites(server.Server.WritePolicy, log);

                server.Start();
                log.WriteAndFlush(StartedPrefix + transport.LocalEndPoint.Port.ToString(CultureInfo.InvariantCulture), FlushTimeout);

                shutdown.Wait();
                log.TryWrite($"Stopping ({shutdown.Received})");

                // Both loops end here; nothing is sent after this, so observers hear nothing further.
                bool stopped = server.Stop(StopTimeoutMilliseconds);
                CoapServerCounters counters = server.Server.Counters;
                log.WriteAndFlush(stopped
                    ? $"Stopped after {counters.Requests} requests and {counters.Notifications} notifications"
                    : "The server did not stop in time", FlushTimeout);
                if (!stopped)
                {
                    _error.WriteLine($"thermodev: the server loop did not end within {StopTimeoutMilliseconds} ms");
                    return Failure;
                }
            }

            return Success;
        }

        private ThermoDevServer CreateServer(DotnetUdpTransport transport, ConsoleLog log)
        {
            ICoapRandom drift = null;
            if (_settings.MaxDriftCentiCelsius > 0)
            {
                drift = new CoapRandom(_settings.Seed.HasValue ? new Random(_settings.Seed.Value) : new Random());
            }

            var sensor = new SimulatedSensor(_settings.InitialCentiCelsius, _settings.MaxDriftCentiCelsius, drift);
            var options = new ThermoDevOptions
            {
                ReadIntervalMilliseconds = _settings.ReadIntervalMilliseconds,
                MaxAgeSeconds = _settings.MaxAgeSeconds,
                Server = new CoapServerOptions { MaxObservers = _settings.MaxObservers },
                WritePolicy = _settings.WritePolicy ?? CoapWritePolicy.Everyone,
            };
            var server = new ThermoDevServer(transport, new MonotonicClock(), new CoapRandom(), sensor, options);
            if (!_settings.Quiet)
            {
                server.Server.Trace = new ConsoleTrace(log);
            }

            return server;
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
            return _settings.Seed.HasValue ? text + $" (seed {_settings.Seed.Value})" : text;
        }

        // Writes open to every address are said loudly: anyone on the network can change /temp.
        private void DescribeWrites(CoapWritePolicy policy, ConsoleLog log)
        {
            if (policy.AllowsEveryone)
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

        private static string Endpoint(IPAddress address, int port) =>
            address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]:{port}" : $"{address}:{port}";

        private static string Degrees(int centiCelsius) =>
            (centiCelsius / 100m).ToString("0.0#", CultureInfo.InvariantCulture);
    }
}
