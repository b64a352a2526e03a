using System.Net;
using System.Net.Sockets;
using Coap.Micro;
using Coap.Micro.Dotnet;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ThermoDev.HostTests.Client
{
    /// <summary>An endpoint made from an IPEndPoint is the one a datagram from there arrives with, so responses match it.</summary>
    [TestClass]
    public class EndpointConversionTests
    {
        [TestMethod]
        [DataRow("127.0.0.1")]
        [DataRow("::1")]
        public void ADatagramFromAnAddressArrivesWithTheEndpointMadeFromIt(string address)
        {
            IPAddress loopback = IPAddress.Parse(address);
            using var transport = new DotnetUdpTransport(new IPEndPoint(loopback, 0));
            using var sender = new Socket(loopback.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            sender.Bind(new IPEndPoint(loopback, 0));
            sender.SendTo(new byte[] { 0x50, 0x01, 0, 1 }, new IPEndPoint(loopback, transport.LocalEndPoint.Port));

            var source = new CoapEndpoint();
            Assert.AreEqual(4, transport.Receive(new byte[16], 0, 16, source, 5_000));
            CoapEndpoint made = DotnetUdpTransport.ToEndpoint((IPEndPoint)sender.LocalEndPoint);
            Assert.IsTrue(made.SameAs(source));
            Assert.AreEqual(sender.LocalEndPoint, DotnetUdpTransport.ToIPEndPoint(made));
        }

        [TestMethod]
        public void AnEndpointCanBeSetInPlace()
        {
            var endpoint = new CoapEndpoint();
            DotnetUdpTransport.ToEndpoint(new IPEndPoint(IPAddress.Loopback, 5683), endpoint);
            Assert.AreEqual("127.0.0.1:5683", DotnetUdpTransport.Format(endpoint));
        }
    }
}
