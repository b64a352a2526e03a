using System;
using System.Linq;
using System.Net;
using Coap.Micro;
using Coap.Micro.Dotnet;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Supervision;
using ThermoDev.Sensors;
using ThermoDev.Tests.Server;

namespace ThermoDev.HostTests.Allocation
{
    /// <summary>GET /status, JSON and CBOR, every block of it, allocates nothing on the server thread.</summary>
    [TestClass]
    public class StatusAllocationTests
    {
        private const int WarmUp = 30_000;
        private const int Measured = 30_000;

        public TestContext TestContext { get; set; }

        [TestMethod]
        [Timeout(180_000, CooperativeCancellation = true)]
        public void StatusInEveryFormatAndBlockAllocatesNothing()
        {
            using var transport = new DotnetUdpTransport(new IPEndPoint(IPAddress.Loopback, 0));
            var sensor = new SimulatedSensor(2500);
            var facts = new CountingFacts();
            var options = new ThermoDevOptions { DeviceFacts = facts, WritePolicy = CoapWritePolicy.Everyone };
            var device = new ThermoDevServer(transport, new MonotonicClock(), new CoapRandom(new Random(9)), sensor, options);
            device.ReadLoop.ReadOnce();

            // A failed reading too: the error text is written from the string the read loop kept.
            sensor.Failing = true;
            device.ReadLoop.ReadOnce();

            // The readings signalled the loop (observers are told of changes): take that wake-up now, before
            // the lock-step load counts every turn as a request.
            device.Server.Poll(100);
            device.Server.Poll(100);

            // Blocks 0-2 of JSON (about 250 bytes) and of CBOR (about 200), block 0 without Block2 (late
            // negotiation), and a 16-byte block; every one of them exists whatever the values' lengths.
            var requests = Enumerable.Range(0, 3).Select(num => Get(-1, num))
                .Concat(Enumerable.Range(0, 3).Select(num => Get(CoapContentFormat.Cbor, num)))
                .Append(RequestBuilder.Get(0).Path("status").ToArray())
                .Append(RequestBuilder.Get(0).Path("status").Block(CoapOption.Block2, 7, false, 0).ToArray())
                .ToArray();
            using (var load = new LockStepLoad(device.Server, transport.LocalEndPoint.Port, requests))
            {
                long allocated = load.MeasureAfterWarmUp(WarmUp, Measured);
                TestContext.WriteLine($"{allocated} bytes over {Measured} /status requests");
                Assert.AreEqual(0L, allocated, $"{allocated} bytes over {Measured} requests");
            }

            Assert.IsGreaterThan(1_000, facts.Snapshots, "the values are taken for every first block");
        }

        private static byte[] Get(int accept, int num)
        {
            RequestBuilder request = RequestBuilder.Get(0).Path("status");
            if (accept >= 0)
            {
                request.UInt(CoapOption.Accept, (uint)accept);
            }

            return request.Block(CoapOption.Block2, num, false, 2).ToArray();
        }

        // Values that change on every snapshot, as a board's do.
        private sealed class CountingFacts : IDeviceFacts
        {
            public int Snapshots;

            public string Version => "1.2.3.4";

            public long UptimeMilliseconds() => ++Snapshots * 1_000L;

            public long FreeMemoryBytes() => 100_000 - Snapshots;

            public int Ipv4Address() => 192 | (168 << 8) | (1 << 16) | ((Snapshots & 0xFF) << 24);

            public int NetworkReconnects() => Snapshots / 100;
        }
    }
}
