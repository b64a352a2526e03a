using Coap.Micro;

namespace ThermoDev.Tests.Security
{
    /// <summary>Reads endpoints that are a bare address: 4 bytes IPv4, 16 bytes IPv6, anything else none.</summary>
    public sealed class RawAddressReader : ICoapAddressReader
    {
        /// <summary>An endpoint holding the address <paramref name="text"/> ("10.0.0.1", "::1").</summary>
        public static CoapEndpoint Endpoint(string text)
        {
            byte[] address = new byte[IpAddressText.IPv6Length];
            int length = IpAddressText.Parse(text, 0, text.Length, address);
            CoapEndpoint endpoint = new CoapEndpoint();
            endpoint.Set(address, 0, length);
            return endpoint;
        }

        /// <inheritdoc/>
        public int ReadAddress(CoapEndpoint endpoint, byte[] address)
        {
            if (endpoint.Length != IpAddressText.IPv4Length && endpoint.Length != IpAddressText.IPv6Length)
            {
                return 0;
            }

            System.Array.Copy(endpoint.Bytes, 0, address, 0, endpoint.Length);
            return endpoint.Length;
        }
    }
}
