using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading;

namespace FleetScale
{
    /// <summary>
    /// fleetscale: one gateway following a fleet of PC-build devices on loopback, measured. Exit code 0 when
    /// every device was online and every change reached both SSE and MQTT, 3 when not, 1 when the fleet could
    /// not be brought up, 2 for a bad option.
    /// </summary>
    public static class Program
    {
        /// <summary>Entry point; returns the exit code.</summary>
        public static int Main(string[] args)
        {
            CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            var devices = Ranged("--devices", 1000, 1, 4000, "Devices (ceil(N/64) PC-build processes)");
            var window = Ranged("--window", 60, 1, 3600, "Seconds measured");
            var period = Ranged("--change-period", 10, 1, 3600, "Seconds between two changes of one device");
            var sample = Ranged("--sample-interval", 5, 1, 600, "Seconds between two samples of the gateway's CPU and memory");
            var grace = Ranged("--grace", 5, 0, 600, "Seconds the last changes may take to arrive after the window");
            var onlineTimeout = Ranged("--online-timeout", 180, 1, 3600, "Seconds to wait for every device to be online");
            var join = new Option<string>("--join")
            {
                Description = "How devices reach the gateway: rd (they register with its Resource Directory, --rd-listen) or list (--device on its command line)",
                DefaultValueFactory = _ => "rd",
            };
            join.AcceptOnlyFromAmong("rd", "list");
            var broker = new Option<Uri?>("--broker") { Description = "A broker already running, mqtt://127.0.0.1:<port>; without it mosquitto is started on a free port" };
            var mosquitto = new Option<string>("--mosquitto") { Description = "The mosquitto program", DefaultValueFactory = _ => "/usr/sbin/mosquitto" };
            var basePort = Ranged("--base-port", 0, 0, 65535, "First device UDP port; 0 picks a free range");
            var markdown = new Option<string?>("--markdown") { Description = "Write the summary table to this file as Markdown" };
            var gateway = new Option<string>("--gateway-dll") { Description = "The gateway's program", DefaultValueFactory = _ => Built("ThermoDevGateway") };
            var pc = new Option<string>("--pc-dll") { Description = "The PC build's program", DefaultValueFactory = _ => Built("ThermoDevPc") };
            var root = new RootCommand("One ThermoDev gateway following a fleet of PC-build devices on loopback: gateway CPU and memory, change-to-SSE and change-to-MQTT latency, readings lost.")
            {
                devices, window, period, sample, grace, onlineTimeout, join, broker, mosquitto, basePort, markdown, gateway, pc,
            };
            root.Validators.Add(result =>
            {
                Uri? given = result.GetValue(broker);
                if (given != null && (given.Scheme != "mqtt" || given.Host != "127.0.0.1" || given.Port <= 0))
                {
                    result.AddError("--broker: mqtt://127.0.0.1:<port> (loopback only)");
                }
            });
            root.SetAction(parsed =>
            {
                var options = new FleetOptions
                {
                    Devices = parsed.GetValue(devices),
                    Window = TimeSpan.FromSeconds(parsed.GetValue(window)),
                    ChangePeriod = TimeSpan.FromSeconds(parsed.GetValue(period)),
                    SampleInterval = TimeSpan.FromSeconds(parsed.GetValue(sample)),
                    Grace = TimeSpan.FromSeconds(parsed.GetValue(grace)),
                    OnlineTimeout = TimeSpan.FromSeconds(parsed.GetValue(onlineTimeout)),
                    Join = parsed.GetValue(join) == "list" ? JoinMode.List : JoinMode.Rd,
                    Broker = parsed.GetValue(broker),
                    Mosquitto = parsed.GetValue(mosquitto)!,
                    BasePort = parsed.GetValue(basePort),
                    Markdown = parsed.GetValue(markdown),
                    GatewayDll = parsed.GetValue(gateway)!,
                    PcDll = parsed.GetValue(pc)!,
                };
                return Run(options);
            });
            return root.Parse(args).Invoke();
        }

        private static int Run(FleetOptions options)
        {
            foreach (string dll in new[] { options.GatewayDll, options.PcDll })
            {
                if (!File.Exists(dll))
                {
                    Console.Error.WriteLine($"fleetscale: {dll} does not exist: build it first (dotnet build host/tools/FleetScale)");
                    return 1;
                }
            }

            using var stop = new CancellationTokenSource();
            // Ctrl+C and SIGTERM end the run; the processes are still stopped by their ids on the way out.
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
            void Cancel(PosixSignalContext context)
            {
                context.Cancel = true;
                stop.Cancel();
            }

            try
            {
                FleetResult result = new FleetRun(options, Console.Out).RunAsync(stop.Token).GetAwaiter().GetResult();
                string table = result.Markdown();
                Console.WriteLine();
                Console.WriteLine(table);
                if (options.Markdown != null)
                {
                    File.WriteAllText(options.Markdown, table);
                }

                Console.WriteLine(result.Complete ? "complete: every device online, no reading lost" : "INCOMPLETE: a device offline or a reading lost");
                return result.Complete ? 0 : 3;
            }
            catch (FleetException e)
            {
                Console.Error.WriteLine("fleetscale: " + e.Message);
                return 1;
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine("fleetscale: interrupted; every process it started was stopped");
                return 130;
            }
        }

        private static Option<int> Ranged(string name, int fallback, int min, int max, string description)
        {
            var option = new Option<int>(name) { Description = $"{description} ({min} to {max}, default {fallback})", DefaultValueFactory = _ => fallback };
            option.Validators.Add(result =>
            {
                int value = result.GetValueOrDefault<int>();
                if (value < min || value > max)
                {
                    result.AddError($"{name}: {min} to {max}, not {value}");
                }
            });
            return option;
        }

        private static string Built(string key) =>
            typeof(Program).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value ?? string.Empty;
    }
}
