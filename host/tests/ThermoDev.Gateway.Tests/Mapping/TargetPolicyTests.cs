using System;
using Coap.Http;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ThermoDev.Gateway.Tests.Mapping
{
    /// <summary>Only configured devices are reachable (RFC 8075 §10.4): the proxy is never an open proxy.</summary>
    [TestClass]
    public sealed class TargetPolicyTests
    {
        private static CoapTarget Target(string uri)
        {
            TargetUriResult result = TargetUri.Parse(uri);
            Assert.IsTrue(result.Success, uri + ": " + result.Error);
            return result.Target!;
        }

        /// <summary>The configured device is allowed on any path and in any spelling of its host and port.</summary>
        [TestMethod]
        [DataRow("coap://[::1]:5683/temp")]
        [DataRow("coap://[::1]/.well-known/core")]
        [DataRow("coap://[0:0:0:0:0:0:0:1]:5683/")]
        [DataRow("coap://[::1]")]
        public void ConfiguredDeviceIsAllowed(string uri)
        {
            var policy = TargetPolicy.FromUris(new[] { "coap://[::1]/temp" });
            Assert.IsTrue(policy.IsAllowed(Target(uri)));
        }

        /// <summary>Another port, another host, or the other loopback family is forbidden.</summary>
        [TestMethod]
        [DataRow("coap://[::1]:5684/temp")]
        [DataRow("coap://[::2]/temp")]
        [DataRow("coap://127.0.0.1/temp")]
        [DataRow("coap://localhost/temp")]
        [DataRow("coap://[::ffff:127.0.0.1]/temp")]
        public void OtherTargetsAreForbidden(string uri)
        {
            var policy = TargetPolicy.FromUris(new[] { "coap://[::1]:5683/temp" });
            Assert.IsFalse(policy.IsAllowed(Target(uri)));
        }

        /// <summary>With IPv4 loopback configured, ::1 is forbidden and the IPv4-mapped form is the same address.</summary>
        [TestMethod]
        public void Ipv4LoopbackOnly()
        {
            var policy = TargetPolicy.FromUris(new[] { "coap://127.0.0.1:6001" });
            Assert.IsTrue(policy.IsAllowed(Target("coap://127.0.0.1:6001/temp")));
            Assert.IsTrue(policy.IsAllowed(Target("coap://[::ffff:127.0.0.1]:6001/temp")));
            Assert.IsFalse(policy.IsAllowed(Target("coap://[::1]:6001/temp")));
            Assert.IsFalse(policy.IsAllowed(Target("coap://127.0.0.1/temp")));
            Assert.IsFalse(policy.IsAllowed(Target("coap://127.0.0.2:6001/temp")));
        }

        /// <summary>Names compare case-insensitively, a trailing dot ignored; a name never matches an address.</summary>
        [TestMethod]
        public void Names()
        {
            var policy = TargetPolicy.FromUris(new[] { "coap://Kitchen.local" });
            Assert.IsTrue(policy.IsAllowed(Target("coap://KITCHEN.LOCAL/temp")));
            Assert.IsTrue(policy.IsAllowed(Target("coap://kitchen.local./temp")));
            Assert.IsFalse(policy.IsAllowed(Target("coap://kitchen.local:5684/temp")));
            Assert.IsFalse(policy.IsAllowed(Target("coap://bedroom.local/temp")));
            Assert.IsFalse(TargetPolicy.SameServer(Target("coap://localhost"), Target("coap://127.0.0.1")));
        }

        /// <summary>Several devices: each one allowed, nothing in between.</summary>
        [TestMethod]
        public void SeveralDevices()
        {
            var policy = TargetPolicy.FromUris(new[] { "coap://[::1]:6001", "coap://[::1]:6002", "coap://[::1]:6003" });
            Assert.AreEqual(3, policy.Devices.Count);
            Assert.IsTrue(policy.IsAllowed(Target("coap://[::1]:6002/temp")));
            Assert.IsFalse(policy.IsAllowed(Target("coap://[::1]:6004/temp")));
        }

        /// <summary>Multicast is forbidden even when configured (RFC 8075 §8.4).</summary>
        [TestMethod]
        public void MulticastIsForbidden()
        {
            var policy = TargetPolicy.FromUris(new[] { "coap://[ff02::fd]", "coap://224.0.1.187" });
            Assert.IsFalse(policy.IsAllowed(Target("coap://[ff02::fd]/temp")));
            Assert.IsFalse(policy.IsAllowed(Target("coap://224.0.1.187/temp")));
        }

        /// <summary>No devices: everything is forbidden. A bad configured URI is an error at start-up.</summary>
        [TestMethod]
        public void EmptyPolicyAndBadConfiguration()
        {
            Assert.IsFalse(TargetPolicy.FromUris(Array.Empty<string>()).IsAllowed(Target("coap://[::1]/temp")));
            var error = Assert.ThrowsExactly<ArgumentException>(() => TargetPolicy.FromUris(new[] { "http://[::1]" }));
            StringAssert.Contains(error.Message, "http://[::1]");
        }
    }
}
