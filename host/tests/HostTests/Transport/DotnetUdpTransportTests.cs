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
        [DataRow("127.0.0.1")]
        [DataRow("::1")]
        [DataRow("::")]
        [Timeout(30_000, CooperativeCancellation = true)]
        public void AWakeUpPutsNoDatagramOnTheCoapPort(string bind)
        {
            // The kernel's own view of the port: bytes queued on every UDP socket bound to it.
            if (!OperatingSystem.IsLinux())
            {
                Assert.Inconclusive("reads the kernel's socket table (/proc/net/udp)");
            }

            using var transport = new DotnetUdpTransport(new IPEndPoint(IPAddress.Parse(bind), 0));
            int port = transport.LocalEndPoint.Port;
            Assert.AreEqual(0L, QueuedOnPort(port));
            for (int i = 0; i < 100; i++)
            {
                transport.Wake();
                Thread.Sleep(1);
            }

            Thread.Sleep(50);
            Assert.AreEqual(0L, QueuedOnPort(port), "a wake-up reached the CoAP port");

            // The wake-ups still end a receive at once, and leave nothing behind.
            var buffer = new byte[64];
            var watch = Stopwatch.StartNew();
            Assert.AreEqual(-1, transport.Receive(buffer, 0, buffer.Length, new CoapEndpoint(), 10_000));
            Assert.IsLessThan(5_000L, watch.ElapsedMilliseconds);
            Assert.AreEqual(-1, transport.Receive(buffer, 0, buffer.Length, new CoapEndpoint(), 50));

            // A datagram sent to the port is what the kernel table shows.
            IPAddress target = bind == "::" ? IPAddress.Loopback : IPAddress.Parse(bind);
            using var client = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            client.SendTo(new byte[] { 0x40, 0x01, 0x00, 0x01 }, new IPEndPoint(target, port));
            Thread.Sleep(50);
            Assert.IsGreaterThan(0L, QueuedOnPort(port));
        }

        [TestMethod]
        [Timeout(30_000, CooperativeCancellation = true)]
        public void AServerWokenByChangesCountsNoDatagram()
        {
            using var transport = new DotnetUdpTransport(new IPEndPoint(IPAddress.Loopback, 0));
            var server = new CoapServer(transport, new MonotonicClock(), new CoapRandom(new Random(1)), null);
            var resource = new ChangingResource();
            server.Add(resource);
            server.Start();
            try
            {
                for (int i = 0; i < 200; i++)
                {
                    resource.Changed();
                    Thread.Sleep(1);
                }
            }
            finally
            {
                var watch = Stopwatch.StartNew();
                Assert.IsTrue(server.Stop(5_000));
                Assert.IsLessThan(1_000L, watch.ElapsedMilliseconds, "Stop was not prompt");
            }

            Assert.AreEqual(0, server.Counters.Datagrams);
            Assert.AreEqual(0, server.Counters.Dropped);
            Assert.AreEqual(0, transport.Errors);
        }

        // Bytes queued on the UDP sockets bound to port, from /proc/net/udp and udp6 (rx_queue, hexadecimal).
        private static long QueuedOnPort(int port)
        {
            long queued = 0;
            string suffix = ":" + port.ToString("X4");
            foreach (string table in new[] { "/proc/net/udp", "/proc/net/udp6" })
            {
                foreach (string line in System.IO.File.ReadAllLines(table))
                {
                    string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (fields.Length > 4 && fields[1].EndsWith(suffix, StringComparison.Ordinal))
                    {
                        queued += Convert.ToInt64(fields[4].Substring(fields[4].IndexOf(':') + 1), 16);
                    }
                }
            }

            return queued;
        }

        private sealed class ChangingResource : CoapResource
        {
            public ChangingResource()
                : base("change", CoapMethods.Get)
            {
                Observable = true;
            }

            public override void Get(CoapMessage request, CoapResponse response)
            {
                response.AddPayloadNumber(1);
            }
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
        [DataRow("127.0.0.1")]
        [DataRow("::1")]
        [Timeout(30_000, CooperativeCancellation = true)]
        public void TheIPv6GroupIsJoinedOnlyWhenBoundToTheIPv6Wildcard(string bind)
        {
            // ff02::fd reaches a socket bound to [::] only (RFC 7252 §12.8); bound elsewhere nothing is joined and
            // unicast is served as before.
            if (!OperatingSystem.IsLinux())
            {
                Assert.Inconclusive("joining a group is supported on Linux");
            }

            using var transport = new DotnetUdpTransport(new IPEndPoint(IPAddress.Parse(bind), 0));
            Assert.ThrowsExactly<InvalidOperationException>(() => transport.JoinAllCoapNodesIPv6());
            Assert.IsFalse(transport.JoinedGroup);

            var buffer = new byte[8];
            var source = new CoapEndpoint();
            IPAddress target = IPAddress.Parse(bind);
            using var client = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            client.SendTo(new byte[] { 0x40, 0x01, 0x00, 0x01 }, new IPEndPoint(target, transport.LocalEndPoint.Port));
            Assert.AreEqual(4, transport.Receive(buffer, 0, buffer.Length, source, 5_000));
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
