using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Coap.Micro;
using Coap.Micro.Dotnet;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ThermoDev.HostTests.Transport
{
    /// <summary>The .NET UDP transport: dual-stack endpoints, and a wake-up that interrupts a waiting receive.</summary>
    [TestClass]
    public class DotnetUdpTransportTests
    {
        [TestMethod]
        [DataRow("127.0.0.1")]
        [DataRow("::1")]
        [DataRow("::")]
        [Timeout(30_000, CooperativeCancellation = true)]
        public void WakeInterruptsAWaitingReceiveAndIsNotADatagram(string bind)
        {
            using var transport = new DotnetUdpTransport(new IPEndPoint(IPAddress.Parse(bind), 0));
            var buffer = new byte[64];
            var source = new CoapEndpoint();
            int result = 0;
            long waited = 0;
            var receiver = new Thread(() =>
            {
                var watch = Stopwatch.StartNew();
                result = transport.Receive(buffer, 0, buffer.Length, source, 20_000);
                waited = watch.ElapsedMilliseconds;
            });
            receiver.Start();
            Thread.Sleep(100);
            transport.Wake();
            Assert.IsTrue(receiver.Join(10_000), "receive was not woken");
            Assert.AreEqual(-1, result);
            Assert.IsLessThan(10_000L, waited);

            // A real datagram after the wake-up still arrives, with its sender.
            IPAddress target = bind == "::" ? IPAddress.IPv6Loopback : IPAddress.Parse(bind);
            using var client = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            client.SendTo(new byte[] { 0x40, 0x01, 0x00, 0x01 }, new IPEndPoint(target, transport.LocalEndPoint.Port));
            Assert.AreEqual(4, transport.Receive(buffer, 0, buffer.Length, source, 5_000));
            Assert.AreEqual(((IPEndPoint)client.LocalEndPoint).Port, DotnetUdpTransport.ToIPEndPoint(source).Port);
        }

        [TestMethod]
        [Timeout(30_000, CooperativeCancellation = true)]
        public void AReceiveWaitsItsTimeoutAndAZeroTimeoutDoesNotWait()
        {
            using var transport = new DotnetUdpTransport(new IPEndPoint(IPAddress.Loopback, 0));
            var buffer = new byte[64];
            var source = new CoapEndpoint();
            foreach (int timeout in new[] { 150, 60, 150 })
            {
                var watch = Stopwatch.StartNew();
                Assert.AreEqual(-1, transport.Receive(buffer, 0, buffer.Length, source, timeout));
                Assert.IsGreaterThanOrEqualTo(timeout - 10L, watch.ElapsedMilliseconds, "returned before its timeout");
                Assert.IsLessThan(timeout + 2_000L, watch.ElapsedMilliseconds);
            }

            var quick = Stopwatch.StartNew();
            Assert.AreEqual(-1, transport.Receive(buffer, 0, buffer.Length, source, 0));
            Assert.IsLessThan(50L, quick.ElapsedMilliseconds);

            // A datagram already there is taken without waiting, and one larger than the buffer reports a length past it.
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            client.SendTo(new byte[100], new IPEndPoint(IPAddress.Loopback, transport.LocalEndPoint.Port));
            Thread.Sleep(50);
            Assert.IsGreaterThan(buffer.Length, transport.Receive(buffer, 0, buffer.Length, source, 0));
            Assert.AreEqual(0, transport.Errors);
        }

        [TestMethod]
        [Timeout(30_000, CooperativeCancellation = true)]
        public void ManyWakesLeaveNoStrayDatagrams()
        {
            using var transport = new DotnetUdpTransport(new IPEndPoint(IPAddress.Loopback, 0));
            var buffer = new byte[64];
            var source = new CoapEndpoint();
            for (int i = 0; i < 1_000; i++)
            {
                transport.Wake();
                transport.Wake();
                Assert.AreEqual(-1, transport.Receive(buffer, 0, buffer.Length, source, 1_000));
            }

            Assert.AreEqual(-1, transport.Receive(buffer, 0, buffer.Length, source, 50));
            Assert.AreEqual(0, transport.Errors);
        }

        [TestMethod]
        public void EndpointsFormatAsPeopleWriteThem()
        {
            using var transport = new DotnetUdpTransport(new IPEndPoint(IPAddress.IPv6Any, 0));
            var buffer = new byte[8];
            var source = new CoapEndpoint();
            foreach (var (address, expected) in new[] { (IPAddress.Loopback, "127.0.0.1:"), (IPAddress.IPv6Loopback, "[::1]:") })
            {
                using var client = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
                client.SendTo(new byte[] { 0x40, 0x01, 0x00, 0x01 }, new IPEndPoint(address, transport.LocalEndPoint.Port));
                Assert.AreEqual(4, transport.Receive(buffer, 0, buffer.Length, source, 5_000));
                Assert.AreEqual(expected + ((IPEndPoint)client.LocalEndPoint).Port, DotnetUdpTransport.Format(source));
            }
        }
    }
}
