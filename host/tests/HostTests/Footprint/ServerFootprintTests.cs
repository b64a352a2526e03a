using System;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using Coap.Micro;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Support;
using ThermoDev.Sensors;

namespace ThermoDev.HostTests.Footprint
{
    /// <summary>
    /// What a server keeps on nanoFramework's heap (32-bit, as on ESP32), computed from its object
    /// graph with the heap's own rules (<see cref="NanoHeapRules"/>), so the figures in
    /// Coap.Micro/README.md stay true as the code changes.
    /// </summary>
    [TestClass]
    public class ServerFootprintTests
    {
        /// <summary>What the server keeps at default options beyond its receive and send buffers (README).</summary>
        public const int DefaultsBeyondBuffers = 4_032;

        /// <summary>The goal: at most 4 KB beyond the two buffers at default options, resources and discovery included.</summary>
        public const int Target = 4_096;

        /// <summary>
        /// What ThermoDev keeps as a board builds it: the server, /temp, the shared reading and the read loop
        /// (12 bytes of it the read loop's /humidity reference, null without a BME280).
        /// </summary>
        public const int ThermoDevAtDefaults = 6_144;

        /// <summary>
        /// ThermoDev with /status, as ThermoDev/Program.cs builds it: above <see cref="ThermoDevTarget"/>, which
        /// was set before /status existed.
        /// </summary>
        public const int ThermoDevWithStatusAtDefaults = 6_804;

        /// <summary>The goal for ThermoDev as a board builds it.</summary>
        public const int ThermoDevTarget = 6_144;

        public TestContext TestContext { get; set; }

        [TestMethod]
        public void AtDefaultOptionsTheServerKeepsWhatTheReadmeSays()
        {
            NanoHeapWalker heap = ServerHeap.Of(new CoapServerOptions());
            TestContext.WriteLine(heap.Describe());
            int buffers = heap.Items.Where(i => i.Path == "MessageLayer._receiveBuffer" || i.Path == "CoapResponse._buffer" || i.Path == "MessageLayer._sendBuffer").Sum(i => i.Bytes);
            int beyond = heap.Total - buffers;
            TestContext.WriteLine($"receive and send buffers {buffers} bytes; the rest {beyond} bytes (goal {Target}: {beyond - Target:+#;-#;0} bytes)");
            Assert.AreEqual(540 + 564, buffers, "a 513-byte receive buffer and a 536-byte send buffer");
            Assert.IsLessThanOrEqualTo(DefaultsBeyondBuffers, beyond, "the server grew: update Coap.Micro/README.md and this figure");
            Assert.IsLessThanOrEqualTo(Target, beyond, "the server no longer meets the 4 KB goal beyond its buffers");
        }

        [TestMethod]
        public void EachObserverCostsLessThanEightyBytes()
        {
            int perObserver = PerEntry(o => o.MaxObservers = 4, o => o.MaxObservers = 104, 100);
            TestContext.WriteLine($"bytes per observer (relation, peer, confirmable state): {perObserver}");
            Assert.IsLessThan(80, perObserver);
        }

        [TestMethod]
        public void EachRememberedExchangeCostsLessThanTwentyBytes()
        {
            int perExchange = PerEntry(o => o.DeduplicationEntries = 32, o => o.DeduplicationEntries = 132, 100);
            TestContext.WriteLine($"bytes per remembered exchange: {perExchange}");
            Assert.IsLessThan(20, perExchange);
        }

        [TestMethod]
        public void EachPendingSeparateResponseCostsLessThanSixtyBytes()
        {
            int perSlot = PerEntry(o => o.MaxSeparateResponses = 0, o => o.MaxSeparateResponses = 30, 30);
            TestContext.WriteLine($"bytes per separate response (request, peer, confirmable state): {perSlot}");
            Assert.IsLessThan(60, perSlot);
        }

        [TestMethod]
        public void TheReplayCacheCostsItsSizeAndNoMore()
        {
            int perByte = PerEntry(o => o.ReplayCacheBytes = 0, o => o.ReplayCacheBytes = 1_200, 1_200);
            Assert.AreEqual(1, perByte);
        }

        [TestMethod]
        public void ThermoDevAtDeviceDefaults()
        {
            // The firmware as a board builds it: the server, /temp, the shared reading and the read loop.
            var firmware = new ThermoDevServer(new InMemoryTransport(ServerHeap.DeviceEndpointLength), new ServerHeap.FixedClock(),
                new CoapRandom(new Random(1)), new SimulatedSensor(), new ThermoDevOptions());
            var heap = new NanoHeapWalker(RepoPaths.NanoMscorlib, v => v is ICoapTransport || v is ICoapClock || v is ICoapRandom || v is ITemperatureSensor);
            heap.Add(firmware, nameof(ThermoDevServer));
            TestContext.WriteLine(heap.Describe());
            int server = ServerHeap.Bytes(new CoapServerOptions());
            TestContext.WriteLine($"ThermoDev in all: {heap.Total} bytes, of which the CoAP server {server}");
            Assert.IsLessThan(server + 2_100, heap.Total);
            Assert.IsLessThanOrEqualTo(ThermoDevAtDefaults, heap.Total, "ThermoDev grew: update this figure");
            Assert.IsLessThanOrEqualTo(ThermoDevTarget, heap.Total, "ThermoDev grew past its 6 KB goal");
        }

