using Coap.Micro;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.Server
{
    /// <summary>Deduplication (RFC 7252 §4.5) with exchange lifetimes (§4.8.2) and a fixed table.</summary>
    [TestClass]
    public class CoapServerDeduplicationTests
    {
        private const string Get = "41 01 00 2A CC B4 74 65 73 74";

        [TestMethod]
        public void DuplicateConfirmableGetsIdenticalBytesAndTheHandlerRunsOnce()
        {
            ServerHarness h = new ServerHarness(8);
            byte[] first = h.Exchange(Get);
            h.Clock.Now += 5000;
            byte[] second = h.Exchange(Get);
            Assert.AreEqual(Hex.Format(first, 0, first.Length), Hex.Format(second, 0, second.Length));
            Assert.AreEqual(1, h.Counting.Runs);
            Assert.AreEqual(1, h.Server.Counters.Duplicates);
        }

        [TestMethod]
        public void DuplicateNonConfirmableGetsTheSameResponseIncludingItsMessageId()
        {
            ServerHarness h = new ServerHarness(8);
            byte[] first = h.Exchange("51 01 00 2A CC B4 74 65 73 74");
            byte[] second = h.Exchange("51 01 00 2A CC B4 74 65 73 74");
            Assert.AreEqual(Hex.Format(first, 0, first.Length), Hex.Format(second, 0, second.Length));
            Assert.AreEqual(1, h.Counting.Runs);
        }

        [TestMethod]
        public void ConfirmableIsForgottenAfterExchangeLifetime()
        {
            ServerHarness h = new ServerHarness(8);
            h.Exchange(Get);
            h.Clock.Now += CoapTiming.ExchangeLifetime - 1;
            h.Exchange(Get);
            Assert.AreEqual(1, h.Counting.Runs);
            h.Clock.Now += 1;
            h.Exchange(Get);
            Assert.AreEqual(2, h.Counting.Runs);
        }

        [TestMethod]
        public void NonConfirmableIsForgottenAfterNonLifetime()
        {
            ServerHarness h = new ServerHarness(8);
            h.Exchange("51 01 00 2A CC B4 74 65 73 74");
            h.Clock.Now += CoapTiming.NonLifetime;
            h.Exchange("51 01 00 2A CC B4 74 65 73 74");
            Assert.AreEqual(2, h.Counting.Runs);
        }

        [TestMethod]
        public void SameMessageIdFromAnotherEndpointIsANewRequest()
        {
            ServerHarness h = new ServerHarness(8);
            h.Exchange(Hex.Parse(Get), ServerHarness.Endpoint(1));
            h.Exchange(Hex.Parse(Get), ServerHarness.Endpoint(2));
            Assert.AreEqual(2, h.Counting.Runs);
            Assert.AreEqual(0, h.Server.Counters.Duplicates);
        }

        [TestMethod]
        public void FullTableEvictsTheOldestEntry()
        {
            ServerHarness h = new ServerHarness(2);
            h.Exchange("40 01 00 01 B4 74 65 73 74");
            h.Clock.Now += 10;
            h.Exchange("40 01 00 02 B4 74 65 73 74");
            h.Clock.Now += 10;
            h.Exchange("40 01 00 03 B4 74 65 73 74");
            Assert.AreEqual(3, h.Counting.Runs);
            Assert.AreEqual(1, h.Server.Exchanges.Evictions);
            Assert.AreEqual(2, h.Server.Exchanges.CountLive(h.Clock.Now));

            h.Exchange("40 01 00 03 B4 74 65 73 74");
            Assert.AreEqual(3, h.Counting.Runs);
            h.Exchange("40 01 00 01 B4 74 65 73 74");
            Assert.AreEqual(4, h.Counting.Runs);
        }

        [TestMethod]
        public void ErrorResponsesAreDeduplicatedToo()
        {
            ServerHarness h = new ServerHarness(8);
            byte[] first = h.Exchange("40 01 00 07 B4 6E 6F 70 65");
            byte[] second = h.Exchange("40 01 00 07 B4 6E 6F 70 65");
            Assert.AreEqual(Hex.Format(first, 0, first.Length), Hex.Format(second, 0, second.Length));
            Assert.AreEqual(1, h.Server.Counters.Requests);
        }
    }
}
