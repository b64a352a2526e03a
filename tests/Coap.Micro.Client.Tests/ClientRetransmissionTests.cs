using Coap.Micro;
using nanoFramework.TestFramework;
using ThermoDev.Tests.Server;
using ThermoDev.Tests.ThermoDev;

namespace ThermoDev.Tests.Client
{
    /// <summary>Confirmable requests (RFC 7252 §4.2, §4.8), separate responses (§5.2.2) and NSTART (§4.7).</summary>
    [TestClass]
    public class ClientRetransmissionTests
    {
        [TestMethod]
        public void AnUnacknowledgedConIsRetransmittedAtDoublingTimeoutsThenGivenUp()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = h.Get("temp");
            h.Send(request);
            string first = ClientHarness.HexOf(h.Transport.Sent(0));

            // ACK_TIMEOUT 2 s plus the random part (500 ms here), doubling: 2.5, 5, 10, 20 s (§4.2).
            long[] gaps = { 2500, 5000, 10000, 20000 };
            for (int i = 0; i < gaps.Length; i++)
            {
                Assert.AreEqual(0, h.After(gaps[i] - 1).Length);
                byte[][] again = h.After(1);
                Assert.AreEqual(1, again.Length);
                Assert.AreEqual(first, ClientHarness.HexOf(again[0]));
            }

            Assert.AreEqual(4, h.Client.Counters.Retransmissions);

            // After MAX_RETRANSMIT (4) retransmissions it waits out the last, doubled, timeout and gives up.
            Assert.AreEqual(0, h.After(39999).Length);
            Assert.IsTrue(request.IsPending);
            Assert.AreEqual(0, h.After(1).Length);
            Assert.AreEqual((int)CoapClientResult.Timeout, (int)request.Result);
            Assert.AreEqual((int)CoapClientResult.Timeout, (int)h.Handler.EndResult);
            Assert.AreEqual(1, h.Client.Counters.Timeouts);
        }

        [TestMethod]
        public void TheFirstTimeoutIsDrawnUpToAckTimeoutTimesTheRandomFactor()
        {
            // Message ID start, four token bytes, then the random part of the timeout at its largest.
            ScriptedRandom random = new ScriptedRandom(0x1000, 1, 2, 3, 4, 1000);
            InMemoryTransport transport = new InMemoryTransport();
            FakeClock clock = new FakeClock();
            CoapClient client = new CoapClient(transport, clock, random, null);
            CoapRequest request = new CoapRequest(16);
            request.SetEndpoint(ServerHarness.Endpoint(9));
            client.Send(request);
            client.Poll(0);
            Assert.AreEqual(6, random.Draws);
            Assert.AreEqual(1001, random.LastMaxExclusive);
            Assert.AreEqual("44 01 10 00 01 02 03 04", Hex.Format(transport.Sent(0), 0, transport.Sent(0).Length));

            // ACK_TIMEOUT × ACK_RANDOM_FACTOR = 3 s.
            clock.Now = 2999;
            client.Poll(0);
            Assert.AreEqual(1, transport.SentCount);
            clock.Now = 3000;
            client.Poll(0);
            Assert.AreEqual(2, transport.SentCount);
        }