        [TestMethod]
        public void ThermoDevWithStatus()
        {
            // /status as the board serves it (ThermoDevOptions.DeviceFacts set). The device facts and the log
            // are the board's own objects, counted in TheWifiSupervisionAndTheBoardsFactsAreSmall.
            var options = new ThermoDevOptions { DeviceFacts = new NoFacts(), Log = new NoLog() };
            var firmware = new ThermoDevServer(new InMemoryTransport(ServerHeap.DeviceEndpointLength), new ServerHeap.FixedClock(),
                new CoapRandom(new Random(1)), new SimulatedSensor(), options);
            var heap = new NanoHeapWalker(RepoPaths.NanoMscorlib, v => v is ICoapTransport || v is ICoapClock || v is ICoapRandom || v is ITemperatureSensor
                || v is ThermoDev.Supervision.IDeviceFacts || v is ThermoDev.Supervision.ILogSink);
            heap.Add(firmware, nameof(ThermoDevServer));
            TestContext.WriteLine(heap.Describe());
            TestContext.WriteLine($"ThermoDev with /status: {heap.Total} bytes, {heap.Total - ThermoDevAtDefaults} more than without");
            Assert.IsLessThanOrEqualTo(ThermoDevWithStatusAtDefaults, heap.Total, "/status grew: update this figure");
        }

        [TestMethod]
        public void TheWifiSupervisionAndTheBoardsFactsAreSmall()
        {
            // What ThermoDev/Program.cs adds beside the server: the supervisor, and its probe, reboot, facts
            // and log objects (each class of ThermoDev/BoardDevice.cs has the fields of its stand-in here).
            var heap = new NanoHeapWalker(RepoPaths.NanoMscorlib, v => v is ICoapClock);
            var supervisor = new ThermoDev.Supervision.NetworkSupervisor(new NoProbe(), new ServerHeap.FixedClock(), new NoReboot(), new NoLog(), 600_000);
            heap.Add(supervisor, nameof(ThermoDev.Supervision.NetworkSupervisor));
            heap.Add(new BoardFactsShape { Clock = new ServerHeap.FixedClock(), Network = supervisor }, "BoardFacts");
            TestContext.WriteLine(heap.Describe());
            TestContext.WriteLine($"Wi-Fi supervision and board facts: {heap.Total} bytes");
            Assert.IsLessThanOrEqualTo(200, heap.Total);
        }

        private sealed class NoFacts : ThermoDev.Supervision.IDeviceFacts
        {
            public string Version => "0";

            public long UptimeMilliseconds() => 0;

            public long FreeMemoryBytes() => 0;

            public int Ipv4Address() => 0;

            public int NetworkReconnects() => 0;
        }

        private sealed class NoLog : ThermoDev.Supervision.ILogSink
        {
            public void Line(string text)
            {
            }
        }

        private sealed class NoProbe : ThermoDev.Supervision.INetworkProbe
        {
            public int Ipv4Address() => 0;
        }

        private sealed class NoReboot : ThermoDev.Supervision.IDeviceReboot
        {
            public void Reboot(string reason)
            {
            }
        }

        // BoardFacts' two fields (the clock and the supervisor).
        private sealed class BoardFactsShape
        {
            public ICoapClock Clock;
            public ThermoDev.Supervision.NetworkSupervisor Network;
        }

        [TestMethod]
        public void TheLibrarysStaticDataIsSmall()
        {
            // Static fields (diagnostic texts, tables) are kept once per application, whatever the servers.
            Assembly library = typeof(CoapServer).Assembly;
            var heap = new NanoHeapWalker(RepoPaths.NanoMscorlib, _ => false);
            foreach (Type type in library.GetTypes().Where(t => !t.IsGenericTypeDefinition))
            {
                RuntimeHelpers.RunClassConstructor(type.TypeHandle);
                foreach (FieldInfo field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (!field.IsLiteral && !field.FieldType.IsValueType)
                    {
                        heap.Add(field.GetValue(null), $"{type.Name}.{field.Name}");
                    }
                }
            }

            TestContext.WriteLine(heap.Describe());
            Assert.IsLessThan(1_600, heap.Total);
        }

        private static int PerEntry(Action<CoapServerOptions> few, Action<CoapServerOptions> many, int added)
        {
            var small = new CoapServerOptions();
            few(small);
            var large = new CoapServerOptions();
            many(large);
            return (ServerHeap.Bytes(large) - ServerHeap.Bytes(small) + added - 1) / added;
        }
    }
}
