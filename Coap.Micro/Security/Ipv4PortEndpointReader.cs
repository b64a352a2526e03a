namespace Coap.Micro
{
    /// <summary>
    /// Reads endpoints of six bytes: the IPv4 address in network order, then the port, big-endian. This is
    /// how the nanoFramework UDP transport (Coap.Micro.Udp) encodes its peers.
    /// </summary>
    public sealed class Ipv4PortEndpointReader : ICoapAddressReader
    {
        /// <summary>Bytes in an endpoint of this layout.</summary>
        public const int EndpointLength = 6;

        /// <inheritdoc/>
        public int ReadAddress(CoapEndpoint endpoint, byte[] address)
        {
            if (endpoint == null || endpoint.Length != EndpointLength)
            {
                return 0;
            }

            System.Array.Copy(endpoint.Bytes, 0, address, 0, IpAddressText.IPv4Length);
            return IpAddressText.IPv4Length;
        }
    }
}
