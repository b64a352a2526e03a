using System.Linq;
using Coap.Micro;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ThermoDev.HostTests.Conformance
{
    /// <summary>
    /// The Observe test descriptions of the ETSI plugtests (TD_COAP_OBS, CoAP#4 "block.yml"), server side,
    /// on /obs (CON notifications) and /obs-non (NON), which change every 5 s with Max-Age 5. Time is a
    /// fake clock, so the long waits of OBS_04 (Max-Age plus MAX_LATENCY) and OBS_05 (the retransmissions
    /// until the server gives up) take no time. Observe values start two below the 24-bit wrap, so every
    /// "increasing values" check crosses it (RFC 7641 §3.4, §4.4).
    /// </summary>
    [TestClass]
    public class ObserveTests : PlugtestTestBase
    {
        private static readonly byte[] T = { 0x0B, 0x5E, 0x77 };

        /// <summary>Longest wait for the next notification: one period of change and a step.</summary>
        private const int NextChange = 5_200;

        [TestMethod]
        public void TD_COAP_OBS_01_ObservationWithConfirmableNotifications()
        {
            Received registered = Register("obs", T);
            long last = registered.UInt(CoapOption.Observe);
            for (int i = 0; i < 4; i++)
            {
                last = ConfirmableNotification(registered, T, last);
            }
        }

        [TestMethod]
        public void TD_COAP_OBS_02_ObservationWithNonConfirmableNotifications()
        {
            Req register = Req.Non(CoapCode.Get, "obs-non").Mid(0x0201).Token(T).Observe(0);
            Received r = Check.One(Server.Send(register, Client), Client);
            Check.NonConfirmable(r, register, CoapCode.Content);
            Check.ContentFormat(r, CoapContentFormat.TextPlain);
            Assert.IsTrue(r.Has(CoapOption.Observe));
            long last = r.UInt(CoapOption.Observe);

            int nonConfirmable = 0;
            for (int i = 0; i < 6; i++)
            {
                Received n = Server.WaitFor(Client, NextChange);
                Assert.IsNotNull(n, "no notification");
                Assert.AreEqual("2.05", n.CodeText);
                Check.ContentFormat(n, CoapContentFormat.TextPlain);
                CollectionAssert.AreEqual(T, n.Token);
                Check.ObserveIncreases(last, n.UInt(CoapOption.Observe));
                last = n.UInt(CoapOption.Observe);
                if (n.Type == CoapMessageType.NonConfirmable)
                {
                    nonConfirmable++;
                }
                else
                {
                    // Now and then a CON, so the server learns the client is still there (RFC 7641 §4.5).
                    Assert.AreEqual(CoapMessageType.Confirmable, n.Type);
                    Ack(n);
                }
            }

            Assert.IsGreaterThanOrEqualTo(4, nonConfirmable);
        }

        [TestMethod]
        public void TD_COAP_OBS_03_ObservationStoppedByTheClient()
        {
            // CoAP#3 numbering; CoAP#4 calls it TD_COAP_OBS_12: a GET with Observe 1 ends the observation (RFC 7641 §3.6).
            Received registered = Register("obs", T);
            ConfirmableNotification(registered, T, registered.UInt(CoapOption.Observe));

            Req cancel = Req.Con(CoapCode.Get, "obs").Mid(0x0303).Token(T).Observe(1);
            Received r = Check.One(Server.Send(cancel, Client), Client);
            Check.Piggybacked(r, cancel, CoapCode.Content);
            Check.ContentFormat(r, CoapContentFormat.TextPlain);
            Assert.IsFalse(r.Has(CoapOption.Observe));
            Check.Nothing(Server.Advance(30_000), Client);
            Assert.AreEqual(0, Server.Server.Counters.Observers);
        }

        [TestMethod]
        public void TD_COAP_OBS_04_ClientDetectsADeregistrationByMaxAge()
        {
            Received registered = Register("obs", T);
            ConfirmableNotification(registered, T, registered.UInt(CoapOption.Observe));

            // The server loses its observation state and sends nothing more, not within Max-Age
            // and not within MAX_LATENCY (100 s) after it either.
            Reboot();
            Check.Nothing(Server.Advance((ObservableResourcePeriod * 1000) + 100_000), Client);

            // The client registers again with the same token; the Observe value need not be larger.
            Received again = Register("obs", T, 0x0405);
            long last = ConfirmableNotification(again, T, again.UInt(CoapOption.Observe));
            ConfirmableNotification(again, T, last);
        }

        [TestMethod]
        public void TD_COAP_OBS_05_ServerDetectsTheClientIsGone()
        {
            Received registered = Register("obs", T);
            ConfirmableNotification(registered, T, registered.UInt(CoapOption.Observe));

            // The client is switched off: the next CON notification is never acknowledged.
            Received first = Server.WaitFor(Client, NextChange);
            Assert.IsNotNull(first);
            Assert.AreEqual(CoapMessageType.Confirmable, first.Type);
            var retransmissions = Server.Advance(120_000).Where(d => d.To.SameAs(Client)).ToList();

            // RFC 7252 §4.2: the same Message ID, at most MAX_RETRANSMIT (4) times; RFC 7641 §4.5.2: each
            // carries the newest state, with a newer Observe value once the state has changed.
            Assert.HasCount(4, retransmissions);
            long last = first.UInt(CoapOption.Observe);
            int newer = 0;
            foreach (Received again in retransmissions)
            {
                Assert.AreEqual(CoapMessageType.Confirmable, again.Type);
                Assert.AreEqual(first.MessageId, again.MessageId);
                CollectionAssert.AreEqual(T, again.Token);
                long observe = again.UInt(CoapOption.Observe);
                if (observe != last)
                {
                    Check.ObserveIncreases(last, observe);
                    newer++;
                }

                last = observe;
            }

            Assert.IsGreaterThanOrEqualTo(3, newer, "retransmissions carry the newer state");

            // After the final timeout the server stops: the observer is gone.
            Assert.AreEqual(0, Server.Server.Counters.Observers);
            Assert.AreEqual(1, Server.Server.Counters.GaveUp);
            Check.Nothing(Server.Advance(60_000), Client);
        }

        [TestMethod]
        public void TD_COAP_OBS_06_ServerDetectsAResetNotification()
        {
            Received registered = Register("obs", T);
            ConfirmableNotification(registered, T, registered.UInt(CoapOption.Observe));

            // The client was rebooted: it rejects the next notification with RST.
            Received n = Server.WaitFor(Client, NextChange);
            Assert.IsNotNull(n);
            Check.Nothing(Server.Send(new byte[] { 0x70, 0x00, (byte)(n.MessageId >> 8), (byte)n.MessageId }, Client), Client);
            Check.Nothing(Server.Advance(60_000), Client);
            Assert.AreEqual(0, Server.Server.Counters.Observers);
        }

        [TestMethod]
        public void TD_COAP_OBS_07_DeleteEndsTheObservations()
        {
            Received registered = Register("obs", T);
            ConfirmableNotification(registered, T, registered.UInt(CoapOption.Observe));

            var other = PlugtestServer.Client(2);
            var sent = Server.Send(Req.Con(CoapCode.Delete, "obs").Mid(0x0707), other);
            Assert.AreEqual("2.02", Check.One(sent, other).CodeText);
            Received final = sent.FirstOrDefault(d => d.To.SameAs(Client)) ?? Server.WaitFor(Client, NextChange);
            Assert.IsNotNull(final, "no 4.04 notification");
            Assert.AreEqual(CoapMessageType.Confirmable, final.Type);
            Assert.AreEqual("4.04", final.CodeText);
            CollectionAssert.AreEqual(T, final.Token);
            Assert.IsFalse(final.Has(CoapOption.Observe));
            Ack(final);
            Check.Nothing(Server.Advance(30_000), Client);
            Assert.AreEqual(0, Server.Server.Counters.Observers);
        }

        [TestMethod]
        public void TD_COAP_OBS_08_AChangeOfContentFormatEndsTheObservations()
        {
            Received registered = Register("obs", T);
            ConfirmableNotification(registered, T, registered.UInt(CoapOption.Observe));

            var other = PlugtestServer.Client(2);
            var sent = Server.Send(Req.Con(CoapCode.Put, "obs").Mid(0x0808).ContentFormat(CoapContentFormat.Xml).Payload("<obs>new</obs>"), other);
            Assert.AreEqual("2.04", Check.One(sent, other).CodeText);
            Received final = sent.FirstOrDefault(d => d.To.SameAs(Client)) ?? Server.WaitFor(Client, NextChange);
            Assert.IsNotNull(final, "no 4.06 notification");
            Assert.AreEqual(CoapMessageType.Confirmable, final.Type);
            Assert.AreEqual("4.06", final.CodeText);
            CollectionAssert.AreEqual(T, final.Token);
            Assert.IsFalse(final.Has(CoapOption.Observe));
            Ack(final);
            Check.Nothing(Server.Advance(30_000), Client);
            Assert.AreEqual(0, Server.Server.Counters.Observers);
        }

        [TestMethod]
        public void TD_COAP_OBS_09_AnUpdateIsNotified()
        {
            Received registered = Register("obs", T);
            long last = ConfirmableNotification(registered, T, registered.UInt(CoapOption.Observe));

            var other = PlugtestServer.Client(2);
            var sent = Server.Send(Req.Con(CoapCode.Put, "obs").Mid(0x0909).ContentFormat(CoapContentFormat.TextPlain).Payload("new value"), other);
            Assert.AreEqual("2.04", Check.One(sent, other).CodeText);
            Received n = sent.FirstOrDefault(d => d.To.SameAs(Client)) ?? Server.WaitFor(Client, NextChange);
            Assert.IsNotNull(n, "the update was not notified");
            Assert.AreEqual(CoapMessageType.Confirmable, n.Type);
            Assert.AreEqual("2.05", n.CodeText);
            Check.ContentFormat(n, CoapContentFormat.TextPlain);
            CollectionAssert.AreEqual(T, n.Token);
            Check.ObserveIncreases(last, n.UInt(CoapOption.Observe));
            Assert.AreEqual("new value", n.Text);
            Ack(n);
        }

        [TestMethod]
        public void TD_COAP_OBS_10_APlainGetDoesNotEndTheObservation()
        {
            Received registered = Register("obs", T);
            long last = ConfirmableNotification(registered, T, registered.UInt(CoapOption.Observe));

            byte[] t2 = { 0x0C, 0x02 };
            Req get = Req.Con(CoapCode.Get, "obs").Mid(0x1010).Token(t2);
            Received r = Check.One(Server.Send(get, Client), Client);
            Check.Piggybacked(r, get, CoapCode.Content);
            Check.ContentFormat(r, CoapContentFormat.TextPlain);
            Assert.IsFalse(r.Has(CoapOption.Observe));

            last = ConfirmableNotification(registered, T, last);
            ConfirmableNotification(registered, T, last);
        }

        private const int ObservableResourcePeriod = Resources.ObservableResource.PeriodSeconds;

        // Steps 1-3 of every OBS description: a CON GET with Observe 0; an ACK 2.05 with the resource's
        // Content-Format, the token and an Observe value.
        private Received Register(string path, byte[] token, int messageId = 0x0100)
        {
            Req register = Req.Con(CoapCode.Get, path).Mid(messageId).Token(token).Observe(0);
            Received r = Check.One(Server.Send(register, Client), Client);
            Check.Piggybacked(r, register, CoapCode.Content);
            Check.ContentFormat(r, CoapContentFormat.TextPlain);
            Assert.IsTrue(r.Has(CoapOption.Observe), "Observe option with a sequence number");
            Assert.AreEqual(Resources.ObservableResource.PeriodSeconds, r.UInt(CoapOption.MaxAge));
            return r;
        }

        // Steps 4-6: a CON notification 2.05 with the same Content-Format and token and a newer Observe
        // value; the client acknowledges it. Returns its Observe value.
        private long ConfirmableNotification(Received registered, byte[] token, long last)
        {
            Received n = Server.WaitFor(Client, NextChange);
            Assert.IsNotNull(n, "no notification within a period");
            Assert.AreEqual(CoapMessageType.Confirmable, n.Type, n.ToString());
            Assert.AreEqual("2.05", n.CodeText);
            Assert.AreEqual(registered.UInt(CoapOption.ContentFormat), n.UInt(CoapOption.ContentFormat));
            CollectionAssert.AreEqual(token, n.Token);
            if (last >= 0)
            {
                Check.ObserveIncreases(last, n.UInt(CoapOption.Observe));
            }

            Check.NonEmptyPayload(n);
            Ack(n);
            return n.UInt(CoapOption.Observe);
        }

        private void Ack(Received message)
        {
            Check.Nothing(Server.Send(new byte[] { 0x60, 0x00, (byte)(message.MessageId >> 8), (byte)message.MessageId }, Client), Client);
        }
    }
}
