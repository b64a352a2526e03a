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
        public void DuplicateNonConfirmableIsSilentlyIgnored()
        {
            // RFC 7252 §4.5: duplicate NON messages SHOULD be silently ignored.
            ServerHarness h = new ServerHarness(8);
            Assert.IsNotNull(h.Exchange("51 01 00 2A CC B4 74 65 73 74"));
            Assert.IsNull(h.Exchange("51 01 00 2A CC B4 74 65 73 74"));
            Assert.AreEqual(1, h.Counting.Runs);
            Assert.AreEqual(1, h.Server.Counters.Duplicates);
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
        public void EndpointsDifferingOnlyInTheirFirstByteAreDifferent()
        {
            ServerHarness h = new ServerHarness(8);
            CoapEndpoint first = new CoapEndpoint();
            first.Set(new byte[] { 10, 0, 0, 1, 7 }, 0, 5);
            CoapEndpoint other = new CoapEndpoint();
            other.Set(new byte[] { 11, 0, 0, 1, 7 }, 0, 5);
            h.Exchange(Hex.Parse(Get), first);
            h.Exchange(Hex.Parse(Get), other);
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
            Assert.AreEqual(1, h.Server.Counters.Evictions);

            h.Exchange("40 01 00 03 B4 74 65 73 74");
            Assert.AreEqual(3, h.Counting.Runs);
            h.Exchange("40 01 00 01 B4 74 65 73 74");
            Assert.AreEqual(4, h.Counting.Runs);
        }

        [TestMethod]
        public void AFullTableKeepsItsWritesAnswersGetsUnrememberedAndRefusesNewWrites()
        {
            // RFC 7252 §4.5: a write is never forgotten within its lifetime; §5.9.3.4: 5.03 with Max-Age.
            ServerHarness h = new ServerHarness(2);
            h.Exchange(Hex.Parse("40 03 00 01 B4 74 65 73 74 FF 31"), ServerHarness.Endpoint(1));
            h.Clock.Now += 1000;
            h.Exchange(Hex.Parse("40 03 00 02 B4 74 65 73 74 FF 32"), ServerHarness.Endpoint(2));
            h.Clock.Now += 1000;
            h.Exchange(Hex.Parse("40 01 00 03 B4 74 65 73 74"), ServerHarness.Endpoint(3));
            h.Exchange(Hex.Parse("40 01 00 03 B4 74 65 73 74"), ServerHarness.Endpoint(3));
            Assert.AreEqual(4, h.Counting.Runs);

            CoapMessage refused = ServerHarness.Parse(h.Exchange(Hex.Parse("42 03 00 04 AB CD B4 74 65 73 74 FF 33"), ServerHarness.Endpoint(4)));
            Assert.AreEqual(CoapCode.ServiceUnavailable, refused.Code);
            Assert.AreEqual(2, refused.TokenLength);
            uint maxAge;
            Assert.IsTrue(refused.TryGetUIntOption(CoapOption.MaxAge, 0, out maxAge));
            Assert.AreEqual((uint)((CoapTiming.ExchangeLifetime - 2000 + 999) / 1000), maxAge);
            Assert.AreEqual("too many writes", ServerHarness.PayloadText(refused));
            Assert.AreEqual(4, h.Counting.Runs);

            Assert.AreEqual(CoapCode.Changed, ServerHarness.Parse(h.Exchange(Hex.Parse("40 03 00 01 B4 74 65 73 74 FF 31"), ServerHarness.Endpoint(1))).Code);
            Assert.AreEqual(4, h.Counting.Runs);
            Assert.AreEqual(3, h.Server.Counters.Evictions);
            Assert.AreEqual(1, h.Server.Counters.ServerErrors);

            // Once the first write's lifetime ends, its slot takes the next write.
            h.Clock.Now = CoapTiming.ExchangeLifetime;
            Assert.AreEqual(CoapCode.Changed, ServerHarness.Parse(h.Exchange(Hex.Parse("40 03 00 04 B4 74 65 73 74 FF 33"), ServerHarness.Endpoint(4))).Code);
            Assert.AreEqual(5, h.Counting.Runs);
        }

        [TestMethod]
        public void AClientsNewerWriteTakesThePlaceOfItsOwnEarlierOne()
        {
            // With NSTART 1 (RFC 7252 §4.7) a client that sends the next request no longer retransmits the
            // last: one client may write on and on while another's write stays remembered.
            ServerHarness h = new ServerHarness(2);
            h.Exchange(Hex.Parse("40 03 00 01 B4 74 65 73 74 FF 31"), ServerHarness.Endpoint(2));
            for (int i = 0; i < 50; i++)
            {
                h.Clock.Now += 100;
                byte[] put = Hex.Parse("40 03 01 00 B4 74 65 73 74 FF 31");
                put[3] = (byte)i;
                Assert.AreEqual(CoapCode.Changed, ServerHarness.Parse(h.Exchange(put, ServerHarness.Endpoint(1))).Code);
            }

            Assert.AreEqual(51, h.Counting.Runs);
            h.Exchange(Hex.Parse("40 03 00 01 B4 74 65 73 74 FF 31"), ServerHarness.Endpoint(2));
            h.Exchange(Hex.Parse("40 03 01 31 B4 74 65 73 74 FF 31"), ServerHarness.Endpoint(1));
            Assert.AreEqual(51, h.Counting.Runs);
            Assert.AreEqual(0, h.Server.Counters.Evictions);
        }

        [TestMethod]
        public void AWriteAnsweredWithAClientErrorMayBeReplacedByAGet()
        {
            // 4.xx: not performed (RFC 7252 §5.9.2), so it holds no slot against others.
            ServerHarness h = new ServerHarness(1);
            h.Exchange("40 03 00 01 B4 6E 6F 70 65 FF 31");
            Assert.AreEqual(CoapCode.Content, ServerHarness.Parse(h.Exchange("40 01 00 02 B4 74 65 73 74")).Code);
            Assert.AreEqual(1, h.Server.Counters.Evictions);
            h.Exchange("40 01 00 02 B4 74 65 73 74");
            Assert.AreEqual(1, h.Counting.Runs);
        }

        [TestMethod]
        public void DuplicatesAreKeyedOnEndpointAndMessageIdOnly()
        {
            // RFC 7252 §4.5: a NON reusing a CON's Message ID is a duplicate (ignored); a CON reusing a
            // NON's has no ACK to repeat and is rejected with RST.
            ServerHarness h = new ServerHarness(8);
            h.Exchange(Get);
            Assert.IsNull(h.Exchange("51 01 00 2A CC B4 74 65 73 74"));
            h.Exchange("51 01 00 2B CC B4 74 65 73 74");
            byte[] reset = h.Exchange("41 01 00 2B CC B4 74 65 73 74");
            Assert.AreEqual("70 00 00 2B", Hex.Format(reset, 0, reset.Length));
            Assert.AreEqual(2, h.Counting.Runs);
        }

        [TestMethod]
        public void InAFullTableOfLiveGetsEachNewGetGivesUpTheOldest()
        {
            // Once the table was walked and every entry is live, a GET takes the place of the oldest without a walk.
            ServerHarness h = new ServerHarness(3);
            h.Exchange("40 01 00 01 B4 74 65 73 74");
            h.Clock.Now += 10;
            h.Exchange("40 01 00 02 B4 74 65 73 74");
            h.Clock.Now += 10;
            h.Exchange("40 01 00 03 B4 74 65 73 74");
            for (int id = 4; id <= 6; id++)
            {
                h.Clock.Now += 10;
                h.Exchange("40 01 00 0" + id + " B4 74 65 73 74");
            }

            Assert.AreEqual(6, h.Counting.Runs);
            Assert.AreEqual(3, h.Server.Counters.Evictions);
            h.Exchange("40 01 00 04 B4 74 65 73 74");
            h.Exchange("40 01 00 05 B4 74 65 73 74");
            h.Exchange("40 01 00 06 B4 74 65 73 74");
            Assert.AreEqual(6, h.Counting.Runs);
            h.Exchange("40 01 00 03 B4 74 65 73 74");
            Assert.AreEqual(7, h.Counting.Runs);
        }

        [TestMethod]
        public void AGetNeverGivesUpALiveWriteEvenWhenItIsTheOldest()
        {
            ServerHarness h = new ServerHarness(3);
            h.Exchange("40 01 00 01 B4 74 65 73 74");
            h.Clock.Now += 10;
            h.Exchange(Hex.Parse("40 03 00 02 B4 74 65 73 74 FF 31"), ServerHarness.Endpoint(2));
            h.Clock.Now += 10;
            h.Exchange("40 01 00 03 B4 74 65 73 74");
            h.Clock.Now += 10;
            h.Exchange("40 01 00 04 B4 74 65 73 74");
            h.Clock.Now += 10;

            // The entry after the last one added is the write: the GET finds another to give up.
            h.Exchange("40 01 00 05 B4 74 65 73 74");
            Assert.AreEqual(5, h.Counting.Runs);
            h.Exchange(Hex.Parse("40 03 00 02 B4 74 65 73 74 FF 31"), ServerHarness.Endpoint(2));
            Assert.AreEqual(5, h.Counting.Runs);
            h.Exchange("40 01 00 04 B4 74 65 73 74");
            h.Exchange("40 01 00 05 B4 74 65 73 74");
            Assert.AreEqual(5, h.Counting.Runs);
        }

        [TestMethod]
        public void MessageIdsThatShareTheirLowBitsAreStillTellingDuplicates()
        {
            // The table counts Message IDs by their low 7 bits to skip its walk: 0x0005 and 0x0085 share them.
            ServerHarness h = new ServerHarness(2);
            h.Exchange("40 01 00 05 B4 74 65 73 74");
            h.Clock.Now += 10;
            h.Exchange("40 01 00 85 B4 74 65 73 74");
            h.Clock.Now += 10;
            h.Exchange("40 01 00 07 B4 74 65 73 74");
            Assert.AreEqual(3, h.Counting.Runs);

            // 0x0005 gave way to 0x0007; 0x0085, in the same count, is still remembered.
            h.Exchange("40 01 00 85 B4 74 65 73 74");
            h.Exchange("40 01 00 07 B4 74 65 73 74");
            Assert.AreEqual(3, h.Counting.Runs);
            h.Exchange("40 01 00 05 B4 74 65 73 74");
            Assert.AreEqual(4, h.Counting.Runs);
        }

        [TestMethod]
        public void MessageIdZeroIsADuplicateLikeAnyOther()
        {
            // Slots never used hold Message ID 0 in the count: a request with Message ID 0 walks the table.
            ServerHarness h = new ServerHarness(4);
            h.Exchange("40 01 00 00 B4 74 65 73 74");
            h.Exchange("40 01 00 00 B4 74 65 73 74");
            Assert.AreEqual(1, h.Counting.Runs);
            Assert.AreEqual(1, h.Server.Counters.Duplicates);
        }

        [TestMethod]
        public void FullTableEvictsNonBeforeAnOlderConfirmable()
        {
            // Eviction takes the entry closest to expiry: NON_LIFETIME (145 s) ends before EXCHANGE_LIFETIME (247 s).
            ServerHarness h = new ServerHarness(2);
            h.Exchange("40 01 00 01 B4 74 65 73 74");
            h.Clock.Now += 1000;
            h.Exchange("50 01 00 02 B4 74 65 73 74");
            h.Clock.Now += 1000;
            h.Exchange("40 01 00 03 B4 74 65 73 74");
            Assert.AreEqual(3, h.Counting.Runs);
            h.Exchange("40 01 00 01 B4 74 65 73 74");
            Assert.AreEqual(3, h.Counting.Runs);
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
