using System;
using Coap.Micro;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Support;
using ThermoDev.Sensors;

namespace ThermoDev.HostTests.Footprint
{
    /// <summary>What answering multicast discovery (RFC 7252 §8) costs: nothing beyond two fields when off, the kept request when on.</summary>
    [TestClass]
    public class MulticastFootprintTests
    {
        /// <summary>ThermoDev as a board builds it with multicast on (DeviceSettings.AnswerMulticast, the default; a 48-byte request kept) and a name.</summary>
        public const int ThermoDevWithMulticast = 6_240;

        public TestContext TestContext { get; set; }

        [TestMethod]
        public void TheKeptRequestIsAllMulticastAdds()
        {
            var on = new CoapServerOptions { MulticastRequestBytes = 64, MulticastLeisureMilliseconds = 1000 };
            int added = ServerHeap.Bytes(on) - ServerHeap.Bytes(new CoapServerOptions());
            TestContext.WriteLine($"multicast on (64-byte request kept): {added} bytes more");

            // One byte array (a 20-byte header, rounded up to 12): 7 bytes of leisure, due time and source length,
            // a 6-byte endpoint, the request's length and 64 bytes. Off, it costs one null field.
            Assert.AreEqual(108, added);
        }

        [TestMethod]
        public void ThermoDevAsABoardWithMulticastBuildsIt()
        {
            var options = new ThermoDevOptions { Name = "thermodev-a1b2c3" };
            options.Server.MulticastRequestBytes = 48;
            options.Server.MulticastLeisureMilliseconds = 1000;
            var firmware = new ThermoDevServer(new InMemoryTransport(ServerHeap.DeviceEndpointLength), new ServerHeap.FixedClock(),
                new CoapRandom(new Random(1)), new SimulatedSensor(), options);
            var heap = new NanoHeapWalker(RepoPaths.NanoMscorlib, v => v is ICoapTransport || v is ICoapClock || v is ICoapRandom || v is ITemperatureSensor);
            heap.Add(firmware, nameof(ThermoDevServer));
            TestContext.WriteLine(heap.Describe());
            TestContext.WriteLine($"ThermoDev with multicast and a name: {heap.Total} bytes");
            Assert.IsLessThanOrEqualTo(ThermoDevWithMulticast, heap.Total, "ThermoDev with multicast grew: update this figure");
        }
    }
}
