using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Linq;
using System.Net;
using Microsoft.Extensions.Configuration;
using ThermoDev.Gateway.Devices;
using ThermoDev.Gateway.Mqtt;

namespace ThermoDev.Gateway.Cli
{
    /// <summary>
    /// The gateway's command line. Each value is parsed and checked by its option's parser, so a bad
    /// value is a parse error reported with the usage. Options not given on the command line come from
    /// appsettings.json, section "Gateway" (<see cref="FileSettings"/>), then from the defaults.
    /// </summary>
    public sealed class GatewayCommandLine
    {
        /// <summary>Largest --demo count.</summary>
        public const int MaxDemoCount = 16;

        private readonly Option<DeviceAddress[]> _device = new Option<DeviceAddress[]>("--device")
        {
            HelpName = "name=coap-uri",
            Description = "A device to reach, e.g. kitchen=coap://[::1]:5683 (port 5683 and path /temp unless given); repeat for more",
            CustomParser = ParseDevices,
        };

        private readonly Option<DeviceOscore[]> _deviceOscore = new Option<DeviceOscore[]>("--device-oscore")
        {
            HelpName = "name=folder",
            Description = "Reach the device of that name with OSCORE (RFC 8613) under the client context in the folder (settings.json; "
                + "ThermoDev.Pc --oscore-new DIR writes it as DIR/client); repeat for more",
            CustomParser = ParseDeviceOscore,
        };

        private readonly Option<string> _urls = new Option<string>("--urls")
        {
            HelpName = "urls",
            Description = $"HTTP address(es) to listen on, separated by ';' (default {GatewaySettings.DefaultUrls}: this machine only)",
        };

        private readonly Option<bool> _readOnly = new Option<bool>("--read-only")
        {
            Description = "Refuse writes: PUT /api/... and PUT/POST/DELETE through /hc get 403",
        };

        private readonly Option<int?> _demo = new Option<int?>("--demo")
        {
            HelpName = "count",
            Description = $"Start <count> simulated ThermoDevs in this process (default {GatewaySettings.DefaultDemoCount}, 1 to {MaxDemoCount}) on [::1] and use them as the devices",
            Arity = ArgumentArity.ZeroOrOne,
            CustomParser = ParseDemoCount,
        };

        private readonly Option<int?> _demoPort = new Option<int?>("--demo-port")
        {
            HelpName = "port",
            Description = $"First UDP port of the simulated devices, the next ones consecutive (default {DeviceAddress.DefaultPort}; 0 = free ports)",
            CustomParser = result => ParseInt(result, "--demo-port", 0, 65535),
        };

        private readonly Option<decimal?> _coapTimeout = new Option<decimal?>("--coap-timeout")
        {
            HelpName = "seconds",
            Description = "Seconds to wait for a device's answer before answering 504 Gateway Timeout (default 5, 0.1 to 600)",
            CustomParser = result => ParseSeconds(result, "--coap-timeout"),
        };

        private readonly Option<decimal?> _statusInterval = new Option<decimal?>("--status-interval")
        {
            HelpName = "seconds",
            Description = "Seconds between two reads of each device's /status (default 30, 0.1 to 600)",
            CustomParser = result => ParseSeconds(result, "--status-interval"),
        };

        private readonly Option<IPEndPoint?> _rdListen = new Option<IPEndPoint?>("--rd-listen")
        {
            HelpName = "[address:]port",
            Description = "Serve a CoRE Resource Directory (RFC 9176) on this UDP port, e.g. 5683, 127.0.0.1:5683 or [::1]:5683 (a port alone: every address); each endpoint that registers a /temp becomes a device",
            CustomParser = ParseListen,
        };

        private readonly Option<int?> _rdCapacity = new Option<int?>("--rd-capacity")
        {
            HelpName = "count",
            Description = $"How many endpoints the Resource Directory keeps registered at once (default {GatewaySettings.DefaultRdCapacity}, 1 to {GatewaySettings.MaxRdCapacity})",
            CustomParser = result => ParseInt(result, "--rd-capacity", 1, GatewaySettings.MaxRdCapacity),
        };

