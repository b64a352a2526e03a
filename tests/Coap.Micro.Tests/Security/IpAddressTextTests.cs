using Coap.Micro;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.Security
{
    /// <summary>IP addresses as text: IPv4 dotted decimal and the IPv6 forms of RFC 4291 §2.2.</summary>
    [TestClass]
    public class IpAddressTextTests
    {
        private static string Read(string text)
        {
            byte[] address = new byte[IpAddressText.IPv6Length];
            int length = IpAddressText.Parse(text, 0, text.Length, address);
            return length == 0 ? "none" : Hex.Format(address, 0, length);
        }

        [TestMethod]
        [DataRow("192.168.1.20", "C0 A8 01 14")]
        [DataRow("0.0.0.0", "00 00 00 00")]
        [DataRow("255.255.255.255", "FF FF FF FF")]
        [DataRow("10.0.0.1", "0A 00 00 01")]
        public void ReadsIPv4(string text, string expected)
        {
            Assert.AreEqual(expected, Read(text));
        }

        [TestMethod]
        [DataRow("::1", "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01")]
        [DataRow("::", "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00")]
        [DataRow("fe80::", "FE 80 00 00 00 00 00 00 00 00 00 00 00 00 00 00")]
        [DataRow("2001:db8::8:800:200c:417a", "20 01 0D B8 00 00 00 00 00 08 08 00 20 0C 41 7A")]
        [DataRow("2001:DB8:0:0:8:800:200C:417A", "20 01 0D B8 00 00 00 00 00 08 08 00 20 0C 41 7A")]
        [DataRow("fd00:1:2:3:4:5:6:7", "FD 00 00 01 00 02 00 03 00 04 00 05 00 06 00 07")]
        [DataRow("1::2:3", "00 01 00 00 00 00 00 00 00 00 00 00 00 02 00 03")]
        [DataRow("1:2:3:4:5:6:7::", "00 01 00 02 00 03 00 04 00 05 00 06 00 07 00 00")]
        [DataRow("::ffff:192.168.1.20", "00 00 00 00 00 00 00 00 00 00 FF FF C0 A8 01 14")]
        [DataRow("0:0:0:0:0:ffff:10.1.2.3", "00 00 00 00 00 00 00 00 00 00 FF FF 0A 01 02 03")]
        public void ReadsIPv6(string text, string expected)
        {
            Assert.AreEqual(expected, Read(text));
        }

        [TestMethod]
        [DataRow("")]
        [DataRow("localhost")]
        [DataRow("1.2.3")]
        [DataRow("1.2.3.4.5")]
        [DataRow("256.1.1.1")]
        [DataRow("1.2.3.")]
        [DataRow(".1.2.3")]
        [DataRow("01.2.3.4")]
        [DataRow("1.2.3.4 ")]
        [DataRow("1..2.3")]
        [DataRow("1234.1.1.1")]
        [DataRow("-1.2.3.4")]
        [DataRow(":")]
        [DataRow(":::")]
        [DataRow(":1::")]
        [DataRow("1:")]
        [DataRow("1::2::3")]
        [DataRow("12345::")]
        [DataRow("1:2:3:4:5:6:7:8:9")]
        [DataRow("1:2:3:4:5:6:7")]
        [DataRow("1:2:3:4:5:6:7:8::")]
        [DataRow("g::1")]
        [DataRow("fe80::1%eth0")]
        [DataRow("::ffff:1.2.3")]
        [DataRow("1:2:3:4:5:6:7:1.2.3.4")]
        [DataRow("::1.2.3.4:5")]
        public void RefusesWhatIsNotAnAddress(string text)
        {
            Assert.AreEqual("none", Read(text));
        }

        [TestMethod]
        public void ReadsOnlyTheRangeGiven()
        {
            byte[] address = new byte[IpAddressText.IPv6Length];
            string text = "x10.0.0.1/8";
            Assert.AreEqual(4, IpAddressText.Parse(text, 1, 9, address));
            Assert.AreEqual("0A 00 00 01", Hex.Format(address, 0, 4));
            Assert.AreEqual(0, IpAddressText.Parse(text, 1, 1, address));
            Assert.AreEqual(0, IpAddressText.Parse(text, 0, 12, address));
            Assert.AreEqual(0, IpAddressText.Parse(text, 1, 9, new byte[4]));
        }
    }
}
