using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Gateway.Devices;

namespace ThermoDev.Gateway.Tests.Gateway
{
    /// <summary>--device name=coap-uri: names, default port and path, refusals.</summary>
    [TestClass]
    public sealed class DeviceAddressTests
    {
        /// <summary>Port 5683 and /temp unless given; IPv6 in brackets; names and paths kept.</summary>
        [TestMethod]
        [DataRow("kitchen=coap://[::1]", "kitchen", "::1", 5683, "/temp", "coap://[::1]:5683/temp")]
        [DataRow("k-2=coap://127.0.0.1:5690/pressure", "k-2", "127.0.0.1", 5690, "/pressure", "coap://127.0.0.1:5690/pressure")]
        [DataRow("cellar=coap://sensor.local/", "cellar", "sensor.local", 5683, "/temp", "coap://sensor.local:5683/temp")]
        [DataRow("hall=coap://[::1]:5683/a/./b/../temp", "hall", "::1", 5683, "/a/temp", "coap://[::1]:5683/a/temp")]
        public void Parses(string text, string name, string host, int port, string path, string uri)
        {
            Assert.IsTrue(DeviceAddress.TryParse(text, out DeviceAddress? address, out string error), error);
            Assert.AreEqual(name, address!.Name);
            Assert.AreEqual(host, address.Host);
            Assert.AreEqual(port, address.Port);
            Assert.AreEqual(path, address.Path);
            Assert.AreEqual(uri, address.Uri);
        }

        /// <summary>Bad names, schemes, queries and missing parts are refused with a reason.</summary>
        [TestMethod]
        [DataRow("kitchen")]
        [DataRow("=coap://[::1]")]
        [DataRow("Kitchen=coap://[::1]")]
        [DataRow("-kitchen=coap://[::1]")]
        [DataRow("a23456789012345678901234567890123=coap://[::1]")]
        [DataRow("kitchen=http://[::1]")]
        [DataRow("kitchen=coaps://[::1]")]
        [DataRow("kitchen=coap://[::1]/temp?x=1")]
        [DataRow("kitchen=coap://[::1]:0")]
        [DataRow("kitchen=[::1]:5683")]
        [DataRow("kitchen=coap://[::1]/%ZZ")]
        [DataRow("kitchen=coap://[::1]/a b")]
        [DataRow("kitchen=coap://[::1]:05683x")]
        public void Refuses(string text)
        {
            Assert.IsFalse(DeviceAddress.TryParse(text, out DeviceAddress? address, out string error));
            Assert.IsNull(address);
            Assert.IsFalse(string.IsNullOrEmpty(error));
        }
    }
}