        private readonly Option<string?> _discover = new Option<string?>("--discover")
        {
            HelpName = "interface",
            Description = "Find devices by a multicast GET /.well-known/core to All-CoAP-Nodes (224.0.1.187, ff02::fd) on this network interface, e.g. eth0, every --discover-interval",
        };

        private readonly Option<decimal?> _discoverInterval = new Option<decimal?>("--discover-interval")
        {
            HelpName = "seconds",
            Description = "Seconds between two multicast discoveries (default 60, 0.1 to 600)",
            CustomParser = result => ParseSeconds(result, "--discover-interval"),
        };

        private readonly MqttOptions _mqtt = new MqttOptions();

        /// <summary>Creates the options and the root command that holds them.</summary>
        public GatewayCommandLine()
        {
            Root = new RootCommand("The ThermoDev gateway: HTTP, Server-Sent Events and Prometheus metrics for ThermoDevs reached over CoAP, and an RFC 8075 HTTP-to-CoAP proxy for them.")
            {
                _device, _deviceOscore, _urls, _readOnly, _demo, _demoPort, _coapTimeout, _statusInterval, _rdListen, _rdCapacity, _discover, _discoverInterval,
            };

            // A context for a device the command line does not name (when it names devices) is a usage error too.
            Root.Validators.Add(command =>
            {
                if (command.GetResult(_device) is not { Implicit: false } || command.GetResult(_deviceOscore) is not { Implicit: false })
                {
                    return;
                }

                DeviceAddress[] devices;
                DeviceOscore[] contexts;
                try
                {
                    devices = command.GetValue(_device)!;
                    contexts = command.GetValue(_deviceOscore)!;
                }
                catch (InvalidOperationException)
                {
                    // An option with an error of its own has no value; that error is the one reported.
                    return;
                }

                DeviceOscore.CheckDevices(contexts, devices, command.AddError);
            });

            foreach (Option option in _mqtt.All)
            {
                Root.Options.Add(option);
            }

            Root.Validators.Add(_mqtt.Validate);
        }

        /// <summary>The command; give it an action, then parse.</summary>
        public RootCommand Root { get; }

        /// <summary>
        /// The settings of a command line that parsed, completed from <paramref name="configuration"/>'s
        /// "Gateway" section. Throws <see cref="FormatException"/> for a bad value in the file.
        /// </summary>
        public GatewaySettings Read(ParseResult parsed, IConfiguration configuration)
        {
            ArgumentNullException.ThrowIfNull(parsed);
            ArgumentNullException.ThrowIfNull(configuration);
            FileSettings file = FileSettings.Read(configuration);
            bool demoGiven = Given(parsed, _demo);
            IReadOnlyList<DeviceAddress> devices = Given(parsed, _device) ? parsed.GetValue(_device)! : file.Devices;
            IReadOnlyList<DeviceOscore> oscore = Given(parsed, _deviceOscore) ? parsed.GetValue(_deviceOscore)! : file.DeviceOscore;
            DeviceOscore.CheckDevices(oscore, devices, error => throw new FormatException(error));
            return new GatewaySettings
            {
                Devices = devices,
                Oscore = DeviceOscore.ByDevice(oscore),
                Urls = parsed.GetValue(_urls) ?? file.Urls ?? configuration["urls"] ?? GatewaySettings.DefaultUrls,
                ReadOnly = Given(parsed, _readOnly) ? parsed.GetValue(_readOnly) : file.ReadOnly,
                DemoCount = demoGiven ? parsed.GetValue(_demo) : file.Demo,
                DemoPort = parsed.GetValue(_demoPort) ?? file.DemoPort ?? DeviceAddress.DefaultPort,
                CoapTimeout = TimeSpan.FromSeconds((double)(parsed.GetValue(_coapTimeout) ?? file.CoapTimeoutSeconds ?? 5m)),
                StatusInterval = TimeSpan.FromSeconds((double)(parsed.GetValue(_statusInterval) ?? file.StatusIntervalSeconds
                    ?? (decimal)GatewaySettings.DefaultStatusInterval.TotalSeconds)),
                RdListen = parsed.GetValue(_rdListen),
                RdCapacity = parsed.GetValue(_rdCapacity) ?? GatewaySettings.DefaultRdCapacity,
                Discover = parsed.GetValue(_discover),
                DiscoverInterval = TimeSpan.FromSeconds((double)(parsed.GetValue(_discoverInterval) ?? (decimal)GatewaySettings.DefaultDiscoverInterval.TotalSeconds)),
                Mqtt = _mqtt.Read(parsed),
            };
        }

