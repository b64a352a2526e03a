using System;
using System.Diagnostics;
using Coap.Micro;
using Coap.Micro.Oscore;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Interop;

namespace ThermoDev.HostTests.Allocation
{
    /// <summary>
    /// A server with OSCORE (RFC 8613) allocates nothing per protected request and response, per protected
    /// notification and per refusal once the runtime has warmed up; the client side of these tests (protect,
    /// unprotect) allocates nothing either, since it is measured on the same thread.
    /// </summary>
    [TestClass]
    public class OscoreServerAllocationTests
    {
        private const int Measured = 10_000;

        [TestMethod]
        [Timeout(180_000, CooperativeCancellation = true)]
        public void ProtectedRequestAndResponseAllocateNothing()
        {
            var rig = new OscoreRig(2, new CoapServerOptions());
            var resource = new LoopbackServer.CounterResource("obs");
            rig.Server.Add(resource);
            var client = rig.AddClient(new byte[] { 0x01 }, null, 1);
            rig.Handshake(client, "obs");
            var answer = new CoapMessage(8);
            Func<int> serve = () =>
            {
                int done = 0;
                for (int i = 0; i < 1_000; i++)
                {
                    client.Build(CoapMessageType.Confirmable, CoapCode.Get, "obs", -1, null, null);
                    if (rig.Send(client) == 1 && client.Unprotect(rig.Transport.SentBuffer(0), rig.Transport.SentLength(0)) > 0
                        && answer.Parse(client.Plain, 0, client.PlainLength) == CoapParseResult.Ok && answer.Code == CoapCode.Content)
                    {
                        done++;
                    }
                }

                return done;
            };

            long allocated = AllocatedAfterWarmUp(serve, out int contents);
            Assert.AreEqual(0L, allocated, allocated + " bytes over " + Measured + " protected requests");
            Assert.AreEqual(Measured, contents, "every protected GET is answered a protected 2.05");
            Assert.AreEqual(0, rig.Server.Counters.LoopFaults);
            Assert.AreEqual(0, rig.Server.Counters.HandlerFaults);
        }

        [TestMethod]
        [Timeout(180_000, CooperativeCancellation = true)]
        public void ProtectedNotificationsAllocateNothing()
        {
            var rig = new OscoreRig(2, new CoapServerOptions());
            var resource = new LoopbackServer.CounterResource("obs");
            rig.Server.Add(resource);
            var client = rig.AddClient(new byte[] { 0x01 }, null, 1);
            rig.Handshake(client, "obs");
            client.Build(CoapMessageType.Confirmable, CoapCode.Get, "obs", 0, null, null);
            rig.Send(client);
            Assert.AreEqual(1, rig.Server.Counters.Observers, "the protected registration is taken");
            long registration = client.RequestPartialIv;
            byte[] ack = { 0x60, 0x00, 0x00, 0x00 };
            var notification = new CoapMessage(8);
            int value = 0;
            Func<int> notify = () =>
            {
                int done = 0;
                for (int i = 0; i < 1_000; i++)
                {
                    rig.Transport.ClearSent();
                    resource.Set(++value);
                    rig.Server.Poll(0);
                    if (rig.Transport.SentCount != 1)
                    {
                        continue;
                    }

                    byte[] sent = rig.Transport.SentBuffer(0);
                    if (client.Unprotect(sent, rig.Transport.SentLength(0), registration) > 0
                        && notification.Parse(client.Plain, 0, client.PlainLength) == CoapParseResult.Ok && notification.Code == CoapCode.Content)
                    {
                        done++;
                    }

                    if ((sent[0] & 0x30) == 0)
                    {
                        // RFC 7252 §4.2: the confirmable notification is acknowledged.
                        ack[2] = sent[2];
                        ack[3] = sent[3];
                        rig.Transport.Deliver(ack, client.Endpoint);
                        rig.Server.Poll(0);
                    }
                }

                return done;
            };

            int before = rig.Server.Counters.Notifications;
            long allocated = AllocatedAfterWarmUp(notify, out int verified);
            Assert.AreEqual(0L, allocated, allocated + " bytes over " + Measured + " protected notifications");
            Assert.AreEqual(Measured, verified, "every change reached the observer as a notification it verifies");
            Assert.IsGreaterThan(Measured, rig.Server.Counters.Notifications - before);
            Assert.AreEqual(1, rig.Server.Counters.Observers);
            Assert.AreEqual(0, rig.Server.Counters.LoopFaults);
        }

