using Coap.Micro;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.Server
{
    /// <summary>Block-wise GET responses (RFC 7959 §2.2-2.4): early and late negotiation, random access, sizes, Size2.</summary>
    [TestClass]
    public class CoapServerBlock2Tests
    {
        private static void AssertBytes(byte[] expected, byte[] actual)
        {
            Assert.AreEqual(Hex.Format(expected, 0, expected.Length), Hex.Format(actual, 0, actual.Length));
        }

        private static int BlocksFor(int size, int blockSize)
        {
            return size == 0 ? 1 : (size + blockSize - 1) / blockSize;
        }

        [TestMethod]
        [DataRow(0)]
        [DataRow(1)]
        [DataRow(63)]
        [DataRow(64)]
        [DataRow(65)]
        [DataRow(1000)]
        public void EarlyNegotiationReassemblesAtEverySzx(int size)
        {
            // A send buffer that holds 1024-byte blocks, so every SZX is served as asked (§2.4).
            BlockHarness h = new BlockHarness(1152, 1024);
            h.Big.Size = size;
            for (int szx = 0; szx <= BlockOption.MaxSzx; szx++)
            {
                AssertBytes(SizedResource.Expected(size, 0), h.Fetch("big", szx));
                Assert.AreEqual(BlocksFor(size, BlockOption.SizeOf(szx)), h.Requests, "SZX " + szx.ToString());
            }
        }

        [TestMethod]
        [DataRow(0)]
        [DataRow(1)]
        [DataRow(63)]
        [DataRow(64)]
        [DataRow(65)]
        [DataRow(1000)]
        public void LateNegotiationReassemblesAtEveryServerBlockSize(int size)
        {
            for (int szx = 0; szx <= BlockOption.MaxSzx; szx++)
            {
                int blockSize = BlockOption.SizeOf(szx);
                BlockHarness h = new BlockHarness(1152, blockSize);
                h.Big.Size = size;
                AssertBytes(SizedResource.Expected(size, 0), h.Fetch("big", -1));
                Assert.AreEqual(BlocksFor(size, blockSize), h.Requests, "block size " + blockSize.ToString());
            }
        }

        [TestMethod]
        public void ARepresentationLargerThanTheBlockSizeStartsWithBlockZero()
        {
            // TD_COAP_BLOCK_02: no Block2 asked for; the answer is block 0 of 64 bytes with M set.
            BlockHarness h = new BlockHarness(512, 64);
            CoapMessage answer = h.Ask(h.BlockGet("big", 0, -1));
            Assert.AreEqual((int)CoapCode.Content, (int)answer.Code);
            Assert.AreEqual((long)BlockOption.Encode(0, true, 2), BlockHarness.Block2Of(answer));
            AssertBytes(Block(1000, 0, 64), BlockHarness.PayloadOf(answer));
        }

        [TestMethod]
        public void ARepresentationThatFitsTheBlockSizeGoesWhole()
        {
            BlockHarness h = new BlockHarness(512, 64);
            h.Big.Size = 64;
            CoapMessage answer = h.Ask(h.BlockGet("big", 0, -1));
            Assert.AreEqual(-1L, BlockHarness.Block2Of(answer));
            Assert.AreEqual(64, answer.PayloadLength);
        }

        [TestMethod]
        public void EarlyNegotiationOfASmallRepresentationIsAnsweredWithBlockZero()
        {
            // TD_COAP_BLOCK_01/06: asked for in blocks, the answer carries Block2 even when it is one block.
            BlockHarness h = new BlockHarness(512, 64);
            h.Big.Size = 10;
            CoapMessage answer = h.Ask(h.BlockGet("big", 0, 0));
            Assert.AreEqual((long)BlockOption.Encode(0, false, 0), BlockHarness.Block2Of(answer));
            Assert.AreEqual(10, answer.PayloadLength);
        }

        [TestMethod]
        public void AClientAskingForLargerBlocksThanTheServerSendsGetsTheServerSize()
        {
            BlockHarness h = new BlockHarness(512, 64);
            CoapMessage first = h.Ask(h.BlockGet("big", 0, 6));
            Assert.AreEqual((long)BlockOption.Encode(0, true, 2), BlockHarness.Block2Of(first));

            // Block 1 of 1024 bytes starts at 1024, past this 1000-byte representation.
            h.Big.Size = 3000;
            CoapMessage second = h.Ask(h.BlockGet("big", 1, 6));
            Assert.AreEqual((long)BlockOption.Encode(16, true, 2), BlockHarness.Block2Of(second));
            AssertBytes(Block(3000, 1024, 64), BlockHarness.PayloadOf(second));
        }

        [TestMethod]
        public void TheClientMaySwitchToSmallerBlocksAfterLateNegotiation()
        {
            // TD_COAP_BLOCK_02: after a 64-byte block 0 the client continues in 16-byte blocks at NUM 4.
            BlockHarness h = new BlockHarness(512, 64);
            h.Ask(h.BlockGet("big", 0, -1));
            CoapMessage answer = h.Ask(h.BlockGet("big", 4, 0));
            Assert.AreEqual((long)BlockOption.Encode(4, true, 0), BlockHarness.Block2Of(answer));
            AssertBytes(Block(1000, 64, 16), BlockHarness.PayloadOf(answer));
        }

        [TestMethod]
        [DataRow(0, 0)]
        [DataRow(3, 1)]
        [DataRow(3, 4)]
        [DataRow(62, 0)]
        [DataRow(1, 5)]
        [DataRow(0, 6)]
        public void AnyBlockCanBeAskedForDirectly(int num, int szx)
        {
            BlockHarness h = new BlockHarness(1152, 1024);
            int size = BlockOption.SizeOf(szx);
            CoapMessage answer = h.Ask(h.BlockGet("big", num, szx));
            int start = num * size;
            int length = 1000 - start < size ? 1000 - start : size;
            Assert.AreEqual((long)BlockOption.Encode(num, start + size < 1000, szx), BlockHarness.Block2Of(answer));
            AssertBytes(Block(1000, start, length), BlockHarness.PayloadOf(answer));
        }

        [TestMethod]
        public void ABlockPastTheEndIsBadRequest()
        {
            // As libcoap and aiocoap answer: there is no such block.
            BlockHarness h = new BlockHarness(512, 64);
            CoapMessage answer = h.Ask(h.BlockGet("big", 63, 0));
            Assert.AreEqual((int)CoapCode.BadRequest, (int)answer.Code);
            Assert.AreEqual(-1L, BlockHarness.Block2Of(answer));
            Assert.AreEqual("no such block", ServerHarness.PayloadText(answer));
            Assert.AreEqual((int)CoapCode.Content, (int)h.Ask(h.BlockGet("big", 62, 0)).Code);
        }

        [TestMethod]
        public void AnEmptyRepresentationHasABlockZero()
        {
            BlockHarness h = new BlockHarness(512, 64);
            h.Big.Size = 0;
            CoapMessage answer = h.Ask(h.BlockGet("big", 0, 2));
            Assert.AreEqual((int)CoapCode.Content, (int)answer.Code);
            Assert.AreEqual((long)BlockOption.Encode(0, false, 2), BlockHarness.Block2Of(answer));
            Assert.AreEqual(0, answer.PayloadLength);
            Assert.AreEqual((int)CoapCode.BadRequest, (int)h.Ask(h.BlockGet("big", 1, 2)).Code);
        }

        [TestMethod]
        public void Size2AskedForGivesTheRepresentationSize()
        {
            // RFC 7959 §4: Size2 0 in the request asks for the size.
            BlockHarness h = new BlockHarness(512, 64);
            CoapMessage answer = h.Ask(RequestBuilder.Get(h.NextMessageId()).Path("big").Block(CoapOption.Block2, 2, false, 1).UInt(CoapOption.Size2, 0).ToArray());
            uint size2;
            Assert.IsTrue(answer.TryGetUIntOption(CoapOption.Size2, 0, out size2));
            Assert.AreEqual(1000u, size2);
            Assert.IsFalse(h.Ask(h.BlockGet("big", 2, 1)).HasOption(CoapOption.Size2));

            h.Big.Size = 5;
            CoapMessage whole = h.Ask(RequestBuilder.Get(h.NextMessageId()).Path("big").UInt(CoapOption.Size2, 0).ToArray());
            Assert.IsTrue(whole.TryGetUIntOption(CoapOption.Size2, 0, out size2));
            Assert.AreEqual(5u, size2);
        }

        [TestMethod]
        public void TheBlockShrinksUntilTheMessageFitsTheSendBuffer()
        {
            // 64-byte messages: a 64-byte block and its header cannot fit, a 32-byte one can.
            BlockHarness h = new BlockHarness(64, 64);
            CoapMessage first = h.Ask(h.BlockGet("big", 0, -1));
            Assert.AreEqual((long)BlockOption.Encode(0, true, 1), BlockHarness.Block2Of(first));
            AssertBytes(SizedResource.Expected(1000, 0), h.Fetch("big", -1));
            AssertBytes(SizedResource.Expected(1000, 0), h.Fetch("big", 6));
            Assert.AreEqual(32, h.Requests);
        }

        [TestMethod]
        public void EveryBlockCarriesTheSameETagUntilTheRepresentationChanges()
        {
            // §2.4: a client can tell when the representation changed under it.
            BlockHarness h = new BlockHarness(512, 64);
            h.Big.Tagged = true;
            AssertBytes(SizedResource.Expected(1000, 0), h.Fetch("big", 0));
            Assert.AreEqual("40", Hex.Format(h.LastETag, 0, h.LastETag.Length));
            CoapMessage before = h.Ask(h.BlockGet("big", 0, 2));
            h.Big.Revision = 1;
            CoapMessage after = h.Ask(h.BlockGet("big", 1, 2));
            Assert.AreEqual("40", Hex.Format(BlockHarness.ETagOf(before), 0, 1));
            Assert.AreEqual("41", Hex.Format(BlockHarness.ETagOf(after), 0, 1));
        }

        [TestMethod]
        public void AnErrorIsNeverSentInBlocks()
        {
            BlockHarness h = new BlockHarness(512, 64);
            h.Big.Failing = true;
            h.Big.Size = 100;
            CoapMessage whole = h.Ask(h.BlockGet("big", 0, -1));
            Assert.AreEqual((int)CoapCode.BadRequest, (int)whole.Code);
            Assert.AreEqual(-1L, BlockHarness.Block2Of(whole));
            Assert.AreEqual(100, whole.PayloadLength);

            // Asked for a block, the diagnostic does not fit it: the error goes without payload.
            CoapMessage cut = h.Ask(h.BlockGet("big", 0, 0));
            Assert.AreEqual((int)CoapCode.BadRequest, (int)cut.Code);
            Assert.AreEqual(-1L, BlockHarness.Block2Of(cut));
            Assert.AreEqual(0, cut.PayloadLength);
        }

        [TestMethod]
        public void AGetLargerThanTheSendBufferGoesInBlocks()
        {
            ServerHarness h = new ServerHarness(8);
            CoapMessage answer = ServerHarness.Parse(h.Exchange("40 01 00 01 B4 68 75 67 65"));
            Assert.AreEqual((int)CoapCode.Content, (int)answer.Code);
            Assert.AreEqual((long)BlockOption.Encode(0, true, 2), BlockHarness.Block2Of(answer));
            Assert.AreEqual(64, answer.PayloadLength);
        }

        [TestMethod]
        public void ALaterBlockOfAnotherMethodIsIncomplete()
        {
            // Only GET regenerates blocks; a PUT's response is not kept to take block 1 from.
            ServerHarness h = new ServerHarness(8);
            byte[] put = new RequestBuilder(CoapMessageType.Confirmable, CoapCode.Put, 1).Path("test").Block(CoapOption.Block2, 1, false, 0).ToArray();
            CoapMessage answer = ServerHarness.Parse(h.Exchange(put, h.Client));
            Assert.AreEqual((int)CoapCode.RequestEntityIncomplete, (int)answer.Code);
            Assert.AreEqual(0, h.Counting.Runs);

            byte[] first = new RequestBuilder(CoapMessageType.Confirmable, CoapCode.Put, 2).Path("test").Block(CoapOption.Block2, 0, false, 0).ToArray();
            Assert.AreEqual((int)CoapCode.Changed, (int)ServerHarness.Parse(h.Exchange(first, h.Client)).Code);
        }

        [TestMethod]
        [DataRow(CoapOption.Block2, 0x17)]
        [DataRow(CoapOption.Block2, 0x07)]
        [DataRow(CoapOption.Block1, 0x0F)]
        public void TheReservedSzxIsABadRequest(int option, int value)
        {
            // RFC 7959 §2.2: SZX 7 is reserved; "a server receiving it MUST respond with 4.00".
            BlockHarness h = new BlockHarness(512, 64);
            CoapMessage answer = h.Ask(RequestBuilder.Get(h.NextMessageId()).Path("big").UInt(option, (uint)value).ToArray());
            Assert.AreEqual((int)CoapCode.BadRequest, (int)answer.Code);
            Assert.AreEqual(0, h.Big.Runs);
        }

        [TestMethod]
        public void ABlockOptionLongerThanThreeBytesIsABadOption()
        {
            BlockHarness h = new BlockHarness(512, 64);
            CoapMessage answer = h.Ask(RequestBuilder.Get(h.NextMessageId()).Path("big").Option(CoapOption.Block2, new byte[] { 0, 0, 0, 2 }).ToArray());
            Assert.AreEqual((int)CoapCode.BadOption, (int)answer.Code);
        }

        private static byte[] Block(int size, int start, int length)
        {
            byte[] all = SizedResource.Expected(size, 0);
            byte[] part = new byte[length];
            System.Array.Copy(all, start, part, 0, length);
            return part;
        }
    }
}
