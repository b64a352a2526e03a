using Coap.Micro;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.Server
{
    /// <summary>Observe with Block2 (RFC 7959 §2.6): a large notification carries its first block; the client GETs the rest.</summary>
    [TestClass]
    public class CoapServerObserveBlockTests
    {
        private static byte[] Register(BlockHarness h, int szx)
        {
            RequestBuilder request = RequestBuilder.Get(h.NextMessageId()).UInt(CoapOption.Observe, 0).Path("big");
            if (szx >= 0)
            {
                request.Block(CoapOption.Block2, 0, false, szx);
            }

            return request.ToArray();
        }

        [TestMethod]
        public void ARegistrationOfALargeResourceIsAnsweredWithItsFirstBlock()
        {
            BlockHarness h = new BlockHarness(512, 64);
            h.Big.Tagged = true;
            CoapMessage ack = h.Ask(Register(h, -1));
            Assert.AreEqual((int)CoapCode.Content, (int)ack.Code);
            Assert.AreEqual(500, ServerHarness.ObserveOf(ack));
            Assert.AreEqual((long)BlockOption.Encode(0, true, 2), BlockHarness.Block2Of(ack));
            Assert.AreEqual("40", Hex.Format(BlockHarness.ETagOf(ack), 0, 1));
            Assert.AreEqual(64, ack.PayloadLength);
            Assert.AreEqual(1, h.Server.Counters.Observers);
        }

        [TestMethod]
        public void ALargeNotificationCarriesItsFirstBlockAndTheClientGetsTheRest()
        {
            BlockHarness h = new BlockHarness(512, 64);
            h.Big.Tagged = true;
            h.Ask(Register(h, -1));
            h.Big.Revise();
            byte[][] sent = h.Turn();
            Assert.AreEqual(1, sent.Length);
            CoapMessage notification = ServerHarness.Parse(sent[0]);
            Assert.AreEqual(501, ServerHarness.ObserveOf(notification));
            Assert.AreEqual((long)BlockOption.Encode(0, true, 2), BlockHarness.Block2Of(notification));
            Assert.AreEqual("41", Hex.Format(BlockHarness.ETagOf(notification), 0, 1));
            Assert.AreEqual(SizedResource.ByteAt(0, 1), notification.Buffer[notification.PayloadOffset]);

            // The rest with plain GETs, which neither register nor disturb the relation.
            CoapMessage block1 = h.Ask(h.BlockGet("big", 1, 2));
            Assert.AreEqual(-1, ServerHarness.ObserveOf(block1));
            Assert.AreEqual("41", Hex.Format(BlockHarness.ETagOf(block1), 0, 1));
            Assert.AreEqual(SizedResource.ByteAt(64, 1), block1.Buffer[block1.PayloadOffset]);
            Assert.AreEqual(1, h.Server.Counters.Observers);
        }

        [TestMethod]
        public void NotificationsUseTheBlockSizeTheRegistrationAskedFor()
        {
            BlockHarness h = new BlockHarness(512, 64);
            CoapMessage ack = h.Ask(Register(h, 0));
            Assert.AreEqual((long)BlockOption.Encode(0, true, 0), BlockHarness.Block2Of(ack));
            h.Big.Revise();
            CoapMessage notification = ServerHarness.Parse(h.Turn()[0]);
            Assert.AreEqual((long)BlockOption.Encode(0, true, 0), BlockHarness.Block2Of(notification));
            Assert.AreEqual(16, notification.PayloadLength);
        }

        [TestMethod]
        public void ASmallNotificationGoesWhole()
        {
            BlockHarness h = new BlockHarness(512, 64);
            h.Big.Size = 20;
            h.Ask(Register(h, -1));
            h.Big.Revise();
            CoapMessage notification = ServerHarness.Parse(h.Turn()[0]);
            Assert.AreEqual(-1L, BlockHarness.Block2Of(notification));
            Assert.AreEqual(20, notification.PayloadLength);
        }

        [TestMethod]
        public void AGetForALaterBlockWithObserveIsNotARegistration()
        {
            BlockHarness h = new BlockHarness(512, 64);
            CoapMessage answer = h.Ask(RequestBuilder.Get(h.NextMessageId()).UInt(CoapOption.Observe, 0).Path("big").Block(CoapOption.Block2, 1, false, 2).ToArray());
            Assert.AreEqual((int)CoapCode.Content, (int)answer.Code);
            Assert.AreEqual(-1, ServerHarness.ObserveOf(answer));
            Assert.AreEqual((long)BlockOption.Encode(1, true, 2), BlockHarness.Block2Of(answer));
            Assert.AreEqual(0, h.Server.Counters.Observers);
        }
    }
}
