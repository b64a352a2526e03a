using System;
using Coap.Micro;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Conformance.Resources;
using ThermoDev.HostTests.Support;

namespace ThermoDev.HostTests.Robustness
{
    /// <summary>
    /// Observers coming and going (RFC 7641): 100,000 registrations each ended by the client (GET with
    /// Observe 1, or RST to a notification), and 10,000 observers that vanish without answering their CON
    /// notifications (the server retransmits, then gives up, RFC 7641 §4.5). Afterwards the observer table
    /// is empty, and the server allocated nothing after warm-up: its memory is flat.
    /// </summary>
    [TestClass]
    public class ObserverChurnTests
    {
        private const int Cycles = 100_000;
        private const int Vanishing = 10_000;
        private const int Capacity = 64;

        public TestContext TestContext { get; set; }

        [TestMethod]
        [Timeout(120_000, CooperativeCancellation = true)]
        public void AHundredThousandRegistrationsEndedByTheirClientsLeaveNothingBehind()
        {
            StaticData.Initialize();
            var transport = new MemoryTransport();
            var clock = new ThermoDev.Tests.Server.FakeClock { Now = 1_000_000 };
            var server = new CoapServer(transport, clock, new CoapRandom(new Random(3)), new CoapServerOptions { MaxObservers = Capacity });
            var resource = new ObservableResource("obs-non", confirmable: false);
            server.Add(resource);

            byte[] register = { 0x44, 0x01, 0, 0, 0, 0, 0, 0, 0x60, 0x57, (byte)'o', (byte)'b', (byte)'s', (byte)'-', (byte)'n', (byte)'o', (byte)'n' };
            byte[] cancel = { 0x44, 0x01, 0, 0, 0, 0, 0, 0, 0x61, 0x01, 0x57, (byte)'o', (byte)'b', (byte)'s', (byte)'-', (byte)'n', (byte)'o', (byte)'n' };
            byte[] reset = { 0x70, 0x00, 0, 0 };
            var from = new CoapEndpoint();
            var endpoint = new byte[] { 192, 0, 2, 0, 0x16, 0 };
            var message = new CoapMessage(16);
            long allocated = 0;

            for (int i = 0; i < Cycles; i++)
            {
                // A thousand clients, each with a fresh token and Message IDs every cycle.
                endpoint[3] = (byte)(i % 250);
                endpoint[5] = (byte)((i / 250) % 4);
                from.Set(endpoint, 0, endpoint.Length);
                clock.Now += 10;
                SetIds(register, 2 * i, i);
                long before = GC.GetAllocatedBytesForCurrentThread();
                Exchange(server, transport, register, from);
                long used = GC.GetAllocatedBytesForCurrentThread() - before;
                Assert.AreEqual(1, transport.SentCount);
                Assert.AreEqual(CoapParseResult.Ok, message.Parse(transport.SentBuffer(0), 0, transport.SentLength(0)));
                Assert.IsTrue(message.HasOption(CoapOption.Observe), "registered");
                Assert.AreEqual(1, server.Counters.Observers);

                before = GC.GetAllocatedBytesForCurrentThread();
                if (i % 2 == 0)
                {
                    // RFC 7641 §3.6: GET with Observe 1 and the same token.
                    SetIds(cancel, (2 * i) + 1, i);
                    Exchange(server, transport, cancel, from);
                }
                else
                {
                    // RFC 7641 §3.6: an RST in reply to a notification.
                    resource.Tick();
                    transport.ClearSent();
                    server.Poll(0);
                    Assert.AreEqual(1, transport.SentCount);
                    reset[2] = transport.SentBuffer(0)[2];
                    reset[3] = transport.SentBuffer(0)[3];
                    Exchange(server, transport, reset, from);
                }

                used += GC.GetAllocatedBytesForCurrentThread() - before;
                allocated += i >= Cycles / 10 ? used : 0;
                Assert.AreEqual(0, server.Counters.Observers, $"cycle {i}");
            }

            TestContext.WriteLine($"{Cycles:N0} cycles: {server.Counters.Registrations:N0} registrations, {server.Counters.Deregistrations:N0} ended, {server.Counters.Notifications:N0} notifications; {allocated} bytes allocated after warm-up");
            Assert.AreEqual(Cycles, server.Counters.Registrations);
            Assert.AreEqual(Cycles, server.Counters.Deregistrations);
            Assert.AreEqual(0, server.Counters.Observers);
            Assert.AreEqual(0L, allocated);
        }

        [TestMethod]
        [Timeout(120_000, CooperativeCancellation = true)]
        public void TenThousandObserversThatVanishAreGivenUpAndLeaveNothingBehind()
        {
            StaticData.Initialize();
            var transport = new MemoryTransport();
            var clock = new ThermoDev.Tests.Server.FakeClock { Now = 1_000_000 };
            var server = new CoapServer(transport, clock, new CoapRandom(new Random(4)), new CoapServerOptions { MaxObservers = Capacity });
            var resource = new ObservableResource("obs", confirmable: true);
            server.Add(resource);

            byte[] register = { 0x44, 0x01, 0, 0, 0, 0, 0, 0, 0x60, 0x53, (byte)'o', (byte)'b', (byte)'s' };
            var from = new CoapEndpoint();
            var endpoint = new byte[] { 192, 0, 2, 0, 0x16, 0 };
            long allocated = 0;
            int waves = 0;
            int registered = 0;

            while (registered < Vanishing)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                int wave = 0;
                for (; wave < Capacity && registered < Vanishing; wave++, registered++)
                {
                    endpoint[3] = (byte)(registered % 250);
                    endpoint[5] = (byte)(registered / 250);
                    from.Set(endpoint, 0, endpoint.Length);
                    SetIds(register, registered, registered);
                    Exchange(server, transport, register, from);
                }

                Assert.AreEqual(wave, server.Counters.Observers);

                // A change: every observer gets a CON notification and never answers. The server retransmits
                // (ACK_TIMEOUT 2-3 s, doubling, MAX_RETRANSMIT 4, RFC 7252 §4.8) and then gives up on each.
                resource.Tick();
                for (int second = 0; second < 100; second++)
                {
                    transport.ClearSent();
                    server.Poll(0);
                    clock.Now += 1_000;
                }

                allocated += waves >= 2 ? GC.GetAllocatedBytesForCurrentThread() - before : 0;
                Assert.AreEqual(0, server.Counters.Observers, $"wave {waves}");
                waves++;
            }

            TestContext.WriteLine($"{registered:N0} observers in {waves} waves of {Capacity}: {server.Counters.ConfirmablesSent:N0} CON notifications, {server.Counters.Retransmissions:N0} retransmissions, {server.Counters.GaveUp:N0} given up; {allocated} bytes allocated after two waves");
            Assert.AreEqual(Vanishing, server.Counters.Registrations);
            Assert.AreEqual(Vanishing, server.Counters.GaveUp);
            Assert.AreEqual(4L * Vanishing, server.Counters.Retransmissions);
            Assert.AreEqual(0, server.Counters.Observers);
            Assert.AreEqual(0L, allocated);
        }

        private static void SetIds(byte[] request, int messageId, int token)
        {
            request[2] = (byte)(messageId >> 8);
            request[3] = (byte)messageId;
            request[4] = (byte)(token >> 24);
            request[5] = (byte)(token >> 16);
            request[6] = (byte)(token >> 8);
            request[7] = (byte)token;
        }

        private static void Exchange(CoapServer server, MemoryTransport transport, byte[] datagram, CoapEndpoint from)
        {
            transport.ClearSent();
            transport.Deliver(datagram, from);
            server.Poll(0);
        }
    }
}
