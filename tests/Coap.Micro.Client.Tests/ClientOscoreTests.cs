using System;
using Coap.Micro;
using nanoFramework.TestFramework;
using ThermoDev.Tests.Server;

namespace ThermoDev.Tests.Client
{
    /// <summary>
    /// The client's OSCORE rules (RFC 8613) with a stand-in security (<see cref="FakeClientSecurity"/>): a Partial IV per
    /// message, repeated by a retransmission (§8.1); responses verified (§8.4); notifications fresh by Partial IV
    /// (§4.1.3.5.2, §7.4.1); an Echo challenge answered once (RFC 9175 §2.4, Appendix B.1.2).
    /// </summary>
    [TestClass]
    public class ClientOscoreTests
    {
        private static readonly byte[] Echo = new byte[] { 0xE1, 0xE2, 0xE3 };

        [TestMethod]
        public void EveryMessageTakesANewPartialIvAndARetransmissionRepeatsIt()
        {
            FakeClientSecurity security = new FakeClientSecurity();
            ClientHarness h = Protected(security);
            CoapRequest request = Get(h);
            CoapMessage sent = h.Send(request);
            string first = ClientHarness.HexOf(h.Transport.Sent(0));
            Assert.AreEqual(1, security.Protected);
            Assert.AreEqual(0L, security.Sent[0]);

            byte[][] again = h.After(3000);
            Assert.AreEqual(1, again.Length);
            Assert.AreEqual(first, ClientHarness.HexOf(again[0]));
            Assert.AreEqual(0L, security.Sent[1]);

            h.Deliver(ResponseBuilder.Ack(sent, CoapCode.Content).Option(9, new byte[] { 0 }).Text("21.5").ToArray());
            Assert.AreEqual((int)CoapClientResult.Response, (int)request.Result);
            Assert.AreEqual("21.5", h.Handler.LastText);

            h.Send(request);
            Assert.AreEqual(1L, security.Sent[2]);
        }

        [TestMethod]
        public void ANotificationMustBeProtectedWithAPartialIvNewerThanTheLast()
        {
            FakeClientSecurity security = new FakeClientSecurity();
            ClientHarness h = Protected(security);
            CoapRequest request = Get(h);
            request.Observe = true;
            CoapMessage sent = h.Send(request);
            h.Deliver(Notification(CoapMessageType.Acknowledgement, sent.MessageId, sent, 5, new byte[] { 0, 10 }, "a"));
            Assert.IsTrue(request.IsObserving);
            h.Deliver(Notification(CoapMessageType.NonConfirmable, 0x2001, sent, 6, new byte[] { 0, 12 }, "b"));
            Assert.AreEqual("a|b", h.Handler.Texts);

            // A newer Observe value does not make an older Partial IV fresh.
            h.Deliver(Notification(CoapMessageType.NonConfirmable, 0x2002, sent, 7, new byte[] { 0, 11 }, "c"));
            Assert.AreEqual(1, h.Client.Counters.StaleNotifications);

            // No Partial IV of its own, bound to another request, not protected: dropped, counted, still observing.
            h.Deliver(Notification(CoapMessageType.NonConfirmable, 0x2003, sent, 8, new byte[] { 0 }, "d"));
            h.Deliver(Notification(CoapMessageType.NonConfirmable, 0x2004, sent, 9, new byte[] { 5, 13 }, "e"));
            h.Deliver(new ResponseBuilder(CoapMessageType.NonConfirmable, CoapCode.Content, 0x2005, sent).UInt(CoapOption.Observe, 10).Text("f").ToArray());
            Assert.AreEqual(3, h.Client.Counters.ProtectionFailures);
            Assert.AreEqual("a|b", h.Handler.Texts);
            Assert.IsTrue(request.IsObserving);

            h.Deliver(Notification(CoapMessageType.NonConfirmable, 0x2006, sent, 11, new byte[] { 0, 14 }, "g"));
            Assert.AreEqual("a|b|g", h.Handler.Texts);
            Assert.AreEqual(0, h.Handler.Ends);
        }

        [TestMethod]
        public void AnUnprotectedErrorEndsTheRequestWithItsCodeAndDiagnostic()
        {
            FakeClientSecurity security = new FakeClientSecurity();
            ClientHarness h = Protected(security);
            CoapRequest request = Get(h);
            CoapMessage sent = h.Send(request);
            h.Deliver(ResponseBuilder.Ack(sent, CoapCode.Unauthorized).Text("Security context not found").ToArray());
            Assert.IsFalse(request.IsPending);
            Assert.AreEqual((int)CoapClientResult.ProtectionFailed, (int)request.Result);
            Assert.AreEqual(CoapCode.Unauthorized, request.Code);
            Assert.IsTrue(request.PayloadEquals("Security context not found"));
            Assert.AreEqual(0, h.Handler.Responses);
            Assert.AreEqual(1, h.Handler.Ends);
            Assert.AreEqual(1, h.Client.Counters.ProtectionFailures);
        }

