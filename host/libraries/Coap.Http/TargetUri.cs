using System;
using System.Collections.Generic;
using System.Net;

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

            return Parse(IsEncodedWhole(rest) ? Decode(rest) : DecodeBrackets(DecodeAuthoritySlashes(rest)));
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

            string? error = TargetAuthority.Read(authority, out string host, out IPAddress? address, out int port);
            if (error != null)
            {
                return TargetUriResult.Malformed(error);
            }

            var segments = new List<string>();
            foreach (string raw in TargetPath.RemoveDotSegments(path))
            {
                error = TargetPath.DecodeOptionValue(raw, "path segment", out string segment);
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
                    error = TargetPath.DecodeOptionValue(raw, "query argument", out string argument);
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

        // "coap:%2F%2Fhost/...": the authority's "//" encoded so that nothing on the way merges it into one "/".
        private static string DecodeAuthoritySlashes(string text)
        {
            int colon = text.IndexOf(':');
            const string EncodedSlashes = "%2F%2F";
            if (colon > 0 && IsScheme(text.Substring(0, colon)) && string.Compare(text, colon + 1, EncodedSlashes, 0, EncodedSlashes.Length, StringComparison.OrdinalIgnoreCase) == 0)
            {
                return text.Substring(0, colon + 1) + "//" + text.Substring(colon + 1 + EncodedSlashes.Length);
            }

            return text;
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

        internal static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

        private static int IndexOfAny(string text, char a, char b)
        {
            int i = text.IndexOf(a);
            int j = text.IndexOf(b);
            return i < 0 ? j : (j < 0 ? i : Math.Min(i, j));
        }
    }
}
