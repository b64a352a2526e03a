namespace Coap.Micro
{
    /// <summary>
    /// The 6-byte endpoint of an IPv4 UDP transport: the four address bytes in network order (first
    /// octet first), then the port, big-endian; 192.168.1.20:5683 is <c>C0 A8 01 14 16 33</c>. The
    /// address travels as the int nanoFramework's System.Net keeps it in: the first octet in the lowest
    /// byte (what <c>IPAddress.GetHashCode()</c> returns for IPv4, and what <c>new IPAddress(long)</c> takes).
    /// </summary>
    public static class Ipv4Endpoint
    {
        /// <summary>Bytes in an endpoint.</summary>
        public const int Length = 6;

        /// <summary>
        /// Makes <paramref name="endpoint"/> the encoding of <paramref name="address"/> (first octet lowest)
        /// and <paramref name="port"/>; false (and the endpoint unset) when it cannot hold 6 bytes.
        /// </summary>
        public static bool Write(CoapEndpoint endpoint, int address, int port)
        {
            if (endpoint.Capacity < Length)
            {
                endpoint.Clear();
                return false;
            }

            byte[] bytes = endpoint.Bytes;
            bytes[0] = (byte)address;
            bytes[1] = (byte)(address >> 8);
            bytes[2] = (byte)(address >> 16);
            bytes[3] = (byte)(address >> 24);
            bytes[4] = (byte)(port >> 8);
            bytes[5] = (byte)port;
            return endpoint.SetLength(Length);
        }

        /// <summary>True when <paramref name="endpoint"/> already is the encoding of <paramref name="address"/> and <paramref name="port"/>.</summary>
        public static bool Matches(CoapEndpoint endpoint, int address, int port)
        {
            byte[] bytes = endpoint.Bytes;
            return endpoint.Length == Length
                && bytes[0] == (byte)address
                && bytes[1] == (byte)(address >> 8)
                && bytes[2] == (byte)(address >> 16)
                && bytes[3] == (byte)(address >> 24)
                && bytes[4] == (byte)(port >> 8)
                && bytes[5] == (byte)port;
        }

        /// <summary>True when <paramref name="endpoint"/> is 6 bytes long and names a port other than 0.</summary>
        public static bool IsValid(CoapEndpoint endpoint)
        {
            return endpoint != null && endpoint.Length == Length && PortOf(endpoint) != 0;
        }

        /// <summary>The address of an endpoint, first octet in the lowest byte.</summary>
        public static int AddressOf(CoapEndpoint endpoint)
        {
            byte[] bytes = endpoint.Bytes;
            return bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) | (bytes[3] << 24);
        }

        /// <summary>The port of an endpoint.</summary>
        public static int PortOf(CoapEndpoint endpoint)
        {
            byte[] bytes = endpoint.Bytes;
            return (bytes[4] << 8) | bytes[5];
        }
    }
}
