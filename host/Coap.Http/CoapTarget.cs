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
