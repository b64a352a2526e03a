using System.Net;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ThermoDev.HostTests.Interop
{
    /// <summary>Coap.Micro over real UDP on loopback, queried by libcoap's client (a peer nobody here wrote).</summary>
    [TestClass]
    public class LibcoapClientTests
    {
        private static string Uri(IPAddress address, int port, string path) =>
            address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
                ? $"coap://[{address}]:{port}/{path}"
                : $"coap://{address}:{port}/{path}";

        [TestMethod]
        [DataRow("127.0.0.1")]
        [DataRow("::1")]
        public void GetReturnsThePayload(string loopback)
        {
            var address = IPAddress.Parse(loopback);
            using var server = new LoopbackServer(address);
            var result = CoapClient.Run("-m", "get", "-B", "10", Uri(address, server.Port, "test"));
            Assert.AreEqual("hello", result.Stdout.Trim(), result.Stderr);
            Assert.AreEqual(1, server.Server.Counters.Success);
        }

        [TestMethod]
        public void PutStoresThePayload()
        {
            using var server = new LoopbackServer(IPAddress.Loopback);
            var put = CoapClient.Run("-m", "put", "-B", "10", "-t", "0", "-e", "30.5", Uri(IPAddress.Loopback, server.Port, "test"));
            Assert.AreEqual("30.5", put.Stdout.Trim(), put.Stderr);
            Assert.AreEqual(1, server.Text.Puts);
            var get = CoapClient.Run("-m", "get", "-B", "10", Uri(IPAddress.Loopback, server.Port, "test"));
            Assert.AreEqual("30.5", get.Stdout.Trim());
        }

        [TestMethod]
        public void NonConfirmableGet()
        {
            using var server = new LoopbackServer(IPAddress.Loopback);
            var result = CoapClient.Run("-N", "-m", "get", "-B", "10", Uri(IPAddress.Loopback, server.Port, "test"));
            Assert.AreEqual("hello", result.Stdout.Trim(), result.Stderr);
        }

        [TestMethod]
        public void LongTokenIsEchoed()
        {
            using var server = new LoopbackServer(IPAddress.Loopback);
            var result = CoapClient.Run("-T", "0123456789abcdef", "-m", "get", "-B", "10", Uri(IPAddress.Loopback, server.Port, "test"));
            Assert.AreEqual("hello", result.Stdout.Trim(), result.Stderr);
        }

        [TestMethod]
        [DataRow("127.0.0.1")]
        [DataRow("::1")]
        public void UnknownPathIsNotFound(string loopback)
        {
            var address = IPAddress.Parse(loopback);
            using var server = new LoopbackServer(address);
            var result = CoapClient.Run("-m", "get", "-B", "10", Uri(address, server.Port, "nothing/here"));
            StringAssert.Contains(result.Stdout + result.Stderr, "4.04");
            Assert.AreEqual(1, server.Server.Counters.ClientErrors);
        }

        [TestMethod]
        public void PutInAFormatTheResourceDoesNotTakeIsUnsupported()
        {
            using var server = new LoopbackServer(IPAddress.Loopback);
            var result = CoapClient.Run("-m", "put", "-B", "10", "-t", "50", "-e", "{}", Uri(IPAddress.Loopback, server.Port, "test"));
            StringAssert.Contains(result.Stdout + result.Stderr, "4.15");
            Assert.AreEqual(0, server.Text.Puts);
        }
    }
}
