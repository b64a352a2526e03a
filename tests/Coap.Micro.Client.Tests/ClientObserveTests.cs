using Coap.Micro;
using nanoFramework.TestFramework;
using ThermoDev.Tests.Server;

namespace ThermoDev.Tests.Client
{
    /// <summary>The Observe client (RFC 7641 §3): registration, notifications once and in order, re-registration, deregistration.</summary>
    [TestClass]
    public class ClientObserveTests
    {
        [TestMethod]
        public void ARegistrationCarriesObserveZeroAndItsAnswerWithObserveEstablishesIt()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = Observe(h);
            CoapMessage sent = h.Send(request);
            Assert.AreEqual("44 01 10 00 A1 B2 C3 D4 60 53 6F 62 73", ClientHarness.HexOf(h.Transport.Sent(0)));

            h.Deliver(Notification(CoapMessageType.Acknowledgement, sent.MessageId, sent, 5, "20"));
            Assert.IsTrue(request.IsPending);
            Assert.IsTrue(request.IsObserving);
            Assert.AreEqual((int)CoapClientResult.Pending, (int)request.Result);
            Assert.AreEqual(5, request.ObserveSequence);
            Assert.AreEqual(1, request.Responses);
            Assert.AreEqual("20", h.Handler.LastText);
            Assert.AreEqual(0, h.Handler.Ends);
        }

        [TestMethod]
        public void NotificationsAreDeliveredInOrderAndConOnesAcknowledged()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = Observe(h);
            CoapMessage sent = Establish(h, request, 5);

