using System;
using System.CommandLine;
using System.CommandLine.Invocation;
using System.Globalization;

namespace ThermoDev.Pc
{
    /// <summary>
    /// The entry point: parses the command line and runs ThermoDev until Ctrl+C or SIGTERM.
    /// Exit codes: 0 stopped as asked (or --help, --version), 1 could not serve, 2 bad command line.
    /// </summary>
    public static class Program
    {
        /// <summary>Exit code of a command line that does not parse (the usage went to standard error).</summary>
        public const int UsageError = 2;

        /// <summary>Runs ThermoDev with the options in <paramref name="args"/>; returns the exit code.</summary>
        public static int Main(string[] args)
        {
            // Numbers print and parse the same everywhere: 25.0, never 25,0.
            CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

            var commandLine = new PcCommandLine();
            commandLine.Root.SetAction(parsed =>
            {
                PcSettings settings = commandLine.Read(parsed);
                return settings.OscoreNew != null
                    ? OscoreNewContexts.Run(settings.OscoreNew, Console.Out, Console.Error)
                    : new PcHost(settings, Console.Out, Console.Error).Run();
            });

            ParseResult result = commandLine.Root.Parse(args);
            if (result.Action is ParseErrorAction)
            {
                // The errors and the usage, all on standard error; the library's own code for this is 1.
                result.Invoke(new InvocationConfiguration { Output = Console.Error, Error = Console.Error });
                return UsageError;
            }

            // The host handles Ctrl+C, SIGINT and SIGTERM itself, from before it says it has started.
            return result.Invoke(new InvocationConfiguration { ProcessTerminationTimeout = null });
        }
    }
}
