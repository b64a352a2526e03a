using System.Net;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Tests.Server;

namespace ThermoDev.HostTests.Interop
{
    /// <summary>/.well-known/core (RFC 6690) over real UDP, read by libcoap's client, which reassembles its blocks.</summary>
    [TestClass]
    public class LibcoapDiscoveryTests
    {
        private const string Links =
            "</test>;ct=0,</obs>;ct=0;obs,"
            + "</sensors/temp>;rt=\"temperature-c\";if=\"core.s\";ct=0;sz=8;obs;title=\"Temperature\"";

        private static LoopbackServer Start(IPAddress address) =>
            new LoopbackServer(address, null, null, new DescribedResource("sensors/temp", "temperature-c", "core.s", 0, 8, true, "Temperature"));

        [TestMethod]
        [DataRow("::1")]
        [DataRow("127.0.0.1")]
        public void TheClientPrintsTheLinkFormat(string loopback)
        {
            // Longer than the 64-byte block size: the server answers block 0 and libcoap asks for the rest.
            using var server = Start(IPAddress.Parse(loopback));
            var result = CoapClient.Run("-m", "get", "-B", "10", server.Uri(".well-known/core"));
            Assert.AreEqual(Links, result.Stdout.Trim(), result.Stderr);
            Assert.AreEqual((Links.Length + 63) / 64, server.Server.Counters.Success);
        }

        [TestMethod]
        public void SixteenByteBlocksGiveTheSameList()
        {
            using var server = Start(IPAddress.IPv6Loopback);
            var result = CoapClient.Run("-m", "get", "-B", "10", "-b", "16", server.Uri(".well-known/core"));
            Assert.AreEqual(Links, result.Stdout.Trim(), result.Stderr);
            Assert.AreEqual((Links.Length + 15) / 16, server.Server.Counters.Success);
        }

        [TestMethod]
        [DataRow("rt=temperature*", "</sensors/temp>;rt=\"temperature-c\";if=\"core.s\";ct=0;sz=8;obs;title=\"Temperature\"")]
        [DataRow("href=/obs", "</obs>;ct=0;obs")]
        [DataRow("obs", "</obs>;ct=0;obs,</sensors/temp>;rt=\"temperature-c\";if=\"core.s\";ct=0;sz=8;obs;title=\"Temperature\"")]
        [DataRow("rt=nothing", "")]
        public void AQueryFiltersTheList(string query, string expected)
        {
            using var server = Start(IPAddress.IPv6Loopback);
            var result = CoapClient.Run("-m", "get", "-B", "10", server.Uri(".well-known/core?" + query));
            Assert.AreEqual(expected, result.Stdout.Trim(), result.Stderr);
            Assert.AreEqual(0, server.Server.Counters.ClientErrors);
        }
    }
}