        [TestMethod]
        public void AnUnprotectedOrUnverifiedSuccessEndsTheRequest()
        {
            FakeClientSecurity security = new FakeClientSecurity();
            ClientHarness h = Protected(security);
            CoapRequest request = Get(h);
            CoapMessage sent = h.Send(request);
            h.Deliver(ResponseBuilder.Ack(sent, CoapCode.Content).Text("forged").ToArray());
            Assert.AreEqual((int)CoapClientResult.ProtectionFailed, (int)request.Result);
            Assert.AreEqual(0, (int)request.Code);
            Assert.AreEqual(0, request.PayloadLength);

            sent = h.Send(request);
            h.Deliver(ResponseBuilder.Ack(sent, CoapCode.Content).Option(9, new byte[] { 0x77 }).Text("forged").ToArray());
            Assert.AreEqual((int)CoapClientResult.ProtectionFailed, (int)request.Result);
            Assert.AreEqual(0, h.Handler.Responses);
            Assert.AreEqual(2, h.Client.Counters.ProtectionFailures);
        }

        [TestMethod]
        public void AnEchoChallengeIsAnsweredWithItsValueInARepeatWithANewPartialIv()
        {
            FakeClientSecurity security = new FakeClientSecurity();
            ClientHarness h = Protected(security);
            CoapRequest request = Get(h);
            CoapMessage sent = h.Send(request);
            Assert.IsFalse(sent.HasOption(CoapOption.Echo));

            byte[][] repeat = h.Deliver(ResponseBuilder.Ack(sent, CoapCode.Unauthorized).Option(9, new byte[] { 0 }).Option(CoapOption.Echo, Echo).ToArray());
            Assert.AreEqual(1, repeat.Length);
            CoapMessage again = ServerHarness.Parse(repeat[0]);
            int at = again.FindOption(CoapOption.Echo);
            Assert.IsTrue(at >= 0);
            Assert.IsTrue(again.OptionValueEquals(at, Echo, 0, Echo.Length));
            Assert.IsTrue(again.HasOption(CoapOption.UriPath));
            Assert.AreEqual(1L, security.Sent[1]);
            Assert.IsTrue(request.IsPending);
            Assert.AreEqual(0, h.Handler.Responses);
            Assert.AreEqual(1, h.Client.Counters.EchoRetries);

            h.Deliver(ResponseBuilder.Ack(again, CoapCode.Content).Option(9, new byte[] { 1 }).Text("ok").ToArray());
            Assert.AreEqual((int)CoapClientResult.Response, (int)request.Result);
            Assert.AreEqual("ok", h.Handler.LastText);

            // The next request carries no Echo.
            Assert.IsFalse(h.Send(request).HasOption(CoapOption.Echo));
        }

        [TestMethod]
        public void ASecondChallengeIsGivenToTheCaller()
        {
            FakeClientSecurity security = new FakeClientSecurity();
            ClientHarness h = Protected(security);
            CoapRequest request = Get(h);
            CoapMessage sent = h.Send(request);
            byte[][] repeat = h.Deliver(ResponseBuilder.Ack(sent, CoapCode.Unauthorized).Option(9, new byte[] { 0 }).Option(CoapOption.Echo, Echo).ToArray());
            CoapMessage again = ServerHarness.Parse(repeat[0]);
            byte[][] none = h.Deliver(ResponseBuilder.Ack(again, CoapCode.Unauthorized).Option(9, new byte[] { 1 }).Option(CoapOption.Echo, Echo).ToArray());
            Assert.AreEqual(0, none.Length);
            Assert.AreEqual((int)CoapClientResult.Response, (int)request.Result);
            Assert.AreEqual(CoapCode.Unauthorized, request.Code);
            Assert.AreEqual(1, h.Client.Counters.EchoRetries);
        }

        [TestMethod]
        public void WithNoPartialIvLeftTheRequestEndsUnsent()
        {
            FakeClientSecurity security = new FakeClientSecurity();
            security.Next = -1;
            ClientHarness h = Protected(security);
            CoapRequest request = Get(h);
            Assert.AreEqual((int)CoapClientResult.Pending, (int)h.Client.Send(request));
            Assert.AreEqual(0, h.Turn().Length);
            Assert.AreEqual((int)CoapClientResult.ProtectionFailed, (int)request.Result);
            Assert.AreEqual(1, h.Client.Counters.ProtectionFailures);
        }

        [TestMethod]
        public void AContextTheClientDoesNotHaveIsRefused()
        {
            ClientHarness plain = new ClientHarness();
            CoapRequest request = plain.Get("temp");
            request.SecurityContext = 0;
            Assert.AreEqual((int)CoapClientResult.InvalidRequest, (int)plain.Client.Send(request));

            FakeClientSecurity security = new FakeClientSecurity();
            ClientHarness h = Protected(security);
            request = Get(h);
            request.SecurityContext = 2;
            Assert.AreEqual((int)CoapClientResult.InvalidRequest, (int)h.Client.Send(request));
            Assert.ThrowsException(typeof(InvalidOperationException), () => { h.Client.Security = new FakeClientSecurity(); });
        }

        private static ClientHarness Protected(FakeClientSecurity security)
        {
            ClientHarness h = new ClientHarness();
            h.Client.Security = security;
            return h;
        }

        private static CoapRequest Get(ClientHarness h)
        {
            CoapRequest request = h.Get("temp");
            request.SecurityContext = 0;
            return request;
        }

        private static byte[] Notification(CoapMessageType type, int messageId, CoapMessage registration, int observe, byte[] oscore, string text)
        {
            return new ResponseBuilder(type, CoapCode.Content, messageId, registration).UInt(CoapOption.Observe, (uint)observe).Option(9, oscore).Text(text).ToArray();
        }
    }
}
