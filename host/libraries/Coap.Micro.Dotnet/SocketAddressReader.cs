using System;

namespace Coap.Micro.Dotnet
{
    /// <summary>
    /// Reads the address out of endpoints of <see cref="DotnetUdpTransport"/>, which are raw socket
    /// addresses: a sockaddr_in6 of 28 bytes (address at offset 8) from its dual-stack socket, IPv4 peers
    /// as IPv4-mapped addresses, or a sockaddr_in of 16 bytes (address at offset 4). Only the family field
    /// differs between Linux, Windows and macOS; the port and address sit at the same offsets on all three.
    /// </summary>
    public sealed class SocketAddressReader : ICoapAddressReader
    {
        private const int InetLength = 16;
        private const int InetAddressOffset = 4;
        private const int Inet6Length = 28;
        private const int Inet6AddressOffset = 8;

        /// <inheritdoc/>
        public int ReadAddress(CoapEndpoint endpoint, byte[] address)
        {
            ArgumentNullException.ThrowIfNull(address);
            if (endpoint == null)
            {
                return 0;
            }

            if (endpoint.Length == Inet6Length)
            {
                Array.Copy(endpoint.Bytes, Inet6AddressOffset, address, 0, IpAddressText.IPv6Length);
                return IpAddressText.IPv6Length;
            }

            if (endpoint.Length == InetLength)
            {
                Array.Copy(endpoint.Bytes, InetAddressOffset, address, 0, IpAddressText.IPv4Length);
                return IpAddressText.IPv4Length;
            }

            return 0;
        }
    }
}