        [TestMethod]
        [Timeout(180_000, CooperativeCancellation = true)]
        public void RefusalsAllocateNothing()
        {
            var rig = new OscoreRig(2, new CoapServerOptions());
            rig.Server.Add(new LoopbackServer.CounterResource("obs"));
            var client = rig.AddClient(new byte[] { 0x01 }, null, 1);
            var stranger = new OscoreRig(1, new CoapServerOptions()).AddClient(new byte[] { 0x77 }, null, 2);
            rig.Handshake(client, "obs");

            // A replay (the last request again), a tag that does not verify, an unknown kid, an option that does not decode.
            client.Build(CoapMessageType.Confirmable, CoapCode.Get, "obs", -1, null, null);
            rig.Send(client);
            byte[] replay = client.Wire.AsSpan(0, client.WireLength).ToArray();
            replay[2] = 0x7E; // a new Message ID: the same one would be a duplicate, answered again (RFC 7252 §4.5)
            client.Build(CoapMessageType.Confirmable, CoapCode.Get, "obs", -1, null, null);
            byte[] forged = client.Wire.AsSpan(0, client.WireLength).ToArray();
            forged[^1] ^= 0x01;
            stranger.Build(CoapMessageType.Confirmable, CoapCode.Get, "obs", -1, null, null);
            byte[] unknown = stranger.Wire.AsSpan(0, stranger.WireLength).ToArray();
            byte[] badOption = Convert.FromHexString("42020BAD0C0191E0FF00");
            byte[][] refusals = { replay, forged, unknown, badOption };
            Func<int> refuse = () =>
            {
                int done = 0;
                for (int i = 0; i < 1_000; i++)
                {
                    byte[] datagram = refusals[i & 3];
                    rig.Transport.ClearSent();
                    rig.Transport.Deliver(datagram, client.Endpoint);
                    rig.Server.Poll(0);
                    if (rig.Transport.SentCount == 1 && (rig.Transport.SentBuffer(0)[1] >> 5) == 4)
                    {
                        done++;
                    }
                }

                return done;
            };

            int securityRefusals = rig.Server.Counters.SecurityRefusals;
            long allocated = AllocatedAfterWarmUp(refuse, out int refused);
            Assert.AreEqual(0L, allocated, allocated + " bytes over " + Measured + " refusals");
            Assert.AreEqual(Measured, refused, "every refusal is answered with a 4.xx");
            Assert.IsGreaterThan(Measured, rig.Server.Counters.SecurityRefusals - securityRefusals);
            Assert.IsGreaterThan(0, rig.Security.Replayed);
            Assert.IsGreaterThan(0, rig.Security.DecryptionFailed);
            Assert.IsGreaterThan(0, rig.Security.ContextNotFound);
            Assert.IsGreaterThan(0, rig.Security.BadOption);
        }

        // Runs `batch` (1,000 operations) until the runtime has finished tiering it (at least 20 batches and 2 s,
        // then until a batch allocates nothing, 60 s at most), then 10 batches measured: the bytes they allocated,
        // and in `done` how many of their operations succeeded.
        private static long AllocatedAfterWarmUp(Func<int> batch, out int done)
        {
            var warmUp = Stopwatch.StartNew();
            int batches = 0;
            while (batches < 20 || warmUp.ElapsedMilliseconds < 2_000 || (AllocatedBy(batch, out _) > 0 && warmUp.ElapsedMilliseconds < 60_000))
            {
                batch();
                batches++;
            }

            long allocated = 0;
            done = 0;
            for (int i = 0; i < Measured / 1_000; i++)
            {
                allocated += AllocatedBy(batch, out int succeeded);
                done += succeeded;
            }

            return allocated;
        }

        private static long AllocatedBy(Func<int> batch, out int done)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            done = batch();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
    }
}
