extern alias ResourceDirectoryTests;

using System;
using System.Diagnostics;
using System.Net;
using Coap.Micro;
using Coap.Micro.Dotnet;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Client;
using ThermoDev.HostTests.Interop;
using ThermoDev.ResourceDirectory;
using ThermoDev.Supervision;
using ThermoDev.Tests.Server;
using Fakes = ResourceDirectoryTests::ThermoDev.Tests.ResourceDirectory;

namespace ThermoDev.HostTests.Allocation
{
    /// <summary>
    /// A registration update (RFC 9176 §5.3.1) allocates nothing once the registration is made: measured on the
    /// thread that steps the registration (and so runs its client's loop), against a fake RD on our server over UDP.
    /// </summary>
    [TestClass]
    public class RegistrationAllocationTests
    {
        public TestContext TestContext { get; set; }

        [TestMethod]
        [Timeout(180_000, CooperativeCancellation = true)]
        public void UpdatesAllocateNothingOnTheRegistrationThread()
        {
            var directory = new Fakes.FakeDirectory();
            var registrationResource = new Fakes.FakeRegistration(1);
            using var server = new LoopbackServer(IPAddress.Loopback, null, null, directory, registrationResource);
            using var rig = new UdpClientRig(IPAddress.Loopback);
            var clock = new FakeClock { Now = 1000 };
            var log = new CountingLog();
            var settings = new RegistrationSettings
            {
                EndpointName = "kitchen",
                LifetimeSeconds = 60,
                BaseUri = "coap://127.0.0.1:5683",
                RegistrationPath = "/rd",
                DirectoryText = "coap://127.0.0.1",
                RequestTimeoutMilliseconds = 5_000,
            };
            var registration = new ResourceDirectoryRegistration(
                rig.Client, DotnetUdpTransport.ToEndpoint(new IPEndPoint(IPAddress.Loopback, server.Port)),
                System.Text.Encoding.ASCII.GetBytes("</temp>;rt=\"temperature-c\";ct=0;obs"), settings, clock, new CoapRandom(), log);
            registration.Step();
            registration.Step();
            Assert.AreEqual(RegistrationState.Registered, registration.State);

            // Each turn: the update is due (half of the 60 s lifetime later), sent and answered 2.04.
            void Updates(int count)
            {
                for (int i = 0; i < count; i++)
                {
                    clock.Now = registration.DueAt;
                    registration.Step();
                }
            }

            var watch = Stopwatch.StartNew();
            int warm = 0;
            while (warm < 5_000 || watch.ElapsedMilliseconds < 3_000)
            {
                Updates(500);
                warm += 500;
            }

            int before = registration.Updates;
            long allocated = GC.GetAllocatedBytesForCurrentThread();
            Updates(5_000);
            allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
            TestContext.WriteLine($"{allocated} bytes on the registration thread over 5,000 updates");
            Assert.AreEqual(5_000, registration.Updates - before);
            Assert.AreEqual(0L, allocated);
            Assert.AreEqual(1, log.Lines, "only the registration was logged");
            Assert.AreEqual(1, directory.Posts);
        }

        private sealed class CountingLog : ILogSink
        {
            public int Lines;

            public void Line(string text) => Lines++;
        }
    }
}