        // On the command line itself, not a default filled in by the parser.
        private static bool Given(ParseResult parsed, Option option) => parsed.GetResult(option) is { Implicit: false };

        private static DeviceAddress[] ParseDevices(ArgumentResult result)
        {
            var devices = new List<DeviceAddress>();
            foreach (Token token in result.Tokens)
            {
                if (!DeviceAddress.TryParse(token.Value, out DeviceAddress? device, out string error))
                {
                    result.AddError($"--device: {error}.");
                    return Array.Empty<DeviceAddress>();
                }

                devices.Add(device!);
            }

            if (devices.Select(d => d.Name).Distinct(StringComparer.Ordinal).Count() != devices.Count)
            {
                result.AddError("--device: each device needs a name of its own.");
            }

            return devices.ToArray();
        }

        private static DeviceOscore[] ParseDeviceOscore(ArgumentResult result)
        {
            var contexts = new List<DeviceOscore>();
            foreach (Token token in result.Tokens)
            {
                if (!DeviceOscore.TryParse(token.Value, out DeviceOscore? context, out string error))
                {
                    result.AddError($"--device-oscore: {error}.");
                    return Array.Empty<DeviceOscore>();
                }

                contexts.Add(context!);
            }

            if (contexts.Select(c => c.Device).Distinct(StringComparer.Ordinal).Count() != contexts.Count)
            {
                result.AddError("--device-oscore: one context per device.");
            }

            return contexts.ToArray();
        }

        /// <summary>"5683" (every address, IPv4 and IPv6), "127.0.0.1:5683", "[::1]:5683"; null with an error otherwise.</summary>
        public static IPEndPoint? ParseListenText(string text, out string error)
        {
            error = string.Empty;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port <= 65535)
            {
                return new IPEndPoint(IPAddress.IPv6Any, port);
            }

            if (IPEndPoint.TryParse(text, out IPEndPoint? endPoint) && text.LastIndexOf(':') > text.LastIndexOf(']') && endPoint.Port <= 65535
                && (text.Contains('.', StringComparison.Ordinal) || text.StartsWith('[')))
            {
                return endPoint;
            }

            error = $"--rd-listen must be a UDP port (0 to 65535) or address:port (127.0.0.1:5683, [::1]:5683), not '{text}'.";
            return null;
        }

        private static IPEndPoint? ParseListen(ArgumentResult result)
        {
            IPEndPoint? endPoint = ParseListenText(result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty, out string error);
            if (endPoint == null)
            {
                result.AddError(error);
            }

            return endPoint;
        }

        private static int? ParseDemoCount(ArgumentResult result) =>
            result.Tokens.Count == 0 ? GatewaySettings.DefaultDemoCount : ParseInt(result, "--demo", 1, MaxDemoCount);

        private static int? ParseInt(ArgumentResult result, string name, int min, int max)
        {
            string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max)
            {
                return value;
            }

            result.AddError($"{name} must be a whole number from {min} to {max}, not '{text}'.");
            return null;
        }

        private static decimal? ParseSeconds(ArgumentResult result, string name)
        {
            string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (FileSettings.TryParseSeconds(text, out decimal seconds))
            {
                return seconds;
            }

            result.AddError($"{name} must be a number of seconds from 0.1 to 600 (a dot for decimals), not '{text}'.");
            return null;
        }
    }
}
