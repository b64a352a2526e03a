using Coap.Micro;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.Server
{
    /// <summary>Observe (RFC 7641): registration, notifications, deregistration, sequence numbers and the table.</summary>
    [TestClass]
    public class CoapServerObserveTests
    {
        private static readonly byte[] TokenA = { 0xA1, 0xA2, 0xA3, 0xA4 };
        private static readonly byte[] TokenB = { 0xB1, 0xB2, 0xB3, 0xB4 };

        [TestMethod]
        public void RegistrationIsAnsweredWithObserveAndTheCurrentState()
        {
            ServerHarness h = new ServerHarness(8);
            h.Observed.Value = 21;
            CoapMessage ack = h.Register(0x100, TokenA);
            Assert.AreEqual((int)CoapMessageType.Acknowledgement, (int)ack.Type);
            Assert.AreEqual(CoapCode.Content, ack.Code);
            Assert.AreEqual(500, ServerHarness.ObserveOf(ack));
            Assert.AreEqual("21", ServerHarness.PayloadText(ack));
            Assert.AreEqual(1, h.Server.Counters.Observers);
            Assert.AreEqual(1, h.Server.Counters.Registrations);
        }

        [TestMethod]
        public void ChangeSendsANonNotificationWithTheTokenAndANewerObserveValue()
        {
            ServerHarness h = new ServerHarness(8);
            CoapMessage ack = h.Register(0x100, TokenA);
            h.Observed.Set(5);
            byte[][] sent = h.Turn();
            Assert.AreEqual(1, sent.Length);
            CoapMessage notification = ServerHarness.Parse(sent[0]);
            Assert.AreEqual((int)CoapMessageType.NonConfirmable, (int)notification.Type);
            Assert.AreEqual(CoapCode.Content, notification.Code);
            Assert.IsTrue(notification.TokenEquals(TokenA, 0, TokenA.Length));
            Assert.AreEqual(ServerHarness.ObserveOf(ack) + 1, ServerHarness.ObserveOf(notification));
            Assert.AreEqual("5", ServerHarness.PayloadText(notification));
            uint maxAge;
            Assert.IsTrue(notification.TryGetUIntOption(CoapOption.MaxAge, 0, out maxAge));
            Assert.AreEqual(30u, maxAge);
            Assert.IsTrue(h.Transport.SentTo(0).SameAs(h.Client));
            Assert.AreEqual(1, h.Server.Counters.Notifications);
        }

        [TestMethod]
        public void NothingIsSentWithoutAChangeBeforeMaxAgeNearsItsEnd()
        {
            // Max-Age 30 s: refreshed at 27 s (CoapServerObserveRefreshTests).
            ServerHarness h = new ServerHarness(8);
            h.Register(0x100, TokenA);
            Assert.AreEqual(0, h.Turn().Length);
            h.Clock.Now += 26000;
            Assert.AreEqual(0, h.Turn().Length);
        }

        [TestMethod]
        public void EachChangeIsNotifiedOnceWithIncreasingObserveValues()
        {
            ServerHarness h = new ServerHarness(8);
            h.Register(0x100, TokenA);
            int last = 500;
            for (int i = 1; i <= 3; i++)
            {
                h.Observed.Set(i);
                byte[][] sent = h.Turn();
                Assert.AreEqual(1, sent.Length);
                int observe = ServerHarness.ObserveOf(ServerHarness.Parse(sent[0]));
                Assert.IsTrue(observe > last);
                last = observe;
                Assert.AreEqual(0, h.Turn().Length);
            }
        }

        [TestMethod]
        public void SameEndpointAndTokenReplacesTheRelation()
        {
            ServerHarness h = new ServerHarness(8);
            h.Register(0x100, TokenA);
            h.Register(0x101, TokenA);
            Assert.AreEqual(1, h.Server.Counters.Observers);
            h.Observed.Set(1);
            Assert.AreEqual(1, h.Turn().Length);
        }

        [TestMethod]
        public void TokensDifferingInTheirFirstOrLastByteAreDifferentRelations()
        {
            ServerHarness h = new ServerHarness(8);
            h.Register(0x100, new byte[] { 1, 2, 3, 4 });
            h.Register(0x101, new byte[] { 9, 2, 3, 4 });
            h.Register(0x102, new byte[] { 1, 2, 3, 9 });
            Assert.AreEqual(3, h.Server.Counters.Observers);
            h.Observed.Set(1);
            Assert.AreEqual(3, h.Turn().Length);
        }

        [TestMethod]
        public void EndpointsDifferingInTheirFirstByteAreDifferentRelations()
        {
            ServerHarness h = new ServerHarness(8);
            CoapEndpoint first = new CoapEndpoint();
            first.Set(new byte[] { 10, 0, 0, 1, 1 }, 0, 5);
            CoapEndpoint other = new CoapEndpoint();
            other.Set(new byte[] { 11, 0, 0, 1, 1 }, 0, 5);
            h.Turn(Requests.Register(0x100, TokenA), first);
            h.Turn(Requests.Register(0x100, TokenA), other);
            Assert.AreEqual(2, h.Server.Counters.Observers);
            Assert.AreEqual(2, h.Observed.Runs);
        }

        [TestMethod]
        public void ObserveOneDeregistersAndIsServedWithoutObserve()
        {
            ServerHarness h = new ServerHarness(8);
            h.Register(0x100, TokenA);
            byte[][] sent = h.Turn(Requests.Get(CoapMessageType.Confirmable, 0x101, TokenA, "obs", 1, -1), h.Client);
            CoapMessage answer = ServerHarness.Parse(sent[0]);
            Assert.AreEqual(CoapCode.Content, answer.Code);
            Assert.AreEqual(-1, ServerHarness.ObserveOf(answer));
            Assert.AreEqual(0, h.Server.Counters.Observers);
            Assert.AreEqual(1, h.Server.Counters.Deregistrations);
            h.Observed.Set(1);
            Assert.AreEqual(0, h.Turn().Length);
        }

        [TestMethod]
        public void PlainGetWithAnotherTokenLeavesTheRelationAlone()
        {
            ServerHarness h = new ServerHarness(8);
            h.Register(0x100, TokenA);
            byte[][] sent = h.Turn(Requests.Get(CoapMessageType.Confirmable, 0x101, TokenB, "obs", -1, -1), h.Client);
            Assert.AreEqual(-1, ServerHarness.ObserveOf(ServerHarness.Parse(sent[0])));
            Assert.AreEqual(1, h.Server.Counters.Observers);
            h.Observed.Set(1);
            Assert.AreEqual(1, h.Turn().Length);
        }

        [TestMethod]
        public void ResetToANonNotificationCancelsTheRelation()
        {
            ServerHarness h = new ServerHarness(8);
            h.Register(0x100, TokenA);
            h.Observed.Set(1);
            CoapMessage notification = ServerHarness.Parse(h.Turn()[0]);
            Assert.AreEqual(0, h.Turn(Requests.Reset(notification.MessageId), h.Client).Length);
            Assert.AreEqual(0, h.Server.Counters.Observers);
            Assert.AreEqual(1, h.Server.Counters.ResetsReceived);
            h.Observed.Set(2);
            Assert.AreEqual(0, h.Turn().Length);
        }

        [TestMethod]
        public void ResetFromAnotherEndpointDoesNotCancel()
        {
            ServerHarness h = new ServerHarness(8);
            h.Register(0x100, TokenA);
            h.Observed.Set(1);
            CoapMessage notification = ServerHarness.Parse(h.Turn()[0]);
            h.Turn(Requests.Reset(notification.MessageId), ServerHarness.Endpoint(2));
            Assert.AreEqual(1, h.Server.Counters.Observers);
            Assert.AreEqual(1, h.Server.Counters.Dropped);
        }

        [TestMethod]
        public void EveryFifthNotificationIsConfirmable()
        {
            // RFC 7641 §4.5: a NON stream gets a CON now and then (NotificationConfirmableEvery = 5).
            ServerHarness h = new ServerHarness(8);
            h.Register(0x100, TokenA);
            for (int i = 1; i <= 10; i++)
            {
                h.Observed.Set(i);
                CoapMessage notification = ServerHarness.Parse(h.Turn()[0]);
                bool confirmable = notification.Type == CoapMessageType.Confirmable;
                Assert.AreEqual(i % 5 == 0, confirmable, "notification " + i.ToString());
                if (confirmable)
                {
                    h.Turn(Requests.Ack(notification.MessageId), h.Client);
                }
            }

            Assert.AreEqual(2, h.Server.Counters.ConfirmablesSent);
            Assert.AreEqual(2, h.Server.Counters.Acknowledged);
        }

        [TestMethod]
        public void ANotificationIsConfirmableOnceADay()
        {
            ServerHarness h = new ServerHarness(8);
            h.Register(0x100, TokenA);
            h.Observed.Set(1);
            Assert.AreEqual((int)CoapMessageType.NonConfirmable, (int)ServerHarness.Parse(h.Turn()[0]).Type);
            h.Clock.Now += 24L * 60 * 60 * 1000;
            h.Observed.Set(2);
            Assert.AreEqual((int)CoapMessageType.Confirmable, (int)ServerHarness.Parse(h.Turn()[0]).Type);
        }

        [TestMethod]
        public void ConfirmableNotificationIsRetransmittedAtDoublingTimeoutsThenTheObserverIsDropped()
        {
            // RFC 7252 §4.2: first timeout 2000 + 500 (scripted jitter) ms, doubling; MAX_RETRANSMIT 4;
            // RFC 7641 §4.5: an observer that never acknowledges is removed.
            ServerHarness h = new ServerHarness(8);
            h.Observed.SendConfirmable();
            h.Register(0x100, TokenA);
            h.Observed.Set(1);
            CoapMessage first = ServerHarness.Parse(h.Turn()[0]);
            Assert.AreEqual((int)CoapMessageType.Confirmable, (int)first.Type);
            long[] gaps = { 2500, 5000, 10000, 20000 };
            for (int i = 0; i < gaps.Length; i++)
            {
                h.Clock.Now += gaps[i] - 1;
                Assert.AreEqual(0, h.Turn().Length, "early " + i.ToString());
                h.Clock.Now += 1;
                byte[][] sent = h.Turn();
                Assert.AreEqual(1, sent.Length, "retransmission " + i.ToString());
                CoapMessage again = ServerHarness.Parse(sent[0]);
                Assert.AreEqual((int)first.MessageId, (int)again.MessageId);
                Assert.AreEqual(ServerHarness.ObserveOf(first), ServerHarness.ObserveOf(again));
            }

            h.Clock.Now += 40000 - 1;
            Assert.AreEqual(0, h.Turn().Length);
            Assert.AreEqual(1, h.Server.Counters.Observers);
            h.Clock.Now += 1;
            Assert.AreEqual(0, h.Turn().Length);
            Assert.AreEqual(0, h.Server.Counters.Observers);
            Assert.AreEqual(1, h.Server.Counters.GaveUp);
            Assert.AreEqual(4, h.Server.Counters.Retransmissions);
            h.Observed.Set(2);
            Assert.AreEqual(0, h.Turn().Length);
        }

        [TestMethod]
        public void AcknowledgementEndsTheRetransmissions()
        {
            ServerHarness h = new ServerHarness(8);
            h.Observed.SendConfirmable();
            h.Register(0x100, TokenA);
            h.Observed.Set(1);
            CoapMessage first = ServerHarness.Parse(h.Turn()[0]);
            h.Clock.Now += 1000;
            Assert.AreEqual(0, h.Turn(Requests.Ack(first.MessageId), h.Client).Length);
            h.Clock.Now += 25000;
            Assert.AreEqual(0, h.Turn().Length);
            Assert.AreEqual(1, h.Server.Counters.Acknowledged);
            Assert.AreEqual(1, h.Server.Counters.Observers);
        }

        [TestMethod]
        public void AcknowledgementFromAnotherEndpointIsIgnored()
        {
            ServerHarness h = new ServerHarness(8);
            h.Observed.SendConfirmable();
            h.Register(0x100, TokenA);
            h.Observed.Set(1);
            CoapMessage first = ServerHarness.Parse(h.Turn()[0]);
            h.Turn(Requests.Ack(first.MessageId), ServerHarness.Endpoint(2));
            h.Clock.Now += 2500;
            Assert.AreEqual(1, h.Turn().Length);
        }

        [TestMethod]
        public void ResetToAConfirmableNotificationCancelsTheRelation()
        {
            ServerHarness h = new ServerHarness(8);
            h.Observed.SendConfirmable();
            h.Register(0x100, TokenA);
            h.Observed.Set(1);
            CoapMessage first = ServerHarness.Parse(h.Turn()[0]);
            h.Turn(Requests.Reset(first.MessageId), h.Client);
            Assert.AreEqual(0, h.Server.Counters.Observers);
            h.Clock.Now += 100000;
            Assert.AreEqual(0, h.Turn().Length);
        }

        [TestMethod]
        public void AChangeWhileAConfirmableIsInFlightRidesItsRetransmission()
        {
            // RFC 7641 §4.5.1: one CON in flight per observer; §4.5.2: the retransmission carries the
            // newest state with a newer Observe value (same Message ID, so either ACK ends it).
            ServerHarness h = new ServerHarness(8);
            h.Observed.SendConfirmable();
            h.Register(0x100, TokenA);
            h.Observed.Set(1);
            CoapMessage first = ServerHarness.Parse(h.Turn()[0]);
            h.Observed.Set(2);
            Assert.AreEqual(0, h.Turn().Length);
            h.Clock.Now += 2500;
            CoapMessage retransmission = ServerHarness.Parse(h.Turn()[0]);
            Assert.AreEqual((int)first.MessageId, (int)retransmission.MessageId);
            Assert.AreEqual("2", ServerHarness.PayloadText(retransmission));
            Assert.IsTrue(ServerHarness.ObserveOf(retransmission) > ServerHarness.ObserveOf(first));
            h.Turn(Requests.Ack(first.MessageId), h.Client);
            Assert.AreEqual(0, h.Turn().Length);
        }

        [TestMethod]
        public void AChangeWhileAConfirmableIsInFlightIsSentOnceItIsAcknowledged()
        {
            ServerHarness h = new ServerHarness(8);
            h.Observed.SendConfirmable();
            h.Register(0x100, TokenA);
            h.Observed.Set(1);
            CoapMessage first = ServerHarness.Parse(h.Turn()[0]);
            h.Observed.Set(2);
            Assert.AreEqual(0, h.Turn().Length);
            byte[][] sent = h.Turn(Requests.Ack(first.MessageId), h.Client);
            Assert.AreEqual(1, sent.Length);
            CoapMessage next = ServerHarness.Parse(sent[0]);
            Assert.AreEqual("2", ServerHarness.PayloadText(next));
            Assert.AreNotEqual((int)first.MessageId, (int)next.MessageId);
        }

        [TestMethod]
        public void FullTableServesTheRegistrationWithoutObserve()
        {
            // RFC 7641 §4.1: a server unable to add an observer serves the GET without Observe.
            ServerHarness h = new ServerHarness(8);
            for (int i = 0; i < 4; i++)
            {
                Assert.IsTrue(ServerHarness.ObserveOf(h.Register(0x100 + i, new byte[] { (byte)i })) >= 0);
            }

            CoapMessage refused = h.Register(0x200, TokenB);
            Assert.AreEqual(CoapCode.Content, refused.Code);
            Assert.AreEqual(-1, ServerHarness.ObserveOf(refused));
            Assert.AreEqual(4, h.Server.Counters.Observers);
            Assert.AreEqual(1, h.Server.Counters.RegistrationsRefused);
        }

        [TestMethod]
        public void NonObservableResourceIsServedWithoutObserve()
        {
            ServerHarness h = new ServerHarness(8);
            byte[][] sent = h.Turn(Requests.Get(CoapMessageType.Confirmable, 1, TokenA, "test", 0, -1), h.Client);
            CoapMessage answer = ServerHarness.Parse(sent[0]);
            Assert.AreEqual(CoapCode.Content, answer.Code);
            Assert.AreEqual(-1, ServerHarness.ObserveOf(answer));
            Assert.AreEqual(0, h.Server.Counters.Observers);
        }

        [TestMethod]
        public void ObserveValuesWrapAt24Bits()
        {
            // RFC 7641 §4.4: 24-bit values; after 0xFFFFFF comes 0, which a client takes as newer.
            ServerHarness h = new ServerHarness(8, new RepeatingRandom(7, 0xFFFFFE, 500), 4);
            Assert.AreEqual(0xFFFFFE, ServerHarness.ObserveOf(h.Register(0x100, TokenA)));
            h.Observed.Set(1);
            Assert.AreEqual(0xFFFFFF, ServerHarness.ObserveOf(ServerHarness.Parse(h.Turn()[0])));
            h.Observed.Set(2);
            CoapMessage wrapped = ServerHarness.Parse(h.Turn()[0]);
            Assert.AreEqual(0, ServerHarness.ObserveOf(wrapped));
            Assert.AreEqual("2", ServerHarness.PayloadText(wrapped));
        }

        [TestMethod]
        public void AnErrorNotificationIsSentWithoutObserveAndEndsTheRelation()
        {
            // RFC 7641 §3.2, §4.2: a non-2.xx notification ends the observation.
            ServerHarness h = new ServerHarness(8);
            h.Register(0x100, TokenA);
            h.Observed.Failing = true;
            h.Observed.Set(1);
            CoapMessage notification = ServerHarness.Parse(h.Turn()[0]);
            Assert.AreEqual(CoapCode.ServiceUnavailable, notification.Code);
            Assert.AreEqual(-1, ServerHarness.ObserveOf(notification));
            Assert.IsTrue(notification.TokenEquals(TokenA, 0, TokenA.Length));
            Assert.AreEqual(0, h.Server.Counters.Observers);
            h.Observed.Failing = false;
            h.Observed.Set(2);
            Assert.AreEqual(0, h.Turn().Length);
        }

        [TestMethod]
        public void AThrowingNotificationEndsTheRelationWith500()
        {
            ServerHarness h = new ServerHarness(8);
            h.Register(0x100, TokenA);
            h.Observed.Throwing = true;
            h.Observed.Set(1);
            CoapMessage notification = ServerHarness.Parse(h.Turn()[0]);
            Assert.AreEqual(CoapCode.InternalServerError, notification.Code);
            Assert.AreEqual(-1, ServerHarness.ObserveOf(notification));
            Assert.AreEqual(0, h.Server.Counters.Observers);
            Assert.AreEqual(1, h.Server.Counters.HandlerFaults);
        }

        [TestMethod]
        public void EndObservationsSendsEveryObserverAFinalResponse()
        {
            ServerHarness h = new ServerHarness(8);
            h.Register(0x100, TokenA);
            h.Register(0x101, TokenB);
            h.Observed.EndObservations(CoapCode.NotFound);
            byte[][] sent = h.Turn();
            Assert.AreEqual(2, sent.Length);
            for (int i = 0; i < sent.Length; i++)
            {
                CoapMessage final = ServerHarness.Parse(sent[i]);
                Assert.AreEqual(CoapCode.NotFound, final.Code);
                Assert.AreEqual(-1, ServerHarness.ObserveOf(final));
            }

            Assert.AreEqual(0, h.Server.Counters.Observers);
        }

        [TestMethod]
        public void NotificationsAreWrittenForTheRegistrationsAccept()
        {
            ServerHarness h = new ServerHarness(8);
            h.Turn(Requests.Get(CoapMessageType.Confirmable, 0x100, TokenA, "obs", 0, CoapContentFormat.TextPlain), h.Client);
            h.Observed.LastAccept = -1;
            h.Observed.Set(1);
            h.Turn();
            Assert.AreEqual(CoapContentFormat.TextPlain, h.Observed.LastAccept);
            Assert.IsTrue(h.Observed.LastHadObserve);
        }

        [TestMethod]
        public void AnObserverWhoseFormatIsNoLongerProducedGets406AndIsRemoved()
        {
            ServerHarness h = new ServerHarness(8);
            h.Turn(Requests.Get(CoapMessageType.Confirmable, 0x100, TokenA, "obs", 0, CoapContentFormat.Json), h.Client);
            h.Register(0x101, TokenB);
            h.Observed.JsonToo = false;
            h.Observed.Set(1);
            byte[][] sent = h.Turn();
            Assert.AreEqual(2, sent.Length);
            CoapMessage first = ServerHarness.Parse(sent[0]);
            Assert.AreEqual(CoapCode.NotAcceptable, first.Code);
            Assert.AreEqual(-1, ServerHarness.ObserveOf(first));
            Assert.AreEqual(CoapCode.Content, ServerHarness.Parse(sent[1]).Code);
            Assert.AreEqual(1, h.Server.Counters.Observers);
        }

        [TestMethod]
        public void AnErrorResponseToARegistrationRegistersNothing()
        {
            ServerHarness h = new ServerHarness(8);
            h.Observed.Failing = true;
            CoapMessage answer = h.Register(0x100, TokenA);
            Assert.AreEqual(CoapCode.ServiceUnavailable, answer.Code);
            Assert.AreEqual(-1, ServerHarness.ObserveOf(answer));
            Assert.AreEqual(0, h.Server.Counters.Observers);
        }

        [TestMethod]
        public void ADuplicateRegistrationGetsTheSameAckAndRegistersOnce()
        {
            ServerHarness h = new ServerHarness(8);
            byte[] first = h.Turn(Requests.Register(0x100, TokenA), h.Client)[0];
            byte[] second = h.Turn(Requests.Register(0x100, TokenA), h.Client)[0];
            Assert.AreEqual(Hex.Format(first, 0, first.Length), Hex.Format(second, 0, second.Length));
            Assert.AreEqual(1, h.Server.Counters.Registrations);
            Assert.AreEqual(1, h.Observed.Runs);
        }

        [TestMethod]
        public void ANonRegistrationGetsANonResponseWithObserve()
        {
            ServerHarness h = new ServerHarness(8);
            byte[][] sent = h.Turn(Requests.Get(CoapMessageType.NonConfirmable, 0x100, TokenA, "obs", 0, -1), h.Client);
            CoapMessage answer = ServerHarness.Parse(sent[0]);
            Assert.AreEqual((int)CoapMessageType.NonConfirmable, (int)answer.Type);
            Assert.IsTrue(ServerHarness.ObserveOf(answer) >= 0);
            Assert.AreEqual(1, h.Server.Counters.Observers);
        }

        [TestMethod]
        public void ObserveOnAPutIsIgnored()
        {
            ServerHarness h = new ServerHarness(8);
            byte[] put = Hex.Parse("40 03 00 01 60 54 74 65 73 74 10 FF 31");
            CoapMessage answer = ServerHarness.Parse(h.Turn(put, h.Client)[0]);
            Assert.AreEqual(CoapCode.Changed, answer.Code);
            Assert.AreEqual(-1, ServerHarness.ObserveOf(answer));
            Assert.AreEqual(0, h.Server.Counters.Observers);
        }
    }
}
