using System;
using System.Collections.Generic;
using System.Net;

namespace Coap.Http
{
    /// <summary>
    /// The targets the proxy may reach: the configured devices, by host and port. Anything else is
    /// forbidden (403), so the proxy is never an open proxy (RFC 8075 §10.4: deny by default, allow
    /// what is listed), and multicast is never allowed (RFC 8075 §8.4, §10.4).
    /// </summary>
    public sealed class TargetPolicy
    {
        private readonly List<CoapTarget> allowed;

        /// <summary>Allows the host and port of each device (their paths do not matter).</summary>
        public TargetPolicy(IEnumerable<CoapTarget> devices)
        {
            ArgumentNullException.ThrowIfNull(devices);
            allowed = new List<CoapTarget>(devices);
        }

        /// <summary>
        /// Allows the devices given as coap URIs (configuration, read at start-up); throws
        /// <see cref="ArgumentException"/> naming a URI that is not a usable coap URI.
        /// </summary>
        public static TargetPolicy FromUris(IEnumerable<string> deviceUris)
        {
            ArgumentNullException.ThrowIfNull(deviceUris);
            var devices = new List<CoapTarget>();
            foreach (string uri in deviceUris)
            {
                TargetUriResult parsed = TargetUri.Parse(uri);
                if (parsed.Target == null)
                {
                    throw new ArgumentException("device URI '" + uri + "': " + parsed.Error, nameof(deviceUris));
                }

                devices.Add(parsed.Target);
            }

            return new TargetPolicy(devices);
        }

        /// <summary>The allowed devices.</summary>
        public IReadOnlyList<CoapTarget> Devices => allowed;

        /// <summary>True when the target's host and port are those of a configured device and the host is not multicast.</summary>
        public bool IsAllowed(CoapTarget target)
        {
            ArgumentNullException.ThrowIfNull(target);
            if (target.Address != null && IsMulticast(Normalize(target.Address)))
            {
                return false;
            }

            foreach (CoapTarget device in allowed)
            {
                if (SameServer(device, target))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when two targets name the same CoAP server: the same port, and the same address (an
        /// IPv4-mapped IPv6 address is its IPv4 address; 127.0.0.1 and ::1 differ) or the same name
        /// (case-insensitive, a trailing dot ignored, RFC 7252 §6.3). A name never equals an address:
        /// nothing is resolved here.
        /// </summary>
        public static bool SameServer(CoapTarget a, CoapTarget b)
        {
            ArgumentNullException.ThrowIfNull(a);
            ArgumentNullException.ThrowIfNull(b);
            if (a.Port != b.Port)
            {
                return false;
            }

            if (a.Address != null || b.Address != null)
            {
                return a.Address != null && b.Address != null && Normalize(a.Address).Equals(Normalize(b.Address));
            }

            return string.Equals(a.Host.TrimEnd('.'), b.Host.TrimEnd('.'), StringComparison.OrdinalIgnoreCase);
        }

        private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

        private static bool IsMulticast(IPAddress address)
        {
            if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                return address.IsIPv6Multicast;
            }

            byte first = address.GetAddressBytes()[0];
            return first >= 224 && first <= 239;
        }
    }
}
