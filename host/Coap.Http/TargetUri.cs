using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Coap.Http
{
    /// <summary>
    /// Reads the Target CoAP URI of a request to the proxy (RFC 8075 §5) and decomposes it into the
    /// CoAP request's host, port, Uri-Path and Uri-Query (RFC 7252 §6.4). Every percent-encoding is
    /// resolved exactly once (RFC 7252 §6). Bad input gives a failed <see cref="TargetUriResult"/>,
    /// never an exception.
    /// </summary>
    public static class TargetUri
    {
        /// <summary>The query parameter of the query form, "?target_uri={+tu}" (RFC 8075 §5.4.1, example 1).</summary>
        public const string QueryParameter = "target_uri";

        private const int MaxOptionLength = 255;   // Uri-Path and Uri-Query values are 0-255 bytes (RFC 7252 §5.10)

        /// <summary>
        /// Reads the target from the raw path and query of a request to the proxy (as sent, not decoded:
        /// in ASP.NET Core, IHttpRequestFeature.RawTarget), in either form:
        /// <list type="bullet">
        /// <item>the default mapping (RFC 8075 §5.3): <c>/hc/coap://[::1]:5683/temp?x=1</c>, the target appended
        /// as it is, IPv6 brackets percent-encoded or not (§5.3.2: %5B and %5D are decoded, nothing else);</item>
        /// <item>the query form (RFC 8075 §5.4.1): <c>/hc/?target_uri=coap%3A%2F%2F...</c>, percent-encoded (decoded
        /// once; the value ends at the next "&amp;"), or verbatim as the template {+tu} expands it (the rest of the
        /// query is the target's).</item>
        /// </list>
        /// Either way a target whose scheme delimiter is percent-encoded ("coap%3A...") was encoded as a whole
        /// and is decoded once.
        /// </summary>
        /// <param name="rawPathAndQuery">The request target in origin form, e.g. "/hc/coap://%5B::1%5D/temp".</param>
        /// <param name="proxyPath">The HC Proxy URI's path (RFC 8075 §5.1), ending with "/".</param>
        public static TargetUriResult FromRequestTarget(string? rawPathAndQuery, string proxyPath = "/hc/")
        {
            if (string.IsNullOrEmpty(proxyPath) || proxyPath[proxyPath.Length - 1] != '/')
            {
                throw new ArgumentException("the proxy path must end with '/'", nameof(proxyPath));
            }

            if (rawPathAndQuery == null || !rawPathAndQuery.StartsWith(proxyPath, StringComparison.Ordinal))
            {
                return TargetUriResult.Malformed("no Target CoAP URI: request " + proxyPath + "coap://host/path or " + proxyPath + "?" + QueryParameter + "=<coap URI>");
            }

            string rest = rawPathAndQuery.Substring(proxyPath.Length);
            if (rest.Length == 0)
            {
                return TargetUriResult.Malformed("no Target CoAP URI after " + proxyPath + " (RFC 8075 §5.3): request " + proxyPath + "coap://host/path");
            }

            if (rest[0] == '?')
            {
                return FromQuery(rest.Substring(1));
            }

            return Parse(IsEncodedWhole(rest) ? Decode(rest) : DecodeBrackets(rest));
        }

        /// <summary>
        /// Reads an absolute CoAP URI (RFC 7252 §6.1), e.g. "coap://[::1]:5683/temp?x=1". "coaps" is refused as
        /// unsupported (no DTLS here, RFC 8075 §10.3: 501); any other scheme, a missing host, userinfo, a fragment,
        /// a bad port or bad percent-encoding is malformed (400).
        /// </summary>
        public static TargetUriResult Parse(string? coapUri)
        {
            if (string.IsNullOrEmpty(coapUri))
            {
                return TargetUriResult.Malformed("the Target CoAP URI is empty");
            }

            foreach (char c in coapUri)
            {
                if (c <= ' ' || c >= 0x7F || "\"<>\\^`{|}".IndexOf(c) >= 0)
                {
                    return TargetUriResult.Malformed("the Target CoAP URI has a character a URI cannot hold (RFC 3986 §2): percent-encode it");
                }
            }

            int colon = coapUri.IndexOf(':');
            int firstSlash = coapUri.IndexOf('/');
            if (colon <= 0 || (firstSlash >= 0 && firstSlash < colon) || !IsScheme(coapUri.Substring(0, colon)))
            {
                // RFC 8075 §5.3.1: a target without its scheme is a client error.
                return TargetUriResult.Malformed("the Target CoAP URI has no scheme: write it as coap://host[:port]/path");
            }

            string scheme = coapUri.Substring(0, colon).ToLowerInvariant();
            if (scheme == "coaps")
            {
                return TargetUriResult.Unsupported("coaps (CoAP over DTLS) is not supported by this proxy: use a coap:// target");
            }

            if (scheme != "coap")
            {
                return TargetUriResult.Malformed("the target's scheme is '" + scheme + "', not coap (RFC 8075 §5.1)");
            }

            string afterScheme = coapUri.Substring(colon + 1);
            if (!afterScheme.StartsWith("//", StringComparison.Ordinal))
            {
                // RFC 7252 §6.1: a missing authority makes the URI invalid. A merged "//" is a common cause.
                return TargetUriResult.Malformed("the Target CoAP URI has no host: write coap://host/path with two slashes (percent-encode them if something on the way merges them)");
            }

            if (afterScheme.IndexOf('#') >= 0)
            {
                return TargetUriResult.Malformed("the Target CoAP URI has a fragment (#), which CoAP requests cannot carry (RFC 7252 §6.4)");
            }

            string hierarchy = afterScheme.Substring(2);
            int authorityEnd = IndexOfAny(hierarchy, '/', '?');
            string authority = authorityEnd < 0 ? hierarchy : hierarchy.Substring(0, authorityEnd);
            string pathAndQuery = authorityEnd < 0 ? string.Empty : hierarchy.Substring(authorityEnd);
            int questionMark = pathAndQuery.IndexOf('?');
            string path = questionMark < 0 ? pathAndQuery : pathAndQuery.Substring(0, questionMark);
            string? query = questionMark < 0 ? null : pathAndQuery.Substring(questionMark + 1);

            string? error = ReadAuthority(authority, out string host, out IPAddress? address, out int port);
            if (error != null)
            {
                return TargetUriResult.Malformed(error);
            }

            var segments = new List<string>();
            foreach (string raw in RemoveDotSegments(path))
            {
                error = DecodeOptionValue(raw, "path segment", out string segment);
                if (error != null)
                {
                    return TargetUriResult.Malformed(error);
                }

                segments.Add(segment);
            }

            var arguments = new List<string>();
            if (!string.IsNullOrEmpty(query))
            {
                foreach (string raw in query.Split('&'))
                {
                    error = DecodeOptionValue(raw, "query argument", out string argument);
                    if (error != null)
                    {
                        return TargetUriResult.Malformed(error);
                    }

                    arguments.Add(argument);
                }
            }

            return TargetUriResult.Ok(new CoapTarget(host, address, port, segments, arguments));
        }

        // The query form: "target_uri=<value>" among the proxy URI's query parameters.
        private static TargetUriResult FromQuery(string query)
        {
            string prefix = QueryParameter + "=";
            int start = -1;
            int position = 0;
            while (position <= query.Length)
            {
                int end = query.IndexOf('&', position);
                if (end < 0)
                {
                    end = query.Length;
                }

                if (string.CompareOrdinal(query, position, prefix, 0, prefix.Length) == 0)
                {
                    start = position + prefix.Length;
                    break;
                }

                position = end + 1;
            }

            if (start < 0)
            {
                return TargetUriResult.Malformed("no " + QueryParameter + " parameter: request ?" + QueryParameter + "=<percent-encoded coap URI>");
            }

            string value = query.Substring(start);
            if (IsEncodedWhole(value))
            {
                int ampersand = value.IndexOf('&');
                return Parse(Decode(ampersand < 0 ? value : value.Substring(0, ampersand)));
            }

            // Verbatim, as {+tu} expands: everything after "target_uri=" is the target, its own query included.
            return Parse(DecodeBrackets(value));
        }

        // True when the scheme's ':' is percent-encoded: the whole URI was encoded once ("coap%3A%2F%2F...").
        private static bool IsEncodedWhole(string text)
        {
            int percent = text.IndexOf("%3A", StringComparison.OrdinalIgnoreCase);
            int colon = text.IndexOf(':');
            return percent > 0 && (colon < 0 || percent < colon) && IsScheme(text.Substring(0, percent));
        }

        // One percent-decoding of the whole text; invalid escapes are left for Parse to reject.
        private static string Decode(string text)
        {
            try
            {
                return Uri.UnescapeDataString(text);
            }
            catch (UriFormatException)
            {
                return text;
            }
        }

        // RFC 8075 §5.3.2: the IPv6 brackets are percent-encoded in the hosting URI and decoded by the proxy.
        private static string DecodeBrackets(string text)
        {
            return text.Replace("%5B", "[", StringComparison.OrdinalIgnoreCase).Replace("%5D", "]", StringComparison.OrdinalIgnoreCase);
        }

        private static bool IsScheme(string text)
        {
            // RFC 3986 §3.1: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
            if (text.Length == 0 || !IsAsciiLetter(text[0]))
            {
                return false;
            }

            foreach (char c in text)
            {
                if (!IsAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.')
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

        private static int IndexOfAny(string text, char a, char b)
        {
            int i = text.IndexOf(a);
            int j = text.IndexOf(b);
            return i < 0 ? j : (j < 0 ? i : Math.Min(i, j));
        }

        // authority = host [ ":" port ] (RFC 7252 §6.1: no userinfo). Returns an error or null.
        private static string? ReadAuthority(string authority, out string host, out IPAddress? address, out int port)
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
                bool allowed = IsAsciiLetter(c) || (c >= '0' && c <= '9') || "-._~%!$&'()*+,;=".IndexOf(c) >= 0;
                if (!allowed)
                {
                    return "'" + name + "' is not a host name";
                }
            }

            string? error = DecodeOptionValue(name, "host", out string decoded);
            if (error != null)
            {
                return error;
            }

            host = decoded.ToLowerInvariant();
            return null;
        }

        // RFC 3986 §5.2.4 remove_dot_segments over the raw segments of an absolute path (RFC 7252 §6.4 step 2),
        // then the segments of step 8: none for "" or "/".
        private static List<string> RemoveDotSegments(string path)
        {
            var output = new List<string>();
            if (path.Length <= 1)
            {
                return output;
            }

            string[] input = path.Substring(1).Split('/');
            for (int i = 0; i < input.Length; i++)
            {
                bool last = i == input.Length - 1;
                if (input[i] == "." || input[i] == "..")
                {
                    if (input[i] == ".." && output.Count > 0)
                    {
                        output.RemoveAt(output.Count - 1);
                    }

                    if (last)
                    {
                        output.Add(string.Empty);   // "/a/." is "/a/"
                    }
                }
                else
                {
                    output.Add(input[i]);
                }
            }

            if (output.Count == 1 && output[0].Length == 0)
            {
                output.Clear();                     // "/" again: no Uri-Path
            }

            return output;
        }

        // Percent-decodes one option value to UTF-8 text; returns an error for a bad escape, bad UTF-8 or over 255 bytes.
        private static string? DecodeOptionValue(string raw, string what, out string value)
        {
            value = string.Empty;
            var bytes = new List<byte>(raw.Length);
            for (int i = 0; i < raw.Length; i++)
            {
                char c = raw[i];
                if (c == '%')
                {
                    if (i + 2 >= raw.Length || !IsHex(raw[i + 1]) || !IsHex(raw[i + 2]))
                    {
                        return "bad percent-encoding in the target's " + what + " '" + raw + "'";
                    }

                    bytes.Add(byte.Parse(raw.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 2;
                }
                else
                {
                    bytes.Add((byte)c);
                }
            }

            if (bytes.Count > MaxOptionLength)
            {
                return "the target's " + what + " is longer than 255 bytes (RFC 7252 §5.10)";
            }

            try
            {
                value = new UTF8Encoding(false, true).GetString(bytes.ToArray());
            }
            catch (DecoderFallbackException)
            {
                return "the target's " + what + " '" + raw + "' is not UTF-8 once decoded";
            }

            return null;
        }

        private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
