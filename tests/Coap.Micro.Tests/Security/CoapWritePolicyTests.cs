using System;
using Coap.Micro;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.Security
{
    /// <summary>Who may write: nobody, everyone, or listed IPv4 and IPv6 addresses and subnets (CIDR).</summary>
    [TestClass]
    public class CoapWritePolicyTests
    {
        private static bool May(string policy, string client)
        {
            return CoapWritePolicy.Parse(policy, new RawAddressReader()).MayWrite(RawAddressReader.Endpoint(client));
        }

        [TestMethod]
        public void NoneAndAllAreTheFixedPolicies()
        {
            Assert.AreSame(CoapWritePolicy.Nobody, CoapWritePolicy.Parse("none", new RawAddressReader()));
            Assert.AreSame(CoapWritePolicy.Everyone, CoapWritePolicy.Parse(" ALL ", new RawAddressReader()));
            Assert.IsTrue(CoapWritePolicy.Everyone.AllowsEveryone);
            Assert.IsFalse(CoapWritePolicy.Nobody.AllowsEveryone);
            Assert.AreEqual(0, CoapWritePolicy.Nobody.EntryCount);
            Assert.IsTrue(CoapWritePolicy.Everyone.MayWrite(RawAddressReader.Endpoint("203.0.113.9")));
            Assert.IsTrue(CoapWritePolicy.Everyone.MayWrite(new CoapEndpoint()));
            Assert.IsFalse(CoapWritePolicy.Nobody.MayWrite(RawAddressReader.Endpoint("127.0.0.1")));
            Assert.IsFalse(CoapWritePolicy.Nobody.MayWrite(RawAddressReader.Endpoint("::1")));
        }

        [TestMethod]
        public void TheFixedPoliciesCannotBeExtended()
        {
            Assert.ThrowsException(typeof(InvalidOperationException), () => CoapWritePolicy.Nobody.Allow("10.0.0.0/8"));
            Assert.ThrowsException(typeof(InvalidOperationException), () => CoapWritePolicy.Everyone.Allow("10.0.0.0/8"));
        }

        [TestMethod]
        [DataRow("192.168.1.0/24", "192.168.1.0", 1)]
        [DataRow("192.168.1.0/24", "192.168.1.255", 1)]
        [DataRow("192.168.1.0/24", "192.168.2.1", 0)]
        [DataRow("192.168.1.0/24", "192.168.0.255", 0)]
        [DataRow("10.0.0.0/8", "10.255.0.1", 1)]
        [DataRow("10.0.0.0/8", "11.0.0.1", 0)]
        [DataRow("172.16.0.0/12", "172.31.255.255", 1)]
        [DataRow("172.16.0.0/12", "172.32.0.0", 0)]
        [DataRow("192.168.1.20", "192.168.1.20", 1)]
        [DataRow("192.168.1.20", "192.168.1.21", 0)]
        [DataRow("192.168.1.20/32", "192.168.1.20", 1)]
        [DataRow("192.168.1.20/31", "192.168.1.21", 1)]
        [DataRow("0.0.0.0/0", "203.0.113.9", 1)]
        [DataRow("0.0.0.0/0", "2001:db8::1", 0)]
        [DataRow("10.0.0.0/8", "::1", 0)]
        public void MatchesIPv4Subnets(string policy, string client, int expected)
        {
            Assert.AreEqual(expected == 1, May(policy, client));
        }

        [TestMethod]
        [DataRow("fd00::/8", "fd12:3456::1", 1)]
        [DataRow("fd00::/8", "fc00::1", 0)]
        [DataRow("2001:db8::/32", "2001:db8:ffff::1", 1)]
        [DataRow("2001:db8::/32", "2001:db9::1", 0)]
        [DataRow("2001:db8::/33", "2001:db8:7fff::1", 1)]
        [DataRow("2001:db8::/33", "2001:db8:8000::1", 0)]
        [DataRow("::1", "::1", 1)]
        [DataRow("::1/128", "::2", 0)]
        [DataRow("fe80::/10", "febf::1", 1)]
        [DataRow("fe80::/10", "fec0::1", 0)]
        [DataRow("::/0", "2001:db8::1", 1)]
        [DataRow("fd00::/8", "10.0.0.1", 0)]
        public void MatchesIPv6Prefixes(string policy, string client, int expected)
        {
            Assert.AreEqual(expected == 1, May(policy, client));
        }

        [TestMethod]
        [DataRow("192.168.1.0/24", "::ffff:192.168.1.7", 1)]
        [DataRow("192.168.1.0/24", "::ffff:192.168.2.7", 0)]
        [DataRow("127.0.0.1", "::ffff:127.0.0.1", 1)]
        [DataRow("::ffff:192.168.1.0/120", "192.168.1.7", 1)]
        [DataRow("::ffff:192.168.1.0/120", "192.168.2.7", 0)]
        [DataRow("::ffff:192.168.1.0/120", "::ffff:192.168.1.7", 1)]
        [DataRow("::ffff:0.0.0.0/96", "203.0.113.9", 1)]
        [DataRow("::/0", "203.0.113.9", 1)]
        [DataRow("::/96", "203.0.113.9", 0)]
        [DataRow("::/80", "203.0.113.9", 1)]
        public void AnIPv4MappedClientIsTheIPv4Client(string policy, string client, int expected)
        {
            // RFC 4291 §2.5.5.2: IPv4 peers of a dual-stack socket arrive as ::ffff:a.b.c.d.
            Assert.AreEqual(expected == 1, May(policy, client));
        }

        [TestMethod]
        public void AListAllowsAnyOfItsEntries()
        {
            CoapWritePolicy policy = CoapWritePolicy.Parse("192.168.1.0/24, 10.1.2.3 ,fd00::/8", new RawAddressReader());
            Assert.AreEqual(3, policy.EntryCount);
            Assert.IsFalse(policy.AllowsEveryone);
            Assert.IsTrue(policy.MayWrite(RawAddressReader.Endpoint("192.168.1.9")));
            Assert.IsTrue(policy.MayWrite(RawAddressReader.Endpoint("10.1.2.3")));
            Assert.IsTrue(policy.MayWrite(RawAddressReader.Endpoint("fd00::9")));
            Assert.IsFalse(policy.MayWrite(RawAddressReader.Endpoint("10.1.2.4")));
            Assert.IsFalse(policy.MayWrite(RawAddressReader.Endpoint("2001:db8::1")));
        }

        [TestMethod]
        public void AnEndpointTheReaderCannotReadMayNotWrite()
        {
            CoapWritePolicy policy = CoapWritePolicy.Parse("0.0.0.0/0,::/0", new RawAddressReader());
            CoapEndpoint odd = new CoapEndpoint();
            odd.Set(new byte[] { 1, 2, 3, 4, 5 }, 0, 5);
            Assert.IsFalse(policy.MayWrite(odd));
            Assert.IsFalse(policy.MayWrite(new CoapEndpoint()));
            Assert.IsFalse(policy.MayWrite(null));
        }

        [TestMethod]
        public void AnEmptyListAllowsNobody()
        {
            CoapWritePolicy policy = new CoapWritePolicy(new RawAddressReader());
            Assert.IsFalse(policy.MayWrite(RawAddressReader.Endpoint("127.0.0.1")));
            policy.Allow("127.0.0.0/8");
            Assert.IsTrue(policy.MayWrite(RawAddressReader.Endpoint("127.0.0.1")));
        }

        [TestMethod]
        [DataRow("")]
        [DataRow(" ")]
        [DataRow("10.0.0.0/8,")]
        [DataRow(",10.0.0.0/8")]
        [DataRow("10.0.0.0/8,,fd00::/8")]
        [DataRow("everyone")]
        [DataRow("all,10.0.0.0/8")]
        [DataRow("10.0.0.0/33")]
        [DataRow("10.0.0.0/")]
        [DataRow("10.0.0.0/-1")]
        [DataRow("10.0.0.0/8/8")]
        [DataRow("10.0.0.0/ 8")]
        [DataRow("fd00::/129")]
        [DataRow("192.168.1.20/24")]
        [DataRow("fd00::1/8")]
        [DataRow("localhost")]
        [DataRow("fe80::1%eth0")]
        public void RefusesASettingThatIsNotAList(string text)
        {
            Assert.ThrowsException(typeof(ArgumentException), () => CoapWritePolicy.Parse(text, new RawAddressReader()));
        }

        [TestMethod]
        public void HoldsAtMostSixteenEntries()
        {
            CoapWritePolicy policy = new CoapWritePolicy(new RawAddressReader());
            for (int i = 0; i < CoapWritePolicy.MaxEntries; i++)
            {
                policy.Allow("10.0.0." + i.ToString());
            }

            Assert.ThrowsException(typeof(ArgumentException), () => policy.Allow("10.0.0.99"));
            Assert.AreEqual(CoapWritePolicy.MaxEntries, policy.EntryCount);
            Assert.IsTrue(policy.MayWrite(RawAddressReader.Endpoint("10.0.0.15")));
            Assert.IsFalse(policy.MayWrite(RawAddressReader.Endpoint("10.0.0.99")));
        }

        [TestMethod]
        public void NeedsAReaderForAList()
        {
            Assert.ThrowsException(typeof(ArgumentNullException), () => new CoapWritePolicy(null));
            Assert.ThrowsException(typeof(ArgumentNullException), () => CoapWritePolicy.Parse("10.0.0.0/8", null));
            Assert.ThrowsException(typeof(ArgumentNullException), () => CoapWritePolicy.Parse(null, new RawAddressReader()));
        }
    }
}
