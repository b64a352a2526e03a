using System;
using System.IO;
using System.Net;
using Coap.Micro;
using Coap.Micro.Dotnet;
using Coap.Micro.Oscore;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Sensors;
using ThermoDev.Simulation;

namespace ThermoDev.HostTests.Oscore
{
    /// <summary>How ThermoDevOptions.Security reaches the server: writes then need OSCORE, reads when asked.</summary>
    [TestClass]
    public class ThermoDevServerSecurityTests
    {
        private static readonly byte[] Secret = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };

        [TestMethod]
        public void SecurityIsSetOnTheServerAndWritesNeedIt()
        {
            OscoreServerSecurity security = NewSecurity();
            using var transport = new DotnetUdpTransport(new IPEndPoint(IPAddress.Loopback, 0));
            var device = new ThermoDevServer(transport, new MonotonicClock(), new CoapRandom(), new SimulatedSensor(),
                new ThermoDevOptions { Security = security, WritePolicy = CoapWritePolicy.Everyone });
            Assert.AreSame(security, device.Server.Security);
            Assert.IsTrue(device.Server.RequireProtectedWrites);
            Assert.IsFalse(device.Server.RequireProtectedReads);
        }

        [TestMethod]
        public void ProtectedReadsAreRequiredWhenAsked()
        {
            using var transport = new DotnetUdpTransport(new IPEndPoint(IPAddress.Loopback, 0));
            var device = new ThermoDevServer(transport, new MonotonicClock(), new CoapRandom(), new SimulatedSensor(),
                new ThermoDevOptions { Security = NewSecurity(), RequireProtectedReads = true });
            Assert.IsTrue(device.Server.RequireProtectedReads);
        }

        [TestMethod]
        public void WithoutSecurityNothingIsRequiredAndProtectedReadsAreRefused()
        {
            using var transport = new DotnetUdpTransport(new IPEndPoint(IPAddress.Loopback, 0));
            var plain = new ThermoDevServer(transport, new MonotonicClock(), new CoapRandom(), new SimulatedSensor(), new ThermoDevOptions());
            Assert.IsNull(plain.Server.Security);
            Assert.IsFalse(plain.Server.RequireProtectedWrites);
            Assert.ThrowsExactly<ArgumentException>(() => new ThermoDevServer(transport, new MonotonicClock(), new CoapRandom(), new SimulatedSensor(),
                new ThermoDevOptions { RequireProtectedReads = true }));
        }

        [TestMethod]
        public void AFleetWithSecurityHasOneDevice()
        {
            var settings = new SimulatedDeviceSettings { Bind = IPAddress.Loopback, Port = 0, Multicast = false, Quiet = true, Security = NewSecurity() };
            Assert.ThrowsExactly<ArgumentException>(() => SimulatedFleet.Start(settings, 2, TextWriter.Null));
            using SimulatedFleet fleet = SimulatedFleet.Start(settings, 1, TextWriter.Null);
            Assert.AreSame(settings.Security, fleet.Devices[0].Server.Security);
        }

        private static OscoreServerSecurity NewSecurity()
        {
            var security = new OscoreServerSecurity(1);
            security.Add(new OscoreSecurityContext(Secret, null, new byte[] { 1 }, new byte[] { 2 }, null), new OscoreSenderSequence(new MemoryStore(), 64));
            return security;
        }

        private sealed class MemoryStore : ISequenceNumberStore
        {
            private long _value;

            public long Load() => _value;

            public void Store(long value) => _value = value;
        }
    }
}
