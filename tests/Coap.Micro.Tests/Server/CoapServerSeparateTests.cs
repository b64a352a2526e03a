using Coap.Micro;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.Server
{
    /// <summary>Separate responses (RFC 7252 §5.2.2) and their retransmission (§4.2).</summary>
    [TestClass]
    public class CoapServerSeparateTests
    {
        private static readonly byte[] Token = { 0x5E, 0x9A };

        private static byte[] GetSep(CoapMessageType type, int messageId)
        {
            return Requests.Get(type, messageId, Token, "sep", -1, -1);
        }

        [TestMethod]
        public void ConfirmableRequestGetsAnEmptyAckNowAndAConfirmableResponseLater()
        {
            ServerHarness h = new ServerHarness(8);
            byte[][] sent = h.Turn(GetSep(CoapMessageType.Confirmable, 0x0310), h.Client);
            Assert.AreEqual("60 00 03 10", Hex.Format(sent[0], 0, sent[0].Length));
            Assert.IsTrue(h.Separate.Ticket >= 0);
            Assert.AreEqual(0, h.Turn().Length);

            Assert.IsTrue(h.Separate.SeparateReady(h.Separate.Ticket));
            sent = h.Turn();
            Assert.AreEqual(1, sent.Length);
            CoapMessage response = ServerHarness.Parse(sent[0]);
            Assert.AreEqual((int)CoapMessageType.Confirmable, (int)response.Type);
            Assert.AreEqual(CoapCode.Content, response.Code);
            Assert.IsTrue(response.TokenEquals(Token, 0, Token.Length));
            Assert.AreEqual("done", ServerHarness.PayloadText(response));
            Assert.AreNotEqual(0x0310, (int)response.MessageId);
            Assert.AreEqual(1, h.Server.Counters.SeparateResponses);
            Assert.AreEqual(1, h.Server.Counters.EmptyAcks);

            h.Turn(Requests.Ack(response.MessageId), h.Client);
            h.Clock.Now += 100000;
            Assert.AreEqual(0, h.Turn().Length);
            Assert.IsFalse(h.Separate.SeparateReady(h.Separate.Ticket));
        }

        [TestMethod]
        public void ARetransmittedRequestGetsTheEmptyAckAgainAndTheHandlerRunsOnce()
        {
            ServerHarness h = new ServerHarness(8);
            h.Turn(GetSep(CoapMessageType.Confirmable, 0x0310), h.Client);
            byte[][] again = h.Turn(GetSep(CoapMessageType.Confirmable, 0x0310), h.Client);
            Assert.AreEqual("60 00 03 10", Hex.Format(again[0], 0, again[0].Length));
            Assert.AreEqual(1, h.Separate.Runs);
        }

        [TestMethod]
        public void AnUnacknowledgedResponseIsWrittenAgainForEachRetransmissionThenGivenUp()
        {
            ServerHarness h = new ServerHarness(8);
            h.Turn(GetSep(CoapMessageType.Confirmable, 0x0310), h.Client);
            h.Separate.SeparateReady(h.Separate.Ticket);
            CoapMessage first = ServerHarness.Parse(h.Turn()[0]);
            long[] gaps = { 2500, 5000, 10000, 20000 };
            for (int i = 0; i < gaps.Length; i++)
            {
                h.Clock.Now += gaps[i];
                CoapMessage again = ServerHarness.Parse(h.Turn()[0]);
                Assert.AreEqual((int)first.MessageId, (int)again.MessageId);
                Assert.AreEqual("done", ServerHarness.PayloadText(again));
            }

            Assert.AreEqual(5, h.Separate.Writes);
            h.Clock.Now += 40000;
            Assert.AreEqual(0, h.Turn().Length);
            Assert.AreEqual(1, h.Server.Counters.GaveUp);

            // The slot is free again.
            h.Turn(GetSep(CoapMessageType.Confirmable, 0x0311), h.Client);
            h.Turn(GetSep(CoapMessageType.Confirmable, 0x0312), h.Client);
            Assert.IsTrue(h.Separate.Ticket >= 0);
        }

        [TestMethod]
        public void NonRequestGetsNothingNowAndANonResponseLater()
        {
            ServerHarness h = new ServerHarness(8);
            Assert.AreEqual(0, h.Turn(GetSep(CoapMessageType.NonConfirmable, 0x0310), h.Client).Length);
            h.Separate.SeparateReady(h.Separate.Ticket);
            CoapMessage response = ServerHarness.Parse(h.Turn()[0]);
            Assert.AreEqual((int)CoapMessageType.NonConfirmable, (int)response.Type);
            Assert.IsTrue(response.TokenEquals(Token, 0, Token.Length));
            h.Clock.Now += 100000;
            Assert.AreEqual(0, h.Turn().Length);
        }

        [TestMethod]
        public void WhenNoMoreResponsesCanWaitTheRequestGets503WithMaxAge()
        {
            ServerHarness h = new ServerHarness(8);
            h.Turn(GetSep(CoapMessageType.Confirmable, 1), h.Client);
            h.Turn(GetSep(CoapMessageType.Confirmable, 2), h.Client);
            CoapMessage refused = ServerHarness.Parse(h.Turn(GetSep(CoapMessageType.Confirmable, 3), h.Client)[0]);
            Assert.AreEqual(CoapCode.ServiceUnavailable, refused.Code);
            uint maxAge;
            Assert.IsTrue(refused.TryGetUIntOption(CoapOption.MaxAge, 0, out maxAge));
            Assert.IsTrue(maxAge > 0);
            Assert.AreEqual(-1, h.Separate.Ticket);
        }

        [TestMethod]
        public void AStaleTicketIsRefused()
        {
            ServerHarness h = new ServerHarness(8);
            h.Turn(GetSep(CoapMessageType.NonConfirmable, 1), h.Client);
            int old = h.Separate.Ticket;
            h.Separate.SeparateReady(old);
            h.Turn();
            h.Turn(GetSep(CoapMessageType.NonConfirmable, 2), h.Client);
            Assert.AreNotEqual(old, h.Separate.Ticket);
            Assert.IsFalse(h.Separate.SeparateReady(old));
            Assert.IsFalse(h.Separate.SeparateReady(-1));
            Assert.IsFalse(h.Separate.SeparateReady(12345));
        }
    }
}
