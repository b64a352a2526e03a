using System;
using System.Net;
using System.Net.Sockets;
using Coap.Micro;
using Coap.Micro.Dotnet;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ThermoDev.HostTests.Transport
{
    /// <summary>
    /// Addresses read out of the .NET transport's endpoints (raw socket addresses), and the write policy
    /// deciding on them: IPv4 peers of the dual-stack socket arrive IPv4-mapped and match IPv4 subnets.
    /// </summary>
    [TestClass]
    public class SocketAddressReaderTests
    {
        [TestMethod]
        [DataRow("127.0.0.1", "127.0.0.1", "::ffff:127.0.0.1")]
        [DataRow("::", "127.0.0.1", "::ffff:127.0.0.1")]
        [DataRow("::1", "::1", "::1")]
        [DataRow("::", "::1", "::1")]
        [Timeout(30_000, CooperativeCancellation = true)]
        public void ReadsThePeerOfAReceivedDatagram(string bind, string client, string expected)
        {
            CoapEndpoint source = Receive(bind, client);
            var address = new byte[16];
            Assert.AreEqual(16, new SocketAddressReader().ReadAddress(source, address));
            Assert.AreEqual(IPAddress.Parse(expected), new IPAddress(address));
        }

        [TestMethod]
        [DataRow("127.0.0.1", "127.0.0.1", "127.0.0.0/8", true)]
        [DataRow("::", "127.0.0.1", "127.0.0.1", true)]
        [DataRow("::", "127.0.0.1", "10.0.0.0/8", false)]
        [DataRow("::", "127.0.0.1", "::1", false)]
        [DataRow("::", "::1", "::1/128", true)]
        [DataRow("::", "::1", "127.0.0.0/8", false)]
        [DataRow("::1", "::1", "fd00::/8, ::1", true)]
        [Timeout(30_000, CooperativeCancellation = true)]
        public void ThePolicyDecidesOnTheRealPeer(string bind, string client, string allowed, bool expected)
        {
            CoapEndpoint source = Receive(bind, client);
            Assert.AreEqual(expected, CoapWritePolicy.Parse(allowed, new SocketAddressReader()).MayWrite(source));
        }

        [TestMethod]
        public void ReadsSocketAddressesOfEitherFamily()
        {
            var address = new byte[16];
            Assert.AreEqual(4, new SocketAddressReader().ReadAddress(Endpoint(new IPEndPoint(IPAddress.Parse("192.168.1.20"), 5683)), address));
            CollectionAssert.AreEqual(new byte[] { 192, 168, 1, 20 }, address[..4]);
            Assert.AreEqual(16, new SocketAddressReader().ReadAddress(Endpoint(new IPEndPoint(IPAddress.Parse("fd00::17"), 5683)), address));
            Assert.AreEqual(IPAddress.Parse("fd00::17"), new IPAddress(address));
        }

        [TestMethod]
        public void KnowsNoOtherEndpoint()
        {
            var odd = new CoapEndpoint();
            odd.Set(new byte[6], 0, 6);
            Assert.AreEqual(0, new SocketAddressReader().ReadAddress(odd, new byte[16]));
            Assert.AreEqual(0, new SocketAddressReader().ReadAddress(null, new byte[16]));
        }

        private static CoapEndpoint Endpoint(IPEndPoint ep)
        {
            SocketAddress raw = ep.Serialize();
            var endpoint = new CoapEndpoint();
            Assert.IsTrue(endpoint.Set(raw.Buffer.ToArray(), 0, raw.Size));
            return endpoint;
        }

        // One datagram from a client socket on loopback, as the server's transport reports its sender.
        private static CoapEndpoint Receive(string bind, string client)
        {
            using var transport = new DotnetUdpTransport(new IPEndPoint(IPAddress.Parse(bind), 0));
            IPAddress target = IPAddress.Parse(client);
            using var socket = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            socket.SendTo(new byte[] { 0x40, 0x01, 0x00, 0x01 }, new IPEndPoint(target, transport.LocalEndPoint.Port));
            var source = new CoapEndpoint();
            Assert.AreEqual(4, transport.Receive(new byte[16], 0, 16, source, 5_000));
            Assert.AreEqual(((IPEndPoint)socket.LocalEndPoint).Port, DotnetUdpTransport.ToIPEndPoint(source).Port);
            return source;
        }
    }
}
