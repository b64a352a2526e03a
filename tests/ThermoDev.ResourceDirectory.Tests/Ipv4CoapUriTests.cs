using nanoFramework.TestFramework;
using ThermoDev.ResourceDirectory;

namespace ThermoDev.Tests.ResourceDirectory
{
    /// <summary>How a board reads DeviceSettings.ResourceDirectory: coap://a.b.c.d[:port][/path].</summary>
    [TestClass]
    public class Ipv4CoapUriTests
    {
        [TestMethod]
        public void AnAddressAloneHasTheDefaultPortAndNoPath()
        {
            Assert.IsTrue(Ipv4CoapUri.TryParse("coap://192.168.1.2", out int address, out int port, out string path));
            Assert.AreEqual(192 | (168 << 8) | (1 << 16) | (2 << 24), address);
            Assert.AreEqual(5683, port);
            Assert.AreEqual(string.Empty, path);
        }

        [TestMethod]
        public void PortAndPathAreRead()
        {
            Assert.IsTrue(Ipv4CoapUri.TryParse("coap://10.0.0.254:61616/resource-directory/reg", out int address, out int port, out string path));
            Assert.AreEqual(10 | (254 << 24), address);
            Assert.AreEqual(61616, port);
            Assert.AreEqual("/resource-directory/reg", path);
        }

        [TestMethod]
        public void ARootPathIsNoPath()
        {
            Assert.IsTrue(Ipv4CoapUri.TryParse("coap://10.0.0.1:5683/", out int _, out int _, out string path));
            Assert.AreEqual(string.Empty, path);
        }

        [TestMethod]
        [DataRow("")]
        [DataRow("coap://")]
        [DataRow("coaps://10.0.0.1")]
        [DataRow("http://10.0.0.1")]
        [DataRow("coap://rd.local")]
        [DataRow("coap://10.0.0")]
        [DataRow("coap://10.0.0.256")]
        [DataRow("coap://10.0.0.1:0")]
        [DataRow("coap://10.0.0.1:65536")]
        [DataRow("coap://10.0.0.1:")]
        [DataRow("coap://10.0.0.1x")]
        [DataRow("coap://10.0.0.1/rd?ep=x")]
        [DataRow("coap://[fd00::1]")]
        public void OtherTextIsRefused(string text)
        {
            Assert.IsFalse(Ipv4CoapUri.TryParse(text, out int _, out int _, out string _));
        }
    }
}
