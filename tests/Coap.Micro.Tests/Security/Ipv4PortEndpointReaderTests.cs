using Coap.Micro;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.Security
{
    /// <summary>The endpoints of the nanoFramework UDP transport: four IPv4 address bytes, then the port.</summary>
    [TestClass]
    public class Ipv4PortEndpointReaderTests
    {
        [TestMethod]
        public void ReadsTheAddressOfASixByteEndpoint()
        {
            CoapEndpoint endpoint = new CoapEndpoint();
            endpoint.Set(new byte[] { 192, 168, 1, 20, 0x16, 0x33 }, 0, 6);
            byte[] address = new byte[16];
            Assert.AreEqual(4, new Ipv4PortEndpointReader().ReadAddress(endpoint, address));
            Assert.AreEqual("C0 A8 01 14", Hex.Format(address, 0, 4));
        }

        [TestMethod]
        [DataRow(0)]
        [DataRow(5)]
        [DataRow(7)]
        [DataRow(28)]
        public void KnowsNoOtherLength(int length)
        {
            CoapEndpoint endpoint = new CoapEndpoint();
            endpoint.Set(new byte[32], 0, length);
            Assert.AreEqual(0, new Ipv4PortEndpointReader().ReadAddress(endpoint, new byte[16]));
            Assert.AreEqual(0, new Ipv4PortEndpointReader().ReadAddress(null, new byte[16]));
        }
    }
}
