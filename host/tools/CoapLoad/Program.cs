using System;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Reflection;
using System.Text;

namespace CoapLoad
{
    /// <summary>
    /// coapload: <c>load</c> drives one CoAP server, <c>observe</c> measures notification fan-out, and
    /// <c>compare</c> runs ThermoDev's PC build and libcoap's server side by side. Loopback only.
    /// </summary>
    public static class Program
    {
        /// <summary>Entry point; returns the exit code.</summary>
        public static int Main(string[] args)
        {
            CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            var root = new RootCommand("A CoAP load generator for loopback, and a one-run comparison of ThermoDev with libcoap's server.")
            {
                LoadCommand(), ObserveCommand(), CompareCommand(),
            };
            return root.Parse(args).Invoke();
        }

        private static Command LoadCommand()
        {
            var target = TargetOption();
            var path = new Option<string>("--path") { Description = "Uri-Path (one segment)", DefaultValueFactory = _ => "temp" };
            var type = new Option<string>("--type") { Description = "con or non", DefaultValueFactory = _ => "con" };
            type.AcceptOnlyFromAmong("con", "non");
            var put = new Option<string>("--put") { Description = "PUT this payload instead of GET" };
            var concurrency = Positive("--concurrency", 8, "Requests outstanding at any time");
            var seconds = Positive("--seconds", 10, "How long to send");
            var command = new Command("load", "Keep N requests outstanding against a server for a fixed time; report requests/s, latency, losses and codes.")
            {
                target, path, type, put, concurrency, seconds,
            };
            command.SetAction(parsed =>
            {
                string payload = parsed.GetValue(put);
                var options = new LoadOptions(parsed.GetValue(target), parsed.GetValue(path), parsed.GetValue(type) == "non" ? CoapPacket.Non : CoapPacket.Con,
                    payload == null ? CoapPacket.Get : CoapPacket.Put, payload == null ? null : Encoding.UTF8.GetBytes(payload),
                    parsed.GetValue(concurrency), TimeSpan.FromSeconds(parsed.GetValue(seconds)), TimeSpan.FromSeconds(1));
                Console.WriteLine(LoadGenerator.Run(options));
                return 0;
            });
            return command;
        }

        private static Command ObserveCommand()
        {
            var target = TargetOption();
            var path = new Option<string>("--path") { Description = "Uri-Path (one segment)", DefaultValueFactory = _ => "temp" };
            var observers = Positive("--observers", 100, "Observers, each on its own socket");
            var changes = Positive("--changes", 100, "Changes, each a PUT of a new value");
            var command = new Command("observe", "Register N observers, PUT K new values and time each fan-out to the last observer.")
            {
                target, path, observers, changes,
            };
            command.SetAction(parsed =>
            {
                Console.WriteLine(ObserveGenerator.Run(parsed.GetValue(target), parsed.GetValue(path), parsed.GetValue(observers), parsed.GetValue(changes), TimeSpan.FromSeconds(5)));
                return 0;
            });
            return command;
        }

        private static Command CompareCommand()
        {
            var seconds = Positive("--seconds", 10, "Each load run, seconds");
            var warmup = Positive("--warmup", 5, "Load before the measured runs, seconds");
            var concurrency = new Option<int[]>("--concurrency") { Description = "Requests outstanding in the CON GET runs", DefaultValueFactory = _ => new[] { 1, 8, 32 }, AllowMultipleArgumentsPerToken = true };
            var observers = new Option<int>("--observers") { Description = "Observers in the fan-out run (0: none)", DefaultValueFactory = _ => 100 };
            var changes = new Option<int>("--changes") { Description = "Changes in the fan-out run", DefaultValueFactory = _ => 100 };
            var soak = new Option<int>("--soak") { Description = "Seconds of load on the PC build while its resident memory is recorded every 10 s (0: none)", DefaultValueFactory = _ => 60 };
            var output = new Option<string>("--out") { Description = "Folder for compare.md and compare.png" };
            var libcoap = new Option<string>("--libcoap") { Description = "libcoap's server", DefaultValueFactory = _ => "coap-server-notls" };
            var command = new Command("compare", "Run ThermoDev's PC build and libcoap's coap-server-notls on loopback with the same load, and print the tables.")
            {
                seconds, warmup, concurrency, observers, changes, soak, output, libcoap,
            };
            command.SetAction(parsed => Comparison.Run(
                new CompareOptions(TimeSpan.FromSeconds(parsed.GetValue(seconds)), TimeSpan.FromSeconds(parsed.GetValue(warmup)), parsed.GetValue(concurrency),
                    parsed.GetValue(observers), parsed.GetValue(changes), TimeSpan.FromSeconds(parsed.GetValue(soak)), parsed.GetValue(output),
                    ThermoDevPc(), parsed.GetValue(libcoap)),
                Console.Out));
            return command;
        }

        private static Option<IPEndPoint> TargetOption() => new Option<IPEndPoint>("--target")
        {
            Description = "The server, address:port on this machine (loopback only)",
            DefaultValueFactory = _ => new IPEndPoint(IPAddress.Loopback, 5683),
            CustomParser = result =>
            {
                string text = result.Tokens.Single().Value;
                if (IPEndPoint.TryParse(text, out IPEndPoint endpoint) && IPAddress.IsLoopback(endpoint.Address) && endpoint.Port > 0)
                {
                    return endpoint;
                }

                result.AddError($"--target must be a loopback address and port, such as 127.0.0.1:5683, not '{text}'.");
                return null;
            },
        };

        private static Option<int> Positive(string name, int defaultValue, string description)
        {
            var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
            option.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int>() < 1)
                {
                    result.AddError($"{name} must be 1 or more.");
                }
            });
            return option;
        }

        // The PC build, built beside this tool in the same configuration.
        private static string ThermoDevPc() =>
            typeof(Program).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ThermoDevPc").Value;
    }
}