            byte[][] answer = h.Deliver(Notification(CoapMessageType.Confirmable, 0x2001, sent, 6, "21"));
            Assert.AreEqual("60 00 20 01", ClientHarness.HexOf(answer[0]));
            Assert.AreEqual(0, h.Deliver(Notification(CoapMessageType.NonConfirmable, 0x2002, sent, 7, "22")).Length);
            Assert.AreEqual("20|21|22", h.Handler.Texts);
            Assert.AreEqual(7, request.ObserveSequence);
            Assert.AreEqual(3, h.Client.Counters.Notifications);
        }

        [TestMethod]
        public void AnOlderNotificationArrivingLateIsDroppedButStillAcknowledged()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = Observe(h);
            CoapMessage sent = Establish(h, request, 5);
            h.Deliver(Notification(CoapMessageType.NonConfirmable, 0x2001, sent, 7, "new"));
            byte[][] answer = h.Deliver(Notification(CoapMessageType.Confirmable, 0x2002, sent, 6, "old"));
            Assert.AreEqual("60 00 20 02", ClientHarness.HexOf(answer[0]));
            Assert.AreEqual("20|new", h.Handler.Texts);
            Assert.AreEqual(1, h.Client.Counters.StaleNotifications);

            // The same value again is not newer either.
            h.Deliver(Notification(CoapMessageType.NonConfirmable, 0x2003, sent, 7, "same"));
            Assert.AreEqual("20|new", h.Handler.Texts);
        }

        [TestMethod]
        [DataRow(0xFFFFFF, 0, 1)]
        [DataRow(0xFFFFF0, 5, 1)]
        [DataRow(10, 10 + 0x800000, 0)]
        [DataRow(10, 10 + 0x7FFFFF, 1)]
        [DataRow(0x900000, 0x0FFFFF, 1)]
        [DataRow(0x900000, 0x100000, 0)]
        [DataRow(5, 4, 0)]
        public void TheFreshnessRuleComparesSequenceNumbersAcrossTheWrap(int first, int second, int delivered)
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = Observe(h);
            CoapMessage sent = Establish(h, request, first);
            h.Deliver(Notification(CoapMessageType.NonConfirmable, 0x2001, sent, second, "next"));
            Assert.AreEqual(1 + delivered, h.Handler.Responses);
        }

        [TestMethod]
        public void After128SecondsAnyNotificationIsNewer()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = Observe(h);
            CoapMessage sent = Establish(h, request, 100);
            h.Clock.Now += 128000;
            h.Deliver(Notification(CoapMessageType.NonConfirmable, 0x2001, sent, 50, "x"));
            Assert.AreEqual(1, h.Handler.Responses);
            h.Clock.Now += 1;
            h.Deliver(Notification(CoapMessageType.NonConfirmable, 0x2002, sent, 49, "y"));
            Assert.AreEqual(2, h.Handler.Responses);
        }

        [TestMethod]
        public void ARetransmittedConNotificationIsAcknowledgedAgainAndDeliveredOnce()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = Observe(h);
            CoapMessage sent = Establish(h, request, 5);
            byte[] notification = Notification(CoapMessageType.Confirmable, 0x2001, sent, 6, "21");
            h.Deliver(notification);
            Assert.AreEqual("60 00 20 01", ClientHarness.HexOf(h.Deliver(notification)[0]));
            Assert.AreEqual(2, h.Handler.Responses);
            Assert.AreEqual(1, h.Client.Counters.Duplicates);
        }

        [TestMethod]
        public void WhenMaxAgeRunsOutWithoutANotificationTheClientRegistersAgainWithTheSameToken()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = Observe(h);
            CoapMessage sent = h.Send(request);
            h.Deliver(new ResponseBuilder(CoapMessageType.Acknowledgement, CoapCode.Content, sent.MessageId, sent)
                .UInt(CoapOption.Observe, 5).UInt(CoapOption.MaxAge, 10).Text("20").ToArray());

            // Max-Age 10 s, then ReregistrationDelayMilliseconds (2 s).
            Assert.AreEqual(0, h.After(11999).Length);
            byte[][] again = h.After(1);
            Assert.AreEqual(1, again.Length);
            CoapMessage reregistration = ServerHarness.Parse(again[0]);
            Assert.IsTrue(reregistration.TokenEquals(sent.Buffer, sent.TokenOffset, sent.TokenLength));
            Assert.AreNotEqual((int)sent.MessageId, (int)reregistration.MessageId);
            Assert.AreEqual(0, ServerHarness.ObserveOf(reregistration));
            Assert.AreEqual(1, h.Client.Counters.Reregistrations);

            h.Deliver(Notification(CoapMessageType.Acknowledgement, reregistration.MessageId, sent, 9, "23"));
            Assert.AreEqual("20|23", h.Handler.Texts);
            Assert.IsTrue(request.IsObserving);

            // Default Max-Age 60 s now, and no retransmission of the answered re-registration.
            Assert.AreEqual(0, h.After(61999).Length);
            Assert.AreEqual(1, h.After(1).Length);
        }

        [TestMethod]
        public void ANotificationBeforeMaxAgeRunsOutPutsTheReregistrationOff()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = Observe(h);
            CoapMessage sent = h.Send(request);
            h.Deliver(new ResponseBuilder(CoapMessageType.Acknowledgement, CoapCode.Content, sent.MessageId, sent)
                .UInt(CoapOption.Observe, 5).UInt(CoapOption.MaxAge, 10).Text("20").ToArray());
            h.Clock.Now += 11000;
            h.Deliver(new ResponseBuilder(CoapMessageType.NonConfirmable, CoapCode.Content, 0x2001, sent)
                .UInt(CoapOption.Observe, 6).UInt(CoapOption.MaxAge, 10).Text("21").ToArray());
            Assert.AreEqual(0, h.After(11999).Length);
            Assert.AreEqual(1, h.After(1).Length);
        }

        [TestMethod]
        public void AReregistrationWithNoAnswerEndsTheObservationWithTimeout()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = Observe(h);
            CoapMessage sent = Establish(h, request, 5);
            h.After(62000);
            long[] gaps = { 2500, 5000, 10000, 20000, 40000 };
            for (int i = 0; i < gaps.Length; i++)
            {
                h.After(gaps[i]);
            }

            Assert.IsFalse(request.IsPending);
            Assert.AreEqual((int)CoapClientResult.Timeout, (int)h.Handler.EndResult);
        }

        [TestMethod]
        public void ANotificationWhileTheReregistrationAwaitsItsAckAnswersIt()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = Observe(h);
            CoapMessage sent = Establish(h, request, 5);
            h.After(62000);
            h.Deliver(Notification(CoapMessageType.Confirmable, 0x2001, sent, 6, "21"));
            Assert.AreEqual(0, h.After(2500).Length);
            Assert.IsTrue(request.IsObserving);
        }

        [TestMethod]
        public void ANotificationWithoutObserveEndsTheObservation()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = Observe(h);
            CoapMessage sent = Establish(h, request, 5);
            h.Deliver(new ResponseBuilder(CoapMessageType.NonConfirmable, CoapCode.Content, 0x2001, sent).Text("last").ToArray());
            Assert.IsFalse(request.IsPending);
            Assert.IsFalse(request.IsObserving);
            Assert.AreEqual((int)CoapClientResult.Response, (int)request.Result);
            Assert.AreEqual("20|last", h.Handler.Texts);
            Assert.AreEqual(-1, request.ObserveSequence);
        }

        [TestMethod]
        public void AnErrorNotificationEndsTheObservation()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = Observe(h);
            CoapMessage sent = Establish(h, request, 5);
            byte[][] answer = h.Deliver(new ResponseBuilder(CoapMessageType.Confirmable, CoapCode.NotFound, 0x2001, sent).ToArray());
            Assert.AreEqual("60 00 20 01", ClientHarness.HexOf(answer[0]));
            Assert.AreEqual(CoapCode.NotFound, request.Code);
            Assert.AreEqual((int)CoapClientResult.Response, (int)request.Result);
        }

        [TestMethod]
        public void ARegistrationAnsweredWithoutObserveIsAPlainResponse()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = Observe(h);
            CoapMessage sent = h.Send(request);
            h.Deliver(ResponseBuilder.Ack(sent, CoapCode.Content).Text("plain").ToArray());
            Assert.IsFalse(request.IsPending);
            Assert.AreEqual((int)CoapClientResult.Response, (int)request.Result);
            Assert.IsTrue(request.PayloadEquals("plain"));

            // Its token is forgotten: a notification with it is rejected.
            byte[] stray = Notification(CoapMessageType.NonConfirmable, 0x2001, sent, 6, "x");
            Assert.AreEqual("70 00 20 01", ClientHarness.HexOf(h.Deliver(stray)[0]));
        }

        [TestMethod]
        public void StopObservingSendsGetWithObserveOneAndTheSameToken()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = Observe(h);
            CoapMessage sent = Establish(h, request, 5);
            Assert.IsTrue(h.Client.StopObserving(request));
            byte[][] out1 = h.Turn();
            CoapMessage deregistration = ServerHarness.Parse(out1[0]);
            Assert.AreEqual(1, ServerHarness.ObserveOf(deregistration));
            Assert.IsTrue(deregistration.TokenEquals(sent.Buffer, sent.TokenOffset, sent.TokenLength));
            Assert.IsTrue(request.IsPending);

            // A notification on its way meanwhile is acknowledged, not delivered.
            Assert.AreEqual(1, h.Deliver(Notification(CoapMessageType.Confirmable, 0x2001, sent, 6, "21")).Length);
            Assert.AreEqual(1, h.Handler.Responses);

            h.Deliver(ResponseBuilder.Ack(deregistration, CoapCode.Content).Text("22").ToArray());
            Assert.IsFalse(request.IsPending);
            Assert.AreEqual((int)CoapClientResult.Cancelled, (int)request.Result);
            Assert.AreEqual((int)CoapClientResult.Cancelled, (int)h.Handler.EndResult);
            Assert.AreEqual(0, h.After(300000).Length);
        }

        [TestMethod]
        public void TheDeregistrationCarriesTheRegistrationsOptions()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = Observe(h);
            request.BlockSize = 32;
            request.AddUIntOption(CoapOption.Accept, CoapContentFormat.Json);
            CoapMessage registration = h.Send(request);
            h.Deliver(Notification(CoapMessageType.Acknowledgement, registration.MessageId, registration, 5, "20"));
            h.Client.StopObserving(request);
            CoapMessage deregistration = ServerHarness.Parse(h.Turn()[0]);
            Assert.AreEqual(registration.OptionCount, deregistration.OptionCount);
            for (int i = 0; i < registration.OptionCount; i++)
            {
                Assert.AreEqual(registration.GetOptionNumber(i), deregistration.GetOptionNumber(i));
                if (registration.GetOptionNumber(i) != CoapOption.Observe)
                {
                    Assert.IsTrue(deregistration.OptionValueEquals(i, registration.Buffer, registration.GetOptionOffset(i), registration.GetOptionLength(i)));
                }
            }

            Assert.AreEqual(1, ServerHarness.ObserveOf(deregistration));
        }

        [TestMethod]
        public void ADeregistrationWithoutAnAnswerEndsCancelledAfterItsRetransmissions()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = Observe(h);
            Establish(h, request, 5);
            h.Client.StopObserving(request);
            h.Turn();
            for (int i = 0; i < 5; i++)
            {
                h.After(50000);
            }

            Assert.AreEqual((int)CoapClientResult.Cancelled, (int)request.Result);
            Assert.IsFalse(h.Client.StopObserving(request));
        }

        [TestMethod]
        public void ACancelledObservationsNextNotificationIsRejectedWithReset()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = Observe(h);
            CoapMessage sent = Establish(h, request, 5);
            h.Client.Cancel(request);
            Assert.AreEqual(0, h.Turn().Length);
            Assert.AreEqual((int)CoapClientResult.Cancelled, (int)request.Result);

            // RFC 7641 §3.6: even a NON notification is rejected, so the server forgets the client.
            byte[][] answer = h.Deliver(Notification(CoapMessageType.NonConfirmable, 0x2001, sent, 6, "21"));
            Assert.AreEqual("70 00 20 01", ClientHarness.HexOf(answer[0]));
            Assert.AreEqual(1, h.Handler.Responses);
        }

        [TestMethod]
        public void StopObservingBeforeTheRegistrationIsAnsweredCancelsIt()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = Observe(h);
            h.Send(request);
            h.Client.StopObserving(request);
            Assert.AreEqual(0, h.Turn().Length);
            Assert.AreEqual((int)CoapClientResult.Cancelled, (int)request.Result);
        }

        [TestMethod]
        public void ANonRegistrationGetsNotificationsAndReregistersAsNon()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = Observe(h);
            request.Confirmable = false;
            CoapMessage sent = h.Send(request);
            h.Deliver(Notification(CoapMessageType.NonConfirmable, 0x2000, sent, 1, "a"));
            Assert.IsTrue(request.IsObserving);
            CoapMessage again = ServerHarness.Parse(h.After(62000)[0]);
            Assert.AreEqual((int)CoapMessageType.NonConfirmable, (int)again.Type);
            Assert.AreEqual(0, ServerHarness.ObserveOf(again));
        }

        private static CoapRequest Observe(ClientHarness h)
        {
            CoapRequest request = h.Get("obs");
            request.Observe = true;
            return request;
        }

        // Registers and delivers the first notification "20" with Observe value first; returns the registration.
        private static CoapMessage Establish(ClientHarness h, CoapRequest request, int first)
        {
            CoapMessage sent = h.Send(request);
            h.Deliver(Notification(CoapMessageType.Acknowledgement, sent.MessageId, sent, first, "20"));
            Assert.IsTrue(request.IsObserving);
            return sent;
        }

        private static byte[] Notification(CoapMessageType type, int messageId, CoapMessage registration, int observe, string text)
        {
            return new ResponseBuilder(type, CoapCode.Content, messageId, registration).UInt(CoapOption.Observe, (uint)observe).Text(text).ToArray();
        }
    }
}
