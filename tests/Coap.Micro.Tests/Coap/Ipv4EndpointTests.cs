using Coap.Micro;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.Coap
{
    /// <summary>The 6-byte IPv4 endpoint of the nanoFramework UDP transport, written and read without System.Net.</summary>
    [TestClass]
    public class Ipv4EndpointTests
    {
        // 192.168.1.20 as nanoFramework's IPAddress keeps it: first octet in the lowest byte.
        private const int Address = 0x1401A8C0;

        [TestMethod]
        public void AnAddressAndPortAreWrittenInNetworkOrder()
        {
            CoapEndpoint endpoint = new CoapEndpoint(Ipv4Endpoint.Length);
            Ipv4Endpoint.Write(endpoint, Address, 5683);
            Assert.AreEqual("C0 A8 01 14 16 33", Hex.Format(endpoint.Bytes, 0, endpoint.Length));
            Assert.AreEqual(Address, Ipv4Endpoint.AddressOf(endpoint));
            Assert.AreEqual(5683, Ipv4Endpoint.PortOf(endpoint));
            Assert.IsTrue(Ipv4Endpoint.IsValid(endpoint));
        }

        [TestMethod]
        public void AnAddressWithTheHighBitSetRoundTrips()
        {
            // 10.0.0.255 has its last octet in the int's sign bit.
            CoapEndpoint endpoint = new CoapEndpoint();
            int address = unchecked((int)0xFF00000A);
            Ipv4Endpoint.Write(endpoint, address, 65535);
            Assert.AreEqual("0A 00 00 FF FF FF", Hex.Format(endpoint.Bytes, 0, endpoint.Length));
            Assert.AreEqual(address, Ipv4Endpoint.AddressOf(endpoint));
            Assert.AreEqual(65535, Ipv4Endpoint.PortOf(endpoint));
            Assert.AreEqual(0xFF00000AL, Ipv4Endpoint.AddressOf(endpoint) & 0xFFFFFFFFL);
        }

        [TestMethod]
        public void MatchesComparesEveryByteAndTheLength()
        {
            CoapEndpoint endpoint = new CoapEndpoint();
            Ipv4Endpoint.Write(endpoint, Address, 5683);
            Assert.IsTrue(Ipv4Endpoint.Matches(endpoint, Address, 5683));
            Assert.IsFalse(Ipv4Endpoint.Matches(endpoint, Address, 5684));
            Assert.IsFalse(Ipv4Endpoint.Matches(endpoint, Address ^ 1, 5683));
            Assert.IsFalse(Ipv4Endpoint.Matches(endpoint, Address ^ 0x01000000, 5683));
            Assert.IsFalse(Ipv4Endpoint.Matches(endpoint, Address, 5683 + 256));
            endpoint.SetLength(5);
            Assert.IsFalse(Ipv4Endpoint.Matches(endpoint, Address, 5683));
        }

        [TestMethod]
        public void AnEndpointTooSmallForSixBytesIsLeftUnset()
        {
            CoapEndpoint small = new CoapEndpoint(4);
            Assert.IsFalse(Ipv4Endpoint.Write(small, Address, 5683));
            Assert.AreEqual(0, small.Length);
            Assert.IsTrue(Ipv4Endpoint.Write(new CoapEndpoint(6), Address, 5683));
        }

        [TestMethod]
        public void PortZeroAndOtherLengthsAreNotValidDestinations()
        {
            CoapEndpoint endpoint = new CoapEndpoint();
            Ipv4Endpoint.Write(endpoint, Address, 0);
            Assert.IsFalse(Ipv4Endpoint.IsValid(endpoint));
            endpoint.Set(new byte[] { 1, 2, 3, 4, 5 }, 0, 5);
            Assert.IsFalse(Ipv4Endpoint.IsValid(endpoint));
            Assert.IsFalse(Ipv4Endpoint.IsValid(null));
        }
    }
}
