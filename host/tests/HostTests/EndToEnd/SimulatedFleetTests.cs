using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using Coap.Micro;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Simulation;

namespace ThermoDev.HostTests.EndToEnd
{
    /// <summary>
    /// <see cref="SimulatedFleet"/> in-process, as the gateway's --demo uses it: N devices on loopback and
    /// free ports, each answering on its own; the drift of device i comes from seed S + i exactly; a taken
    /// port throws a SocketException with nothing left bound; Dispose closes every port.
    /// </summary>
    [TestClass]
    public class SimulatedFleetTests
    {
        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void DevicesOnFreePortsAnswerAndLogWithTheirPortUntilDisposed()
        {
            var output = new LineWriter();
            IReadOnlyList<IPEndPoint> endpoints;
            using (var fleet = SimulatedFleet.Start(new SimulatedDeviceSettings { Bind = IPAddress.IPv6Loopback, Port = 0 }, 3, output))
            {
                endpoints = fleet.Endpoints;
                Assert.AreEqual(3, endpoints.Select(e => e.Port).Distinct().Count());
                foreach (IPEndPoint endpoint in endpoints)
                {
                    Assert.AreEqual(IPAddress.IPv6Loopback, endpoint.Address);
                    using var socket = new RawCoapSocket(endpoint.Address, endpoint.Port);
                    socket.SendGet("temp", CoapMessageType.Confirmable);
                    Assert.AreEqual(CoapCode.Content, socket.Receive().Code);
                    Assert.AreEqual("25.0", socket.AnswerText);
                    Assert.IsTrue(output.WaitFor(line => line.StartsWith($":{endpoint.Port} [::1]:", StringComparison.Ordinal) && line.EndsWith("CON GET /temp -> 2.05 25.0", StringComparison.Ordinal)), output.Text);
                }
            }

            foreach (IPEndPoint endpoint in endpoints)
            {
                using var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
                socket.Bind(endpoint);
            }
        }

        [TestMethod]
        public void DeviceIDriftsFromSeedSPlusI()
        {
            // An hour between readings: after the first one at start, only this test reads the sensors.
            var settings = new SimulatedDeviceSettings { Bind = IPAddress.Loopback, Port = 0, MaxDriftCentiCelsius = 50, Seed = 42, ReadIntervalMilliseconds = 3_600_000, Quiet = true };
            List<int>[] first = Readings(settings, 3, 20);
            List<int>[] again = Readings(settings, 3, 20);
            List<int>[] shifted = Readings(new SimulatedDeviceSettings { Bind = IPAddress.Loopback, Port = 0, MaxDriftCentiCelsius = 50, Seed = 43, ReadIntervalMilliseconds = 3_600_000, Quiet = true }, 2, 20);

            for (int i = 0; i < 3; i++)
            {
                CollectionAssert.AreEqual(first[i], again[i], $"device {i} did not repeat");
            }

            CollectionAssert.AreNotEqual(first[0], first[1]);
            CollectionAssert.AreNotEqual(first[1], first[2]);
            CollectionAssert.AreEqual(first[1], shifted[0], "seed 43's first device is seed 42's second");
            CollectionAssert.AreEqual(first[2], shifted[1]);
        }

        [TestMethod]
        public void ATakenPortThrowsWithNothingLeftBound()
        {
            using Socket taken = PcFleetTests.TakeTheNextOfAFreePort(out int first);
            int port = first + 1;
            var settings = new SimulatedDeviceSettings { Bind = IPAddress.Loopback, Port = first };

            var error = Assert.ThrowsExactly<DevicePortException>(() => SimulatedFleet.Start(settings, 2, TextWriter.Null));
            Assert.IsInstanceOfType<SocketException>(error);
            Assert.AreEqual(SocketError.AddressAlreadyInUse, error.SocketErrorCode);
            Assert.AreEqual(1, error.Device);
            StringAssert.StartsWith(error.Message, $"cannot listen on UDP 127.0.0.1:{port} (device 2 of 2; the devices before it were stopped): ");

            // The first device's port was closed again.
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, first));
        }

        [TestMethod]
        [DataRow(0)]
        [DataRow(65)]
        public void ACountOutsideOneToSixtyFourIsRefused(int count)
        {
            Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => SimulatedFleet.Start(new SimulatedDeviceSettings { Bind = IPAddress.Loopback, Port = 0 }, count, TextWriter.Null));
        }

        // The readings of each device's sensor, read `count` times after the start.
        private static List<int>[] Readings(SimulatedDeviceSettings settings, int devices, int count)
        {
            using var fleet = SimulatedFleet.Start(settings, devices, TextWriter.Null);
            return fleet.Devices.Select(device => Enumerable.Range(0, count).Select(_ =>
            {
                Assert.IsTrue(device.Sensor.TryRead(out int centiCelsius, out _));
                return centiCelsius;
            }).ToList()).ToArray();
        }

        // A writer whose lines a test can wait for (the fleet writes from its log thread).
        private sealed class LineWriter : StringWriter
        {
            private readonly object _gate = new object();

            public string Text
            {
                get
                {
                    lock (_gate)
                    {
                        return ToString();
                    }
                }
            }

            public override void WriteLine(string value)
            {
                lock (_gate)
                {
                    base.WriteLine(value);
                    System.Threading.Monitor.PulseAll(_gate);
                }
            }

            public bool WaitFor(Func<string, bool> match)
            {
                var deadline = DateTime.UtcNow.AddSeconds(10);
                lock (_gate)
                {
                    while (!ToString().Split('\n').Select(line => line.TrimEnd('\r')).Any(match))
                    {
                        TimeSpan left = deadline - DateTime.UtcNow;
                        if (left <= TimeSpan.Zero)
                        {
                            return false;
                        }

                        System.Threading.Monitor.Wait(_gate, left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
                    }

                    return true;
                }
            }
        }
    }
}
