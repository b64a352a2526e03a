using Coap.Micro;

namespace ThermoDev.ResourceDirectory
{
    /// <summary>
    /// A coap:// URI with an IPv4 address, as a board is told where its RD is: "coap://192.168.1.2",
    /// "coap://192.168.1.2:5683/rd" (RFC 7252 §6.1; port 5683 when none is given). No host names (a board
    /// resolves none here), no query.
    /// </summary>
    public static class Ipv4CoapUri
    {
        /// <summary>The port of coap:// when a URI names none (RFC 7252 §6.1).</summary>
        public const int DefaultPort = 5683;

        private static readonly string Scheme = "coap://";

        /// <summary>
        /// Reads <paramref name="uri"/>: the address with its first octet in the lowest byte (as
        /// <see cref="Ipv4Endpoint"/> takes it), the port, and the path ("" when none, else beginning with '/').
        /// False when it is not such a URI.
        /// </summary>
        public static bool TryParse(string uri, out int address, out int port, out string path)
        {
            address = 0;
            port = DefaultPort;
            path = string.Empty;
            string scheme = Scheme;
            if (uri == null || uri.Length <= scheme.Length || uri.IndexOf('?') >= 0 || uri.IndexOf('#') >= 0)
            {
                return false;
            }

            for (int i = 0; i < scheme.Length; i++)
            {
                if (uri[i] != scheme[i])
                {
                    return false;
                }
            }

            int n = scheme.Length;
            for (int octet = 0; octet < 4; octet++)
            {
                int value = 0;
                int digits = 0;
                while (n < uri.Length && uri[n] >= '0' && uri[n] <= '9' && digits < 4)
                {
                    value = value * 10 + (uri[n] - '0');
                    digits++;
                    n++;
                }

                if (digits == 0 || digits > 3 || value > 255)
                {
                    return false;
                }

                address |= value << (8 * octet);
                if (octet < 3)
                {
                    if (n >= uri.Length || uri[n] != '.')
                    {
                        return false;
                    }

                    n++;
                }
            }

            if (n < uri.Length && uri[n] == ':')
            {
                n++;
                int value = 0;
                int digits = 0;
                while (n < uri.Length && uri[n] >= '0' && uri[n] <= '9' && digits < 6)
                {
                    value = value * 10 + (uri[n] - '0');
                    digits++;
                    n++;
                }

                if (digits == 0 || value < 1 || value > 65535)
                {
                    return false;
                }

                port = value;
            }

            if (n < uri.Length && uri[n] != '/')
            {
                return false;
            }

            path = n < uri.Length && n + 1 < uri.Length ? uri.Substring(n) : string.Empty;
            return true;
        }
    }
}
