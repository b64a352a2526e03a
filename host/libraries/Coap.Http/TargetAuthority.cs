using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Coap.Http
{
    /// <summary>The authority of a Target CoAP URI: host (IPv6 literal, IPv4 address or name) and port (RFC 7252 §6.1, RFC 3986 §3.2).</summary>
    internal static class TargetAuthority
    {
        // authority = host [ ":" port ] (RFC 7252 §6.1: no userinfo). Returns an error or null.
        internal static string? Read(string authority, out string host, out IPAddress? address, out int port)
        {
            host = string.Empty;
            address = null;
            port = CoapTarget.DefaultPort;
            if (authority.IndexOf('@') >= 0)
            {
                return "the Target CoAP URI has userinfo (user@host), which a coap URI cannot carry (RFC 7252 §6.1)";
            }

            string? portText;
            if (authority.StartsWith("[", StringComparison.Ordinal))
            {
                int close = authority.IndexOf(']');
                if (close < 0)
                {
                    return "the IPv6 address of the target has no closing ']'";
                }

                string literal = authority.Substring(1, close - 1);
                if (literal.Length > 0 && (literal[0] == 'v' || literal[0] == 'V'))
                {
                    return "IPvFuture addresses are not supported (RFC 3986 §3.2.2)";
                }

                literal = literal.Replace("%25", "%", StringComparison.Ordinal);   // RFC 6874 zone identifier
                if (!IPAddress.TryParse(literal, out IPAddress? v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
                {
                    return "'" + authority.Substring(0, close + 1) + "' is not an IPv6 address";
                }

                address = v6;
                host = v6.ToString();
                string after = authority.Substring(close + 1);
                if (after.Length > 0 && after[0] != ':')
                {
                    return "unexpected text after the IPv6 address of the target";
                }

                portText = after.Length > 0 ? after.Substring(1) : null;
            }
            else
            {
                int colon = authority.IndexOf(':');
                string name = colon < 0 ? authority : authority.Substring(0, colon);
                portText = colon < 0 ? null : authority.Substring(colon + 1);
                if (name.Length == 0)
                {
                    return "the Target CoAP URI has an empty host (RFC 7252 §6.1)";
                }

                if (IsDottedQuad(name))
                {
                    address = IPAddress.Parse(name);
                    host = address.ToString();
                }
                else
                {
                    string? error = DecodeRegName(name, out host);
                    if (error != null)
                    {
                        return error;
                    }
                }
            }

            // RFC 7252 §6.1: an empty or missing port means 5683.
            if (!string.IsNullOrEmpty(portText))
            {
                if (portText.Length > 5 || !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port < 1 || port > 65535)
                {
                    return "'" + portText + "' is not a UDP port (1-65535)";
                }
            }

            return null;
        }

        // IPv4address = dec-octet "." dec-octet "." dec-octet "." dec-octet (RFC 3986 §3.2.2), no leading zeros.
        private static bool IsDottedQuad(string text)
        {
            string[] parts = text.Split('.');
            if (parts.Length != 4)
            {
                return false;
            }

            foreach (string part in parts)
            {
                if (part.Length == 0 || part.Length > 3 || (part.Length > 1 && part[0] == '0'))
                {
                    return false;
                }

                foreach (char c in part)
                {
                    if (c < '0' || c > '9')
                    {
                        return false;
                    }
                }

                if (int.Parse(part, CultureInfo.InvariantCulture) > 255)
                {
                    return false;
                }
            }

            return true;
        }

        // reg-name = *( unreserved / pct-encoded / sub-delims ) (RFC 3986 §3.2.2), lowercased (RFC 7252 §6.3).
        private static string? DecodeRegName(string name, out string host)
        {
            host = string.Empty;
            foreach (char c in name)
            {
                bool allowed = TargetUri.IsAsciiLetter(c) || (c >= '0' && c <= '9') || "-._~%!$&'()*+,;=".IndexOf(c) >= 0;
                if (!allowed)
                {
                    return "'" + name + "' is not a host name";
                }
            }

            string? error = TargetPath.DecodeOptionValue(name, "host", out string decoded);
            if (error != null)
            {
                return error;
            }

            host = decoded.ToLowerInvariant();
            return null;
        }
    }
}
