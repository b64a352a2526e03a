using Coap.Micro;
using nanoFramework.TestFramework;
using ThermoDev.Tests.Server;

namespace ThermoDev.Tests.Client
{
    /// <summary>Which messages answer a request (RFC 7252 §4.2, §5.3.2), and duplicates (§4.5).</summary>
    [TestClass]
    public class ClientMatchingTests
    {
        private static readonly byte[] OtherToken = { 1, 2, 3, 4 };

        [TestMethod]
        public void AResetEndsTheRequestWithReset()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = h.Get("temp");
            CoapMessage sent = h.Send(request);
            Assert.AreEqual(0, h.Deliver(Requests.Reset(sent.MessageId)).Length);
            Assert.AreEqual((int)CoapClientResult.Reset, (int)request.Result);
            Assert.AreEqual((int)CoapClientResult.Reset, (int)h.Handler.EndResult);
            Assert.AreEqual(1, h.Client.Counters.Resets);
            Assert.AreEqual(0, h.After(100000).Length);
        }

        [TestMethod]
        public void AnAckOrResetOfAnotherMessageIdOrFromAnotherEndpointIsIgnored()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = h.Get("temp");
            CoapMessage sent = h.Send(request);
            h.Deliver(Requests.Reset(sent.MessageId + 1));
            h.Deliver(Requests.Ack(sent.MessageId + 1));
            h.Deliver(Requests.Reset(sent.MessageId), h.OtherServer);
            h.Deliver(Requests.Ack(sent.MessageId), h.OtherServer);
            Assert.IsTrue(request.IsPending);
            Assert.AreEqual(4, h.Client.Counters.Ignored);
            Assert.AreEqual(1, h.After(2500).Length);
        }

        [TestMethod]
        public void APiggybackedResponseWithAnotherTokenIsIgnoredAndTheConIsStillRetransmitted()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = h.Get("temp");
            CoapMessage sent = h.Send(request);
            byte[] forged = new ResponseBuilder(CoapMessageType.Acknowledgement, CoapCode.Content, sent.MessageId, OtherToken).Text("x").ToArray();
            Assert.AreEqual(0, h.Deliver(forged).Length);
            Assert.IsTrue(request.IsPending);
            Assert.AreEqual(1, h.After(2500).Length);
        }

        [TestMethod]
        public void AConResponseWithAnUnknownTokenIsRejectedWithReset()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = h.Get("temp");
            h.Send(request);
            byte[] stray = new ResponseBuilder(CoapMessageType.Confirmable, CoapCode.Content, 0x4444, OtherToken).Text("x").ToArray();
            byte[][] answer = h.Deliver(stray);
            Assert.AreEqual("70 00 44 44", ClientHarness.HexOf(answer[0]));
            Assert.IsTrue(request.IsPending);
            Assert.AreEqual(1, h.Client.Counters.Rejected);

            // Retransmitted, it gets the same answer.
            Assert.AreEqual("70 00 44 44", ClientHarness.HexOf(h.Deliver(stray)[0]));
            Assert.AreEqual(1, h.Client.Counters.Duplicates);
        }

        [TestMethod]
        public void ANonResponseWithAnUnknownTokenIsIgnored()
        {
            ClientHarness h = new ClientHarness();
            h.Send(h.Get("temp"));
            byte[] stray = new ResponseBuilder(CoapMessageType.NonConfirmable, CoapCode.Content, 0x4444, OtherToken).Text("x").ToArray();
            Assert.AreEqual(0, h.Deliver(stray).Length);
            Assert.AreEqual(1, h.Client.Counters.Ignored);
        }

        [TestMethod]
        public void AResponseWithTheRightTokenFromAnotherEndpointIsRejected()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = h.Get("temp");
            CoapMessage sent = h.Send(request);
            h.Deliver(Requests.Ack(sent.MessageId));
            byte[] spoofed = new ResponseBuilder(CoapMessageType.Confirmable, CoapCode.Content, 0x4444, sent).Text("x").ToArray();
            Assert.AreEqual("70 00 44 44", ClientHarness.HexOf(h.Deliver(spoofed, h.OtherServer)[0]));
            Assert.IsTrue(request.IsPending);

            byte[] real = new ResponseBuilder(CoapMessageType.Confirmable, CoapCode.Content, 0x4445, sent).Text("y").ToArray();
            Assert.AreEqual("60 00 44 45", ClientHarness.HexOf(h.Deliver(real)[0]));
            Assert.IsTrue(request.PayloadEquals("y"));
        }

        [TestMethod]
        public void ARetransmittedSeparateResponseIsAcknowledgedAgainAndDeliveredOnce()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = h.Get("temp");
            CoapMessage sent = h.Send(request);
            h.Deliver(Requests.Ack(sent.MessageId));
            byte[] separate = new ResponseBuilder(CoapMessageType.Confirmable, CoapCode.Content, 0x7777, sent).Text("x").ToArray();
            h.Deliver(separate);
            h.Clock.Now += 3000;
            byte[][] again = h.Deliver(separate);
            Assert.AreEqual("60 00 77 77", ClientHarness.HexOf(again[0]));
            Assert.AreEqual(1, h.Handler.Responses);
            Assert.AreEqual(1, h.Handler.Ends);
            Assert.AreEqual(1, h.Client.Counters.Duplicates);
        }

        [TestMethod]
        public void ADuplicateIsRememberedForExchangeLifetime()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = h.Get("temp");
            CoapMessage sent = h.Send(request);
            h.Deliver(Requests.Ack(sent.MessageId));
            byte[] separate = new ResponseBuilder(CoapMessageType.Confirmable, CoapCode.Content, 0x7777, sent).Text("x").ToArray();
            h.Deliver(separate);
            h.Clock.Now += CoapTiming.ExchangeLifetime;

            // Forgotten: now it is a response nobody waits for.
            Assert.AreEqual("70 00 77 77", ClientHarness.HexOf(h.Deliver(separate)[0]));
        }

        [TestMethod]
        public void ADuplicatePiggybackedResponseIsIgnored()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = h.Get("temp");
            CoapMessage sent = h.Send(request);
            byte[] ack = ResponseBuilder.Ack(sent, CoapCode.Content).Text("x").ToArray();
            h.Deliver(ack);
            Assert.AreEqual(0, h.Deliver(ack).Length);
            Assert.AreEqual(1, h.Handler.Responses);
        }

        [TestMethod]
        public void ARequestOrPingSentToTheClientIsRejectedAndANonOneIgnored()
        {
            ClientHarness h = new ClientHarness();
            Assert.AreEqual("70 00 12 34", ClientHarness.HexOf(h.Deliver(Hex.Parse("40 01 12 34"))[0]));
            Assert.AreEqual("70 00 12 35", ClientHarness.HexOf(h.Deliver(Hex.Parse("40 00 12 35"))[0]));
            Assert.AreEqual(0, h.Deliver(Hex.Parse("50 01 12 36")).Length);
            Assert.AreEqual(2, h.Client.Counters.Rejected);
        }

        [TestMethod]
        public void MalformedDatagramsAreRejectedOrIgnored()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = h.Get("temp");
            h.Send(request);
            Assert.AreEqual("70 00 12 34", ClientHarness.HexOf(h.Deliver(Hex.Parse("49 45 12 34"))[0]));
            Assert.AreEqual(0, h.Deliver(Hex.Parse("60 45")).Length);
            Assert.AreEqual(0, h.Deliver(Hex.Parse("80 45 12 34")).Length);
            Assert.AreEqual(0, h.Deliver(Hex.Parse("58 45 12 34")).Length);
            Assert.IsTrue(request.IsPending);
        }

        [TestMethod]
        public void AStrayDatagramLargerThanTheBufferIsIgnored()
        {
            CoapClientOptions options = new CoapClientOptions();
            options.MaxMessageSize = 64;
            ClientHarness h = new ClientHarness(options);
            CoapRequest request = h.Get("temp");
            h.Send(request);
            byte[] big = new ResponseBuilder(CoapMessageType.Confirmable, CoapCode.Content, 0x4444, OtherToken).Payload(new byte[100], 0, 100).ToArray();
            Assert.AreEqual(0, h.Deliver(big).Length);
            Assert.AreEqual(1, h.Client.Counters.Ignored);
            Assert.IsTrue(request.IsPending);
        }

        [TestMethod]
        public void AResponseLargerThanTheReceiveBufferEndsTooLarge()
        {
            CoapClientOptions options = new CoapClientOptions();
            options.MaxMessageSize = 64;
            ClientHarness h = new ClientHarness(options);
            CoapRequest request = h.Get("temp");
            CoapMessage sent = h.Send(request);
            byte[] big = ResponseBuilder.Ack(sent, CoapCode.Content).Payload(new byte[100], 0, 100).ToArray();
            Assert.AreEqual(0, h.Deliver(big).Length);
            Assert.AreEqual((int)CoapClientResult.TooLarge, (int)request.Result);
            Assert.AreEqual(0, h.After(3000).Length);
        }

        [TestMethod]
        public void ASeparateResponseLargerThanTheReceiveBufferIsRejectedAndEndsTooLarge()
        {
            CoapClientOptions options = new CoapClientOptions();
            options.MaxMessageSize = 64;
            ClientHarness h = new ClientHarness(options);
            CoapRequest request = h.Get("temp");
            CoapMessage sent = h.Send(request);
            h.Deliver(Requests.Ack(sent.MessageId));
            byte[] big = new ResponseBuilder(CoapMessageType.Confirmable, CoapCode.Content, 0x4444, sent).Payload(new byte[100], 0, 100).ToArray();
            Assert.AreEqual("70 00 44 44", ClientHarness.HexOf(h.Deliver(big)[0]));
            Assert.AreEqual((int)CoapClientResult.TooLarge, (int)request.Result);
        }

        [TestMethod]
        public void ACancelledRequestEndsAtOnceAndItsLateResponseIsRejected()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = h.Get("temp");
            CoapMessage sent = h.Send(request);
            h.Deliver(Requests.Ack(sent.MessageId));
            h.Client.Cancel(request);
            Assert.AreEqual(0, h.Turn().Length);
            Assert.AreEqual((int)CoapClientResult.Cancelled, (int)request.Result);
            Assert.AreEqual((int)CoapClientResult.Cancelled, (int)h.Handler.EndResult);
            byte[] late = new ResponseBuilder(CoapMessageType.Confirmable, CoapCode.Content, 0x7777, sent).Text("x").ToArray();
            Assert.AreEqual("70 00 77 77", ClientHarness.HexOf(h.Deliver(late)[0]));
            Assert.AreEqual(0, h.Handler.Responses);
        }

        [TestMethod]
        public void CancellingARequestThatWaitsForItsTurnFreesItsSlot()
        {
            CoapClientOptions options = new CoapClientOptions();
            options.MaxExchanges = 2;
            ClientHarness h = new ClientHarness(options);
            CoapRequest first = h.Get("a");
            CoapRequest second = h.Get("b");
            h.Client.Send(first);
            h.Client.Send(second);
            h.Turn();
            h.Client.Cancel(second);
            h.Turn();
            Assert.IsFalse(second.IsPending);
            Assert.AreEqual((int)CoapClientResult.Pending, (int)h.Client.Send(h.Get("c")));
        }
    }
}
