using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.IO;

namespace ThermoDev.Gateway.Mqtt
{
    /// <summary>
    /// The MQTT options of the command line: --mqtt, --mqtt-username, --mqtt-password-file (the secret
    /// stays off the command line, where any user of the machine could read it), --mqtt-prefix and
    /// --mqtt-discovery-prefix. The others need --mqtt.
    /// </summary>
    public sealed class MqttOptions
    {
        private readonly Option<MqttSettings?> _broker = new Option<MqttSettings?>("--mqtt")
        {
            HelpName = "uri",
            Description = "Publish every device to this MQTT broker, with Home Assistant discovery: mqtt://host[:port] (port 1883) or mqtts://host[:port] (TLS, port 8883)",
            CustomParser = ParseBroker,
        };

        private readonly Option<string?> _username = new Option<string?>("--mqtt-username")
        {
            HelpName = "name",
            Description = "The user name the gateway gives the MQTT broker",
        };

        private readonly Option<string?> _passwordFile = new Option<string?>("--mqtt-password-file")
        {
            HelpName = "file",
            Description = "A file whose first line is the MQTT password (kept off the command line)",
            CustomParser = ParsePasswordFile,
        };

        private readonly Option<string?> _prefix = new Option<string?>("--mqtt-prefix")
        {
            HelpName = "prefix",
            Description = $"The first level(s) of this gateway's MQTT topics (default {MqttSettings.DefaultPrefix}); distinct for each gateway sharing a broker",
            CustomParser = result => ParsePrefix(result, "--mqtt-prefix"),
        };

        private readonly Option<string?> _discoveryPrefix = new Option<string?>("--mqtt-discovery-prefix")
        {
            HelpName = "prefix",
            Description = $"Home Assistant's MQTT discovery prefix (default {MqttSettings.DefaultDiscoveryPrefix})",
            CustomParser = result => ParsePrefix(result, "--mqtt-discovery-prefix"),
        };

        /// <summary>The options, to add to the root command.</summary>
        public IEnumerable<Option> All => new Option[] { _broker, _username, _passwordFile, _prefix, _discoveryPrefix };

        /// <summary>An error when an MQTT option is given without --mqtt; add it to the root command's validators.</summary>
        public void Validate(CommandResult result)
        {
            ArgumentNullException.ThrowIfNull(result);
            if (result.GetResult(_broker) == null)
            {
                foreach (Option option in new Option[] { _username, _passwordFile, _prefix, _discoveryPrefix })
                {
                    if (result.GetResult(option) != null)
                    {
                        result.AddError($"{option.Name} needs --mqtt.");
                        return;
                    }
                }
            }
        }

        /// <summary>The MQTT settings of a command line that parsed, or null without --mqtt.</summary>
        public MqttSettings? Read(ParseResult parsed)
        {
            ArgumentNullException.ThrowIfNull(parsed);
            MqttSettings? broker = parsed.GetValue(_broker);
            return broker == null
                ? null
                : broker with
                {
                    Username = parsed.GetValue(_username),
                    Password = parsed.GetValue(_passwordFile),
                    Prefix = parsed.GetValue(_prefix) ?? MqttSettings.DefaultPrefix,
                    DiscoveryPrefix = parsed.GetValue(_discoveryPrefix) ?? MqttSettings.DefaultDiscoveryPrefix,
                };
        }

        private static MqttSettings? ParseBroker(ArgumentResult result)
        {
            MqttSettings? settings = MqttSettings.TryParseBroker(result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty, out string error);
            if (settings == null)
            {
                result.AddError(error);
            }

            return settings;
        }

        private static string? ParsePasswordFile(ArgumentResult result)
        {
            string path = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            try
            {
                using var reader = new StreamReader(path);
                string? password = reader.ReadLine();
                if (string.IsNullOrEmpty(password))
                {
                    result.AddError($"--mqtt-password-file: {path} is empty: its first line is the password.");
                    return null;
                }

                return password;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                result.AddError($"--mqtt-password-file: cannot read {path}: {e.Message}");
                return null;
            }
        }

        private static string? ParsePrefix(ArgumentResult result, string name)
        {
            string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (!MqttSettings.IsValidPrefix(text))
            {
                result.AddError($"{name} must be topic levels of letters, digits, '_' and '-' separated by '/' (at most 64 characters, no wildcards), not '{text}'.");
                return null;
            }

            return text;
        }
    }
}
