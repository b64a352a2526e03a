using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Net;
using Coap.Micro;
using Coap.Micro.Dotnet;
using Coap.Micro.Oscore;
using ThermoDev.Sensors;
using ThermoDev.Simulation;

namespace ThermoDev.Pc
{
    /// <summary>
    /// The command line: every option with its default and its range. Each value is parsed and checked
    /// in one place (its parser), so a bad value is a parse error, reported with the usage.
    /// Numbers are read the same in every culture: a dot for decimals, no thousands separators.
    /// </summary>
    public sealed class PcCommandLine
    {
        /// <summary>The port RFC 7252 §6.1 assigns to coap://.</summary>
        public const int DefaultPort = SimulatedDeviceSettings.DefaultPort;

        /// <summary>
        /// The default of --leisure-ms: RFC 7252 §8.2's lower bound S * G / R for 100-byte answers from 100 devices
        /// sharing 1 Mbit/s (80 ms), rounded up; short, as a PC on a wired or loopback network can afford.
        /// </summary>
        public const int DefaultLeisureMilliseconds = SimulatedDeviceSettings.DefaultLeisureMilliseconds;

        /// <summary>The default of --allow-writes: a PC is for trying things out.</summary>
        public const string AllowAll = "all";

        private readonly Option<int> _port = IntOption("--port", "port", DefaultPort, 0, 65535,
            "UDP port; 0 picks a free one, printed at start-up");

        private readonly Option<int> _devices = IntOption("--devices", "count", 1, 1, PcSettings.MaxDevices,
            "Simulated devices, each with its own sensor, drift and port: consecutive ports from --port, or a free one each with --port 0");

        private readonly Option<IPAddress> _bind = new Option<IPAddress>("--bind")
        {
            HelpName = "address",
            Description = "Local address: :: for IPv6 and IPv4 on every interface, 0.0.0.0 for IPv4 only, ::1 or 127.0.0.1 for this machine only",
            DefaultValueFactory = _ => IPAddress.IPv6Any,
            CustomParser = ParseAddress,
        };

        private readonly Option<decimal> _temperature = DecimalOption("--temperature", "°C", 25.0m,
            TemperatureRange.MinCentiCelsius / 100m, TemperatureRange.MaxCentiCelsius / 100m,
            "First value of the simulated sensor, °C");

        private readonly Option<decimal> _drift = DecimalOption("--drift", "°C", 0m, 0m, 10m,
            "Largest random change per reading, °C; 0 keeps the value steady");

        private readonly Option<int?> _seed = new Option<int?>("--seed")
        {
            HelpName = "number",
            Description = "Seed of the drift, to repeat a run exactly (default: a different drift each run)",
            CustomParser = result => ParseInt(result, "--seed", int.MinValue, int.MaxValue),
        };

        private readonly Option<int> _interval = IntOption("--interval", "ms", 1000, 100, 3600000,
            "Time between two sensor readings, ms");

        private readonly Option<int> _maxAge = IntOption("--max-age", "seconds", 10, 1, 86400,
            "Seconds a reading stays fresh (Max-Age); observers get the value again before it runs out");

        private readonly Option<int> _maxObservers = IntOption("--max-observers", "count", 64, 0, 4096,
            "Observe relations kept at once; more registrations are served without Observe");

        private readonly Option<string> _allowWrites = new Option<string>("--allow-writes")
        {
            HelpName = "none|all|CIDR[,CIDR...]",
            Description = "Who may PUT /temp: none, all, or addresses and subnets such as 192.168.1.0/24,fd00::/8,127.0.0.1 (others get 4.03 Forbidden)",
            DefaultValueFactory = _ => AllowAll,
            CustomParser = ParseWritePolicy,
        };

        private readonly Option<string> _name = new Option<string>("--name")
        {
            HelpName = "name",
            Description = "Device name, shown in discovery as the title of </temp> (1 to 63 letters, digits, '-', '_', '.'; default thermodev-<host>-<port>; with --devices, -<port> is added)",
            CustomParser = ParseName,
        };

        private readonly Option<bool> _multicast = new Option<bool>("--multicast")
        {
            HelpName = "true|false",
            Description = "Join All-CoAP-Nodes (224.0.1.187) on each device's port and answer discovery sent there (not when bound to loopback)",
            DefaultValueFactory = _ => true,
        };

        private readonly Option<int> _leisure = IntOption("--leisure-ms", "ms", DefaultLeisureMilliseconds, 0, 65535,
            "Longest random wait before answering a request sent to the group (RFC 7252 §8.2 leisure)");

        private readonly Option<Uri> _rd = new Option<Uri>("--rd")
        {
            HelpName = "coap://host[:port][/path]",
            Description = "Register each device under its name with this CoRE Resource Directory (RFC 9176) and keep the registration alive; "
                + "without a path its registration interface is looked up (GET /.well-known/core?rt=core.rd)",
            CustomParser = ParseDirectory,
        };

