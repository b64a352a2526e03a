using System;
using System.Globalization;
using System.Text.RegularExpressions;
using Coap.Http;

namespace ThermoDev.Gateway.Devices
{
    /// <summary>
    /// A configured device: its name and the coap:// URI of the resource the gateway observes, as given
    /// by <c>--device kitchen=coap://[::1]:5683</c>. The port defaults to 5683 (RFC 7252 §6.1), the path to /temp.
    /// </summary>
    public sealed partial class DeviceAddress
    {
        /// <summary>The port RFC 7252 §6.1 assigns to coap://.</summary>
        public const int DefaultPort = 5683;

        /// <summary>The path observed when the URI names none.</summary>
        public const string DefaultPath = "/temp";

        private DeviceAddress(string name, string host, int port, string path)
        {
            Name = name;
            Host = host;
            Port = port;
            Path = path;
        }

        /// <summary>The device's name: [a-z0-9][a-z0-9-]{0,31}.</summary>
        public string Name { get; }

        /// <summary>The host as the URI writes it, without brackets: "::1", "127.0.0.1", "sensor.local".</summary>
        public string Host { get; }

        /// <summary>The UDP port.</summary>
        public int Port { get; }

        /// <summary>The observed path, starting with '/'.</summary>
        public string Path { get; }

        /// <summary>The full URI, normalised: coap://[::1]:5683/temp.</summary>
        public string Uri => $"coap://{UriHost}:{Port.ToString(CultureInfo.InvariantCulture)}{Path}";

        /// <summary>The host as a URI writes it: [::1] for IPv6, else as is.</summary>
        public string UriHost => Host.Contains(':', StringComparison.Ordinal) ? "[" + Host + "]" : Host;

        /// <summary>True when <paramref name="name"/> is a valid device name.</summary>
        public static bool IsValidName(string name) => name != null && NamePattern().IsMatch(name);

        /// <summary>Reads "name=coap-uri"; false with the reason in <paramref name="error"/> when it is not one.</summary>
        public static bool TryParse(string text, out DeviceAddress? address, out string error)
        {
            address = null;
            int equals = text?.IndexOf('=', StringComparison.Ordinal) ?? -1;
            if (text == null || equals < 0)
            {
                error = $"'{text}' is not name=coap-uri (e.g. kitchen=coap://[::1]:5683)";
                return false;
            }

            return TryCreate(text.Substring(0, equals), text.Substring(equals + 1), out address, out error);
        }

        /// <summary>A device named <paramref name="name"/> at <paramref name="uri"/>; false with the reason when either is not valid.</summary>
        public static bool TryCreate(string name, string uri, out DeviceAddress? address, out string error)
        {
            address = null;
            if (!IsValidName(name))
            {
                error = $"device name '{name}' must match [a-z0-9][a-z0-9-]{{0,31}}";
                return false;
            }

            // The same reading of a coap URI as the proxy's (Coap.Http, RFC 7252 §6.4), so every device is a /hc target.
            TargetUriResult parsed = TargetUri.Parse(uri);
            if (parsed.Target is not CoapTarget target)
            {
                error = $"device {name}: '{uri}' is not a coap://host[:port][/path] URI: {parsed.Error}";
                return false;
            }

            if (target.QueryArguments.Count > 0)
            {
                error = $"device {name}: '{uri}' may name a host, a port and a path only";
                return false;
            }

            string path = target.PathSegments.Count == 0 ? DefaultPath : target.Path;
            address = new DeviceAddress(name, target.Host, target.Port, path);
            error = string.Empty;
            return true;
        }

        /// <inheritdoc/>
        public override string ToString() => $"{Name}={Uri}";

        [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,31}$", RegexOptions.CultureInvariant)]
        private static partial Regex NamePattern();
    }
}
