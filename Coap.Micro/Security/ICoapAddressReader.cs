namespace Coap.Micro
{
    /// <summary>
    /// Reads the IP address out of an endpoint of one transport. Endpoints are opaque bytes whose layout
    /// each transport chooses (<see cref="CoapEndpoint"/>); whoever needs the address, such as a
    /// <see cref="CoapWritePolicy"/>, asks the reader that knows that layout.
    /// </summary>
    public interface ICoapAddressReader
    {
        /// <summary>
        /// Copies the IP address of <paramref name="endpoint"/> into <paramref name="address"/> (at least 16
        /// bytes) and returns its length: 4 for IPv4, 16 for IPv6 (an IPv4-mapped address as it came), or
        /// 0 when the endpoint holds no address this reader knows. Must not allocate.
        /// </summary>
        int ReadAddress(CoapEndpoint endpoint, byte[] address);
    }
}