        private readonly Option<int> _rdLifetime = IntOption("--rd-lifetime", "seconds", 90000, 60, int.MaxValue,
            "Lifetime of each registration with --rd (lt); it is updated before it ends");
        private readonly Option<OscoreContextFolder> _oscore = new Option<OscoreContextFolder>("--oscore")
        {
            HelpName = "folder",
            Description = "OSCORE (RFC 8613) with the device's security context in this folder (settings.json as aiocoap writes it; "
                + "the sequence number is kept beside it): PUT /temp then needs OSCORE, unprotected ones get 4.01 (one device only)",
            CustomParser = ParseOscore,
        };

        private readonly Option<bool> _oscoreReads = new Option<bool>("--oscore-reads")
        {
            Description = "With --oscore: GET and Observe need OSCORE too (/.well-known/core stays open)",
        };

        private readonly Option<string> _oscoreNew = new Option<string>("--oscore-new")
        {
            HelpName = "folder",
            Description = "Write a fresh random OSCORE context pair to folder/device and folder/client, print how to use them, and exit",
        };

        private readonly Option<bool> _quiet = new Option<bool>("--quiet", "-q")
        {
            Description = "No line per exchange",
        };

        /// <summary>Creates the options and the root command that holds them.</summary>
        public PcCommandLine()
        {
            Root = new RootCommand("ThermoDev on a PC: a simulated temperature sensor served over CoAP (UDP) at /temp.")
            {
                _port, _devices, _bind, _temperature, _drift, _seed, _interval, _maxAge, _maxObservers, _allowWrites, _quiet,
                _name, _multicast, _leisure, _oscore, _oscoreReads, _oscoreNew,
                _rd, _rdLifetime,
            };
            Root.Validators.Add(CheckLastPort);
            Root.Validators.Add(CheckOscore);
        }

        /// <summary>The command; give it an action, then parse.</summary>
        public RootCommand Root { get; }

        /// <summary>
        /// The settings of a command line that parsed without errors. With --oscore, the server's security is made here
        /// from the context folder (its Sender Sequence Number store is read once).
        /// </summary>
        public PcSettings Read(ParseResult parsed)
        {
            ArgumentNullException.ThrowIfNull(parsed);
            OscoreContextFolder oscore = parsed.GetValue(_oscore);
            return new PcSettings
            {
                Port = parsed.GetValue(_port),
                Devices = parsed.GetValue(_devices),
                Bind = parsed.GetValue(_bind),
                InitialCentiCelsius = ToHundredths(parsed.GetValue(_temperature)),
                MaxDriftCentiCelsius = ToHundredths(parsed.GetValue(_drift)),
                Seed = parsed.GetValue(_seed),
                ReadIntervalMilliseconds = parsed.GetValue(_interval),
                MaxAgeSeconds = parsed.GetValue(_maxAge),
                MaxObservers = parsed.GetValue(_maxObservers),
                AllowWrites = parsed.GetValue(_allowWrites),
                WritePolicy = CoapWritePolicy.Parse(parsed.GetValue(_allowWrites), new SocketAddressReader()),
                Quiet = parsed.GetValue(_quiet),
                Name = parsed.GetValue(_name),
                Multicast = parsed.GetValue(_multicast),
                LeisureMilliseconds = parsed.GetValue(_leisure),
                ResourceDirectory = parsed.GetValue(_rd),
                RegistrationLifetimeSeconds = parsed.GetValue(_rdLifetime),
                Oscore = oscore,
                Security = oscore == null ? null : CreateSecurity(oscore),
                RequireProtectedReads = parsed.GetValue(_oscoreReads),
                OscoreNew = parsed.GetValue(_oscoreNew),
            };
        }

        // One context (the device's) with its sequence number kept in the folder (RFC 8613 Appendix B.1.1).
        private static OscoreServerSecurity CreateSecurity(OscoreContextFolder folder)
        {
            var security = new OscoreServerSecurity(1);
            security.Add(folder.CreateSecurityContext(), new OscoreSenderSequence(folder.CreateSequenceStore(), OscoreSenderSequence.DefaultBlock));
            return security;
        }

        // --oscore serves one device (each server is a sender of its own, and would need its own context);
        // --oscore-reads needs --oscore; --oscore-new writes and exits, so it runs alone.
        private void CheckOscore(CommandResult result)
        {
            bool oscore = Given(result, _oscore);
            if (oscore && TryGiven(result, _devices, 1, 1, PcSettings.MaxDevices, out int devices) && devices > 1)
            {
                result.AddError($"--oscore serves one device, not --devices {devices}: run one ThermoDev.Pc per context folder.");
            }

            if (Given(result, _oscoreReads) && !oscore)
            {
                result.AddError("--oscore-reads needs --oscore <folder>.");
            }

            if (Given(result, _oscoreNew) && oscore)
            {
                result.AddError("--oscore-new writes a context pair and exits: run it without --oscore, then start with --oscore <folder>/device.");
            }
        }

