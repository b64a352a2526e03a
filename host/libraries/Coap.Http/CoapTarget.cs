using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Coap.Http
{
    /// <summary>
    /// A parsed Target CoAP URI (RFC 8075 §5.1): the server's host and port and the request's
    /// Uri-Path and Uri-Query option values, every percent-encoding resolved (RFC 7252 §6.4).
    /// Made by <see cref="TargetUri"/>.
    /// </summary>
    public sealed class CoapTarget
    {
        /// <summary>The CoAP default port (RFC 7252 §6.1).</summary>
        public const int DefaultPort = 5683;

        internal CoapTarget(string host, IPAddress? address, int port, IReadOnlyList<string> pathSegments, IReadOnlyList<string> queryArguments)
        {
            Host = host;
            Address = address;
            Port = port;
            PathSegments = pathSegments;
            QueryArguments = queryArguments;
        }

        /// <summary>
        /// The host: a registered name in lowercase (RFC 7252 §6.3), or an IP address in its standard
        /// text form (IPv6 as RFC 5952, without brackets).
        /// </summary>
        public string Host { get; }

        /// <summary>The address when the host is an IP literal or IPv4 address; null for a name.</summary>
        public IPAddress? Address { get; }

        /// <summary>The UDP port; 5683 when the URI gave none (RFC 7252 §6.1).</summary>
        public int Port { get; }

        /// <summary>One value per Uri-Path option, in order, decoded (RFC 7252 §6.4 step 8). Empty for "/" or no path.</summary>
        public IReadOnlyList<string> PathSegments { get; }

        /// <summary>One value per Uri-Query option, in order, decoded (RFC 7252 §6.4 step 9).</summary>
        public IReadOnlyList<string> QueryArguments { get; }

        /// <summary>
        /// The endpoint to send to when the host is an address; null for a name, which the caller resolves.
        /// IPv4-mapped IPv6 addresses stay as given.
        /// </summary>
        public IPEndPoint? EndPoint => Address == null ? null : new IPEndPoint(Address, Port);

        /// <summary>The path as sent: "/" followed by the segments joined with "/", percent-encoded as RFC 7252 §6.5 step 6.</summary>
        public string Path
        {
            get
            {
                if (PathSegments.Count == 0)
                {
                    return "/";   // RFC 7252 §6.5 step 7
                }

                var path = new StringBuilder();
                foreach (string segment in PathSegments)
                {
                    path.Append('/');
                    AppendEncoded(path, segment, "!$&'()*+,;=:@");
                }

                return path.ToString();
            }
        }

        /// <summary>
        /// The URI in normal form (RFC 7252 §6.3, composed as §6.5): lowercase host, IPv6 in brackets,
        /// the default port left out, "/" for an empty path, uppercase percent-encoding.
        /// </summary>
        public override string ToString()
        {
            var uri = new StringBuilder("coap://");
            if (Address != null && Address.AddressFamily == AddressFamily.InterNetworkV6)
            {
                uri.Append('[').Append(Host.Replace("%", "%25", StringComparison.Ordinal)).Append(']');   // RFC 6874 zone
            }
            else
            {
                AppendEncoded(uri, Host, "!$&'()*+,;=");
            }

            if (Port != DefaultPort)
            {
                uri.Append(':').Append(Port.ToString(CultureInfo.InvariantCulture));
            }

            uri.Append(Path);
            for (int i = 0; i < QueryArguments.Count; i++)
            {
                uri.Append(i == 0 ? '?' : '&');
                AppendEncoded(uri, QueryArguments[i], "!$'()*+,;=:@/?");   // RFC 7252 §6.5 step 8: '&' is encoded
            }

            return uri.ToString();
        }

        /// <summary>
        /// The request target that names this CoAP URI at the proxy in the default mapping (RFC 8075 §5.3):
        /// <paramref name="proxyPath"/> followed by the URI, its IPv6 brackets percent-encoded (§5.3.2), e.g.
        /// "/hc/coap://%5B::1%5D/temp". <see cref="TargetUri.FromRequestTarget"/> reads it back.
        /// </summary>
        public string ToRequestTarget(string proxyPath = "/hc/")
        {
            ArgumentNullException.ThrowIfNull(proxyPath);
            return proxyPath + ToString().Replace("[", "%5B", StringComparison.Ordinal).Replace("]", "%5D", StringComparison.Ordinal);
        }

        /// <summary>
        /// The path and query as a Coap.Micro <see cref="Coap.Micro.CoapPath"/> (one Uri-Path per segment and one
        /// Uri-Query per argument, UTF-8), for <c>CoapRequest.Path</c>: a segment holding '/' stays one segment.
        /// </summary>
        public Coap.Micro.CoapPath ToCoapPath()
        {
            var encoded = new List<byte[]>();
            int capacity = 0;
            foreach (string segment in PathSegments)
            {
                byte[] bytes = Encoding.UTF8.GetBytes(segment);
                encoded.Add(bytes);
                capacity += 2 + bytes.Length;
            }

            foreach (string argument in QueryArguments)
            {
                byte[] bytes = Encoding.UTF8.GetBytes(argument);
                encoded.Add(bytes);
                capacity += 2 + bytes.Length;
            }

            var path = new Coap.Micro.CoapPath(capacity);
            for (int i = 0; i < encoded.Count; i++)
            {
                bool added = i < PathSegments.Count
                    ? path.AddSegment(encoded[i], 0, encoded[i].Length)
                    : path.AddQuery(encoded[i], 0, encoded[i].Length);
                if (!added)
                {
                    throw new InvalidOperationException("a Uri-Path or Uri-Query value over 255 bytes");   // TargetUri refuses those
                }
            }

            return path;
        }

        /// <summary>
        /// The target a 2.01 Created names with Location-Path and Location-Query options: resolved against this
        /// request target, so the same host and port with that path and query (RFC 7252 §5.10.7; no Location-Path
        /// means "/"). Null when a Location-Path value is "." or "..", which the RFC forbids. Give the HTTP client
        /// its <see cref="ToRequestTarget"/> as the Location header (RFC 7252 §10.2.4).
        /// </summary>
        public CoapTarget? WithLocation(IReadOnlyList<string> locationPath, IReadOnlyList<string> locationQuery)
        {
            ArgumentNullException.ThrowIfNull(locationPath);
            ArgumentNullException.ThrowIfNull(locationQuery);
            foreach (string segment in locationPath)
            {
                if (segment == null || segment == "." || segment == "..")
                {
                    return null;
                }
            }

            return new CoapTarget(Host, Address, Port, new List<string>(locationPath), new List<string>(locationQuery));
        }

        // Appends text, percent-encoding every UTF-8 byte that is neither unreserved (RFC 3986 §2.3) nor in keep.
        private static void AppendEncoded(StringBuilder builder, string text, string keep)
        {
            foreach (byte b in Encoding.UTF8.GetBytes(text))
            {
                char c = (char)b;
                bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
                if (b < 0x80 && (unreserved || keep.IndexOf(c) >= 0))
                {
                    builder.Append(c);
                }
                else
                {
                    builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));   // uppercase, RFC 7252 §6.5
                }
            }
        }
    }
}
