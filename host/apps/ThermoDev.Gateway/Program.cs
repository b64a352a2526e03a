using System;
using System.CommandLine;
using System.CommandLine.Invocation;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using ThermoDev.Gateway.Cli;

namespace ThermoDev.Gateway
{
    /// <summary>
    /// The entry point: reads the command line and appsettings.json, then runs the gateway until Ctrl+C
    /// or SIGTERM. Exit codes: 0 stopped as asked (or --help, --version), 1 could not serve, 2 bad
    /// command line or settings (the reason and the usage on standard error).
    /// </summary>
    public static class Program
    {
        /// <summary>Exit code of a command line or settings file that does not parse.</summary>
        public const int UsageError = 2;

        /// <summary>Runs the gateway with the options in <paramref name="args"/>; returns the exit code.</summary>
        public static int Main(string[] args)
        {
            CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

            var commandLine = new GatewayCommandLine();
            ParseResult parsed = commandLine.Root.Parse(args);
            if (parsed.Action is ParseErrorAction)
            {
                parsed.Invoke(new InvocationConfiguration { Output = Console.Error, Error = Console.Error });
                return UsageError;
            }

            commandLine.Root.SetAction(result => Run(commandLine, result));
            return parsed.Invoke(new InvocationConfiguration { ProcessTerminationTimeout = null });
        }

        private static int Run(GatewayCommandLine commandLine, ParseResult parsed)
        {
            GatewaySettings settings;
            try
            {
                settings = commandLine.Read(parsed, LoadConfiguration());
            }
            catch (FormatException e)
            {
                Console.Error.WriteLine($"thermodev-gateway: appsettings.json: {e.Message}");
                return UsageError;
            }

            if (settings.Devices.Count == 0 && settings.DemoCount == null && settings.RdListen == null && settings.Discover == null)
            {
                Console.Error.WriteLine("thermodev-gateway: no device to reach: give --device name=coap://host[:port][/path] (repeatable), "
                    + "--demo to start simulated ones, --rd-listen to let devices register or --discover to find them. --help lists the options.");
                return UsageError;
            }

            return new GatewayRunner(settings, Console.Out, Console.Error).RunAsync().GetAwaiter().GetResult();
        }

        // appsettings.json next to the program, then in the current folder; ASPNETCORE_URLS as in any ASP.NET Core app.
        private static IConfiguration LoadConfiguration() =>
            new ConfigurationBuilder()
                .AddJsonFile(System.IO.Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
                .AddJsonFile(System.IO.Path.Combine(Environment.CurrentDirectory, "appsettings.json"), optional: true)
                .AddEnvironmentVariables("ASPNETCORE_")
                .Build();
    }
}