        private static bool Given(CommandResult result, Option option)
        {
            OptionResult given = result.GetResult(option);
            return given != null && !given.Implicit;
        }

        private static OscoreContextFolder ParseOscore(ArgumentResult result)
        {
            try
            {
                return OscoreContextFolder.Load(Token(result));
            }
            catch (OscoreContextFolderException e)
            {
                result.AddError("--oscore: " + e.Message);
                return null;
            }
        }

        // Consecutive ports from --port: the last device's must still be a port. Values that did not
        // parse are reported by their own parser and not checked again here.
        private void CheckLastPort(CommandResult result)
        {
            if (TryGiven(result, _port, DefaultPort, 0, 65535, out int port)
                && TryGiven(result, _devices, 1, 1, PcSettings.MaxDevices, out int devices)
                && port != 0 && port + devices - 1 > 65535)
            {
                result.AddError($"--port {port} leaves no room for {devices} devices on consecutive ports: the last one would be {port + devices - 1}, above 65535.");
            }
        }

        // The value given for option (or its default) when it is in range, read from its token without its parser.
        private static bool TryGiven(CommandResult result, Option<int> option, int defaultValue, int min, int max, out int value)
        {
            OptionResult given = result.GetResult(option);
            if (given == null || given.Implicit)
            {
                value = defaultValue;
                return true;
            }

            value = 0;
            return given.Tokens.Count == 1
                && int.TryParse(given.Tokens[0].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)
                && value >= min && value <= max;
        }

        // Hundredths of a degree, rounded half away from zero as a PUT's payload is.
        private static int ToHundredths(decimal degrees) =>
            (int)Math.Round(degrees * 100m, MidpointRounding.AwayFromZero);

        private static Option<int> IntOption(string name, string helpName, int defaultValue, int min, int max, string description) =>
            new Option<int>(name)
            {
                HelpName = helpName,
                Description = $"{description} ({min} to {max})",
                DefaultValueFactory = _ => defaultValue,
                CustomParser = result => ParseInt(result, name, min, max),
            };

        private static Option<decimal> DecimalOption(string name, string helpName, decimal defaultValue, decimal min, decimal max, string description) =>
            new Option<decimal>(name)
            {
                HelpName = helpName,
                Description = $"{description} ({Invariant(min)} to {Invariant(max)})",
                DefaultValueFactory = _ => defaultValue,
                CustomParser = result => ParseDecimal(result, name, min, max),
            };

        private static int ParseInt(ArgumentResult result, string name, int min, int max)
        {
            string text = Token(result);
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max)
            {
                return value;
            }

            result.AddError(min == int.MinValue
                ? $"{name} must be a whole number, not '{text}'."
                : $"{name} must be a whole number from {min} to {max}, not '{text}'.");
            return 0;
        }

        private static decimal ParseDecimal(ArgumentResult result, string name, decimal min, decimal max)
        {
            string text = Token(result);
            if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal value)
                && value >= min && value <= max)
            {
                return value;
            }

            result.AddError($"{name} must be a number from {Invariant(min)} to {Invariant(max)} (a dot for decimals), not '{text}'.");
            return 0m;
        }

        private static IPAddress ParseAddress(ArgumentResult result)
        {
            string text = Token(result);
            // Written out in full: IPAddress.TryParse also takes "1" as 0.0.0.1 and "127.1" as 127.0.0.1.
            bool fullForm = text.Contains(':') || text.Split('.').Length == 4;
            if (fullForm && IPAddress.TryParse(text, out IPAddress address))
            {
                return address;
            }

            result.AddError($"--bind must be an IPv4 or IPv6 address such as :: or 127.0.0.1, not '{text}'.");
            return null;
        }

        private static string ParseWritePolicy(ArgumentResult result)
        {
            string text = Token(result);
            try
            {
                CoapWritePolicy.Parse(text, new SocketAddressReader());
                return text;
            }
            catch (ArgumentException e)
            {
                result.AddError($"--allow-writes must be none, all, or addresses and subnets separated by commas such as 192.168.1.0/24,::1: {e.Message}.");
                return null;
            }
        }

        private static string ParseName(ArgumentResult result)
        {
            string text = Token(result);
            if (DeviceName.IsValid(text))
            {
                return text;
            }

            result.AddError($"--name must be 1 to {DeviceName.MaxLength} letters, digits, '-', '_' or '.', not '{text}'.");
            return null;
        }

        // coap://host[:port][/path]: no query, fragment or user.
        private static Uri ParseDirectory(ArgumentResult result)
        {
            string text = Token(result);
            if (Uri.TryCreate(text, UriKind.Absolute, out Uri uri) && uri.Scheme == "coap" && uri.Host.Length > 0
                && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0)
            {
                return uri;
            }

            result.AddError($"--rd must be a coap:// URI such as coap://192.168.1.2 or coap://[fd00::2]:5683/rd, not '{text}'.");
            return null;
        }

        private static string Token(ArgumentResult result) => result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;

        private static string Invariant(decimal value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