        [TestMethod]
        public void AnAckReceivedBetweenRetransmissionsStopsThem()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = h.Get("temp");
            CoapMessage sent = h.Send(request);
            h.After(2500);
            h.Deliver(ResponseBuilder.Ack(sent, CoapCode.Content).Text("1").ToArray());
            Assert.AreEqual((int)CoapClientResult.Response, (int)request.Result);
            Assert.AreEqual(0, h.After(100000).Length);
            Assert.AreEqual(1, h.Client.Counters.Retransmissions);
        }

        [TestMethod]
        public void AnEmptyAckStopsRetransmissionAndTheSeparateResponseIsAcknowledged()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = h.Get("temp");
            CoapMessage sent = h.Send(request);
            Assert.AreEqual(0, h.Deliver(Requests.Ack(sent.MessageId)).Length);
            Assert.AreEqual(0, h.After(60000).Length);
            Assert.IsTrue(request.IsPending);

            byte[] separate = new ResponseBuilder(CoapMessageType.Confirmable, CoapCode.Content, 0x7777, sent).Text("late").ToArray();
            byte[][] answer = h.Deliver(separate);
            Assert.AreEqual(1, answer.Length);
            Assert.AreEqual("60 00 77 77", ClientHarness.HexOf(answer[0]));
            Assert.AreEqual((int)CoapClientResult.Response, (int)request.Result);
            Assert.IsTrue(request.PayloadEquals("late"));
        }

        [TestMethod]
        public void ASeparateResponseBeforeTheEmptyAckEndsTheRequestAndItsRetransmission()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = h.Get("temp");
            CoapMessage sent = h.Send(request);
            byte[] separate = new ResponseBuilder(CoapMessageType.Confirmable, CoapCode.Content, 0x7777, sent).Text("x").ToArray();
            Assert.AreEqual("60 00 77 77", ClientHarness.HexOf(h.Deliver(separate)[0]));
            Assert.AreEqual((int)CoapClientResult.Response, (int)request.Result);
            Assert.AreEqual(0, h.After(100000).Length);

            // The empty ACK, late, matches nothing any more.
            Assert.AreEqual(0, h.Deliver(Requests.Ack(sent.MessageId)).Length);
            Assert.AreEqual(1, h.Client.Counters.Ignored);
        }

        [TestMethod]
        public void ANonSeparateResponseAfterTheEmptyAckIsNotAcknowledged()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = h.Get("temp");
            CoapMessage sent = h.Send(request);
            h.Deliver(Requests.Ack(sent.MessageId));
            byte[] separate = new ResponseBuilder(CoapMessageType.NonConfirmable, CoapCode.Content, 0x7777, sent).Text("x").ToArray();
            Assert.AreEqual(0, h.Deliver(separate).Length);
            Assert.AreEqual((int)CoapClientResult.Response, (int)request.Result);
        }

        [TestMethod]
        public void NoSeparateResponseWithinTheResponseTimeoutEndsWithTimeout()
        {
            CoapClientOptions options = new CoapClientOptions();
            options.ResponseTimeoutMilliseconds = 30000;
            ClientHarness h = new ClientHarness(options);
            CoapRequest request = h.Get("temp");
            CoapMessage sent = h.Send(request);
            h.Clock.Now += 1000;
            h.Deliver(Requests.Ack(sent.MessageId));
            Assert.AreEqual(0, h.After(29999).Length);
            Assert.IsTrue(request.IsPending);
            h.After(1);
            Assert.AreEqual((int)CoapClientResult.Timeout, (int)request.Result);
        }

        [TestMethod]
        public void WithNStartOneASecondRequestToTheSameServerWaitsForTheFirstsAck()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest first = h.Get("a");
            CoapRequest second = h.Get("b");
            CoapRequest elsewhere = h.Get("c");
            elsewhere.SetEndpoint(h.OtherServer);
            h.Client.Send(first);
            h.Client.Send(second);
            h.Client.Send(elsewhere);
            byte[][] sent = h.Turn();
            Assert.AreEqual(2, sent.Length);
            CoapMessage toServer = ServerHarness.Parse(sent[0]);
            Assert.IsTrue(toServer.OptionValueEquals(0, "a"));
            Assert.IsTrue(h.Transport.SentTo(1).SameAs(h.OtherServer));

            // Retransmissions of the first do not let the second go.
            Assert.AreEqual(2, h.After(2500).Length);

            sent = h.Deliver(ResponseBuilder.Ack(toServer, CoapCode.Content).ToArray());
            Assert.AreEqual(1, sent.Length);
            Assert.IsTrue(ServerHarness.Parse(sent[0]).OptionValueEquals(0, "b"));
            Assert.IsTrue(second.IsPending);
        }

        [TestMethod]
        public void AnEmptyAckEndsTheOutstandingInteractionSoTheNextRequestGoes()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest first = h.Get("a");
            CoapRequest second = h.Get("b");
            h.Client.Send(first);
            h.Client.Send(second);
            CoapMessage sent = ServerHarness.Parse(h.Turn()[0]);
            byte[][] next = h.Deliver(Requests.Ack(sent.MessageId));
            Assert.AreEqual(1, next.Length);
            Assert.IsTrue(ServerHarness.Parse(next[0]).OptionValueEquals(0, "b"));
            Assert.IsTrue(first.IsPending);
        }

        [TestMethod]
        public void AWaitingNonRequestIsOutstandingUntilItsResponse()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest first = h.Get("a");
            first.Confirmable = false;
            CoapRequest second = h.Get("b");
            h.Client.Send(first);
            h.Client.Send(second);
            CoapMessage sent = ServerHarness.Parse(h.Turn()[0]);
            Assert.AreEqual(0, h.Turn().Length);
            byte[] response = new ResponseBuilder(CoapMessageType.NonConfirmable, CoapCode.Content, 0x100, sent).ToArray();
            Assert.AreEqual(1, h.Deliver(response).Length);
        }

        [TestMethod]
        public void NStartTwoLetsTwoRequestsToOneServerGoAtOnce()
        {
            CoapClientOptions options = new CoapClientOptions();
            options.NStart = 2;
            ClientHarness h = new ClientHarness(options);
            h.Client.Send(h.Get("a"));
            h.Client.Send(h.Get("b"));
            h.Client.Send(h.Get("c"));
            Assert.AreEqual(2, h.Turn().Length);
        }

        [TestMethod]
        public void ConcurrentRequestsGetDifferentTokensEvenFromARandomSourceThatRepeats()
        {
            CoapClientOptions options = new CoapClientOptions();
            options.NStart = 3;
            ClientHarness h = new ClientHarness(options);
            h.Client.Send(h.Get("a"));
            h.Client.Send(h.Get("b"));
            h.Client.Send(h.Get("c"));
            byte[][] sent = h.Turn();
            CoapMessage a = ServerHarness.Parse(sent[0]);
            CoapMessage b = ServerHarness.Parse(sent[1]);
            CoapMessage c = ServerHarness.Parse(sent[2]);
            Assert.AreEqual(4, b.TokenLength);
            Assert.IsFalse(b.TokenEquals(c.Buffer, c.TokenOffset, c.TokenLength));
            Assert.IsFalse(a.TokenEquals(c.Buffer, c.TokenOffset, c.TokenLength));
            Assert.IsFalse(a.TokenEquals(b.Buffer, b.TokenOffset, b.TokenLength));
        }

        [TestMethod]
        public void TokenLengthIsAnOption()
        {
            CoapClientOptions options = new CoapClientOptions();
            options.TokenLength = 8;
            ClientHarness h = new ClientHarness(options);
            Assert.AreEqual(8, h.Send(h.Get("a")).TokenLength);
        }
    }
}
