using System;

namespace ThermoDev.Gateway.Mqtt
{
    /// <summary>
    /// Where and how the gateway publishes its devices over MQTT (--mqtt and the options after it): the
    /// broker (mqtt://host[:port], mqtts:// for TLS), the credentials, the gateway's own topic prefix and
    /// Home Assistant's discovery prefix.
    /// </summary>
    public sealed record MqttSettings
    {
        /// <summary>The gateway's topic prefix when none is given.</summary>
        public const string DefaultPrefix = "thermodev";

        /// <summary>Home Assistant's discovery prefix when none is given (its own default).</summary>
        public const string DefaultDiscoveryPrefix = "homeassistant";

        /// <summary>The port of mqtt:// when the URI names none.</summary>
        public const int DefaultPort = 1883;

        /// <summary>The port of mqtts:// when the URI names none.</summary>
        public const int DefaultTlsPort = 8883;

        /// <summary>The broker's host name or address.</summary>
        public required string Host { get; init; }

        /// <summary>The broker's TCP port.</summary>
        public int Port { get; init; } = DefaultPort;

        /// <summary>True for mqtts://: TLS, the broker's certificate checked against the system's trust store.</summary>
        public bool UseTls { get; init; }

        /// <summary>The user name, or null to connect without one.</summary>
        public string? Username { get; init; }

        /// <summary>The password (read from --mqtt-password-file), or null.</summary>
        public string? Password { get; init; }

        /// <summary>The first level of every topic of this gateway: state, availability, set, result.</summary>
        public string Prefix { get; init; } = DefaultPrefix;

        /// <summary>The first level of the Home Assistant discovery topics.</summary>
        public string DiscoveryPrefix { get; init; } = DefaultDiscoveryPrefix;

        /// <summary>The longest wait between two connection attempts.</summary>
        public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(30);

        /// <summary>The first wait after a failed attempt; doubled after each further one, up to <see cref="MaxReconnectDelay"/>.</summary>
        public TimeSpan MinReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

        /// <summary>The broker as a URI, for the log: mqtt://host:port (no credentials).</summary>
        public string BrokerText => (UseTls ? "mqtts://" : "mqtt://") + (Host.Contains(':', StringComparison.Ordinal) ? "[" + Host + "]" : Host) + ":" + Port;

        /// <summary>
        /// Reads "mqtt://host[:port]" or "mqtts://host[:port]" (nothing after the authority); null with an
        /// error otherwise.
        /// </summary>
        public static MqttSettings? TryParseBroker(string text, out string error)
        {
            error = string.Empty;
            if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) || (uri.Scheme != "mqtt" && uri.Scheme != "mqtts")
                || uri.Host.Length == 0 || !string.IsNullOrEmpty(uri.UserInfo) || (uri.AbsolutePath != "/" && uri.AbsolutePath.Length != 0)
                || uri.Query.Length != 0 || uri.Fragment.Length != 0)
            {
                error = $"--mqtt must be mqtt://host[:port] or mqtts://host[:port] (credentials with --mqtt-username and --mqtt-password-file), not '{text}'.";
                return null;
            }

            bool tls = uri.Scheme == "mqtts";
            return new MqttSettings
            {
                Host = uri.IdnHost.Trim('[', ']'),
                Port = uri.IsDefaultPort || uri.Port < 0 ? (tls ? DefaultTlsPort : DefaultPort) : uri.Port,
                UseTls = tls,
            };
        }

        /// <summary>True for a topic prefix: one or more levels of letters, digits, '_' and '-', separated by '/'.</summary>
        public static bool IsValidPrefix(string prefix)
        {
            if (string.IsNullOrEmpty(prefix) || prefix.Length > 64)
            {
                return false;
            }

            foreach (string level in prefix.Split('/'))
            {
                if (level.Length == 0)
                {
                    return false;
                }

                foreach (char c in level)
                {
                    if (!char.IsAsciiLetterOrDigit(c) && c != '_' && c != '-')
                    {
                        return false;
                    }
                }
            }

            return true;
        }
    }
}
