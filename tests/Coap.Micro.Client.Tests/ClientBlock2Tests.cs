using Coap.Micro;
using nanoFramework.TestFramework;
using ThermoDev.Tests.Server;

namespace ThermoDev.Tests.Client
{
    /// <summary>Block2 on the client (RFC 7959 §2.2-§2.4, §2.6, §4): a representation reassembled into the caller's buffer.</summary>
    [TestClass]
    public class ClientBlock2Tests
    {
        private static readonly byte[] TagA = { 0xAA };
        private static readonly byte[] TagB = { 0xBB };
        private static readonly byte[] Text = Ascii.Bytes("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN");

        [TestMethod]
        public void ALargeRepresentationIsReassembledFromItsBlocks()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = h.Get("big");
            CoapMessage sent = h.Send(request);
            Assert.AreEqual(-1, sent.FindOption(CoapOption.Block2));

            CoapMessage next = Answer(h, sent, 0, true, 0, TagA);
            AssertAsksFor(next, 1, 0);
            Assert.IsFalse(next.TokenEquals(sent.Buffer, sent.TokenOffset, sent.TokenLength));
            next = Answer(h, next, 1, true, 0, TagA);
            AssertAsksFor(next, 2, 0);
            Assert.IsNull(AnswerLast(h, next, 2, 0, TagA, 40));

            Assert.AreEqual((int)CoapClientResult.Response, (int)request.Result);
            Assert.AreEqual(40, request.PayloadLength);
            Assert.IsTrue(request.PayloadEquals("0123456789abcdefghijklmnopqrstuvwxyzABCD"));
            Assert.AreEqual(1, h.Handler.Responses);
            Assert.AreEqual(2, h.Client.Counters.BlockRequests);
            Assert.AreEqual(1, request.ETagLength);
        }

        [TestMethod]
        public void EarlyNegotiationAsksForTheBlockSizeInTheFirstRequest()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = h.Get("big");
            request.BlockSize = 32;
            CoapMessage sent = h.Send(request);
            AssertAsksFor(sent, 0, 1);
        }

        [TestMethod]
        public void TheClientFollowsASmallerBlockSizeTheServerChose()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = h.Get("big");
            request.BlockSize = 64;
            CoapMessage sent = h.Send(request);
            CoapMessage next = Answer(h, sent, 0, true, 0, null);
            AssertAsksFor(next, 1, 0);
        }

        [TestMethod]
        public void AnETagChangeBetweenBlocksStartsTheTransferOver()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = h.Get("big");
            CoapMessage sent = h.Send(request);
            CoapMessage next = Answer(h, sent, 0, true, 0, TagA);
            next = Answer(h, next, 1, true, 0, TagB);
            AssertAsksFor(next, 0, 0);
            next = Answer(h, next, 0, true, 0, TagB);
            next = Answer(h, next, 1, true, 0, TagB);
            Assert.IsNull(AnswerLast(h, next, 2, 0, TagB, 40));
            Assert.AreEqual((int)CoapClientResult.Response, (int)request.Result);
            Assert.AreEqual(40, request.PayloadLength);
            Assert.IsTrue(request.PayloadEquals("0123456789abcdefghijklmnopqrstuvwxyzABCD"));
            byte[] etag = new byte[8];
            request.CopyETag(etag, 0);
            Assert.AreEqual(0xBB, (int)etag[0]);
        }

        [TestMethod]
        public void ARepresentationThatKeepsChangingEndsWithRepresentationChanged()
        {
            CoapClientOptions options = new CoapClientOptions();
            options.MaxBlockRestarts = 1;
            ClientHarness h = new ClientHarness(options);
            CoapRequest request = h.Get("big");
            CoapMessage sent = h.Send(request);
            CoapMessage next = Answer(h, sent, 0, true, 0, TagA);
            next = Answer(h, next, 1, true, 0, TagB);
            next = Answer(h, next, 0, true, 0, TagB);
            Assert.IsNull(Answer(h, next, 1, true, 0, TagA));
            Assert.AreEqual((int)CoapClientResult.RepresentationChanged, (int)request.Result);
            Assert.AreEqual(0, h.Handler.Responses);
        }

        [TestMethod]
        public void AnETagThatAppearsOrGoesIsAChangeToo()
        {
            CoapClientOptions options = new CoapClientOptions();
            options.MaxBlockRestarts = 0;
            ClientHarness h = new ClientHarness(options);
            CoapRequest request = h.Get("big");
            CoapMessage sent = h.Send(request);
            CoapMessage next = Answer(h, sent, 0, true, 0, null);
            Assert.IsNull(Answer(h, next, 1, true, 0, TagA));
            Assert.AreEqual((int)CoapClientResult.RepresentationChanged, (int)request.Result);
        }

        [TestMethod]
        public void Size2LargerThanTheBufferEndsTooLargeAtTheFirstBlock()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = h.Get("big");
            request.SetResponseBuffer(new byte[40], 0, 40);
            CoapMessage sent = h.Send(request);
            byte[] block = ResponseBuilder.Ack(sent, CoapCode.Content).Block(CoapOption.Block2, 0, true, 0)
                .UInt(CoapOption.Size2, 50).Payload(Text, 0, 16).ToArray();
            Assert.AreEqual(0, h.Deliver(block).Length);
            Assert.AreEqual((int)CoapClientResult.TooLarge, (int)request.Result);
        }

        [TestMethod]
        public void BlocksBeyondTheBufferEndTooLarge()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = h.Get("big");
            request.SetResponseBuffer(new byte[40], 0, 40);
            CoapMessage sent = h.Send(request);
            CoapMessage next = Answer(h, sent, 0, true, 0, null);
            next = Answer(h, next, 1, true, 0, null);
            Assert.IsNull(Answer(h, next, 2, true, 0, null));
            Assert.AreEqual((int)CoapClientResult.TooLarge, (int)request.Result);
        }

        [TestMethod]
        public void ABlockOutOfSequenceIsMalformed()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = h.Get("big");
            CoapMessage sent = h.Send(request);
            CoapMessage next = Answer(h, sent, 0, true, 0, null);
            Assert.IsNull(Answer(h, next, 2, true, 0, null));
            Assert.AreEqual((int)CoapClientResult.Malformed, (int)request.Result);
        }

        [TestMethod]
        public void AShortBlockThatSaysMoreFollowsIsMalformed()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = h.Get("big");
            CoapMessage sent = h.Send(request);
            byte[] block = ResponseBuilder.Ack(sent, CoapCode.Content).Block(CoapOption.Block2, 0, true, 0).Payload(Text, 0, 15).ToArray();
            h.Deliver(block);
            Assert.AreEqual((int)CoapClientResult.Malformed, (int)request.Result);
        }

        [TestMethod]
        public void AReservedBlockSizeIsMalformed()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = h.Get("big");
            CoapMessage sent = h.Send(request);
            h.Deliver(ResponseBuilder.Ack(sent, CoapCode.Content).UInt(CoapOption.Block2, 0x0F).Payload(Text, 0, 16).ToArray());
            Assert.AreEqual((int)CoapClientResult.Malformed, (int)request.Result);
        }

        [TestMethod]
        public void AnErrorInsteadOfTheNextBlockIsTheResponse()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = h.Get("big");
            CoapMessage sent = h.Send(request);
            CoapMessage next = Answer(h, sent, 0, true, 0, null);
            h.Deliver(ResponseBuilder.Ack(next, CoapCode.BadRequest).Text("no").ToArray());
            Assert.AreEqual((int)CoapClientResult.Response, (int)request.Result);
            Assert.AreEqual(CoapCode.BadRequest, request.Code);
            Assert.IsTrue(request.PayloadEquals("no"));
        }

        [TestMethod]
        public void ANotificationInBlocksIsCompletedWithPlainGetsAndDeliveredOnce()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = h.Get("big");
            request.Observe = true;
            CoapMessage sent = h.Send(request);
            byte[] first = ResponseBuilder.Ack(sent, CoapCode.Content).Option(CoapOption.ETag, TagA).UInt(CoapOption.Observe, 3)
                .Block(CoapOption.Block2, 0, true, 0).Payload(Text, 0, 16).ToArray();
            CoapMessage next = ServerHarness.Parse(h.Deliver(first)[0]);
            AssertAsksFor(next, 1, 0);
            Assert.AreEqual(-1, ServerHarness.ObserveOf(next));
            Assert.IsTrue(request.IsPending);
            Assert.AreEqual(0, h.Handler.Responses);
            next = Answer(h, next, 1, true, 0, TagA);
            Assert.IsNull(AnswerLast(h, next, 2, 0, TagA, 40));
            Assert.AreEqual(1, h.Handler.Responses);
            Assert.AreEqual(40, request.PayloadLength);
            Assert.AreEqual(3, request.ObserveSequence);
            Assert.IsTrue(request.IsObserving);

            // The next notification is fetched the same way.
            byte[] second = new ResponseBuilder(CoapMessageType.NonConfirmable, CoapCode.Content, 0x3000, sent).Option(CoapOption.ETag, TagB)
                .UInt(CoapOption.Observe, 4).Block(CoapOption.Block2, 0, true, 0).Payload(Text, 0, 16).ToArray();
            AssertAsksFor(ServerHarness.Parse(h.Deliver(second)[0]), 1, 0);
        }

        [TestMethod]
        public void ANewerNotificationAbandonsTheFetchOfAnOlderOne()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = h.Get("big");
            request.Observe = true;
            CoapMessage sent = h.Send(request);
            byte[] first = ResponseBuilder.Ack(sent, CoapCode.Content).UInt(CoapOption.Observe, 3)
                .Block(CoapOption.Block2, 0, true, 0).Payload(Text, 0, 16).ToArray();
            CoapMessage olderFetch = ServerHarness.Parse(h.Deliver(first)[0]);

            byte[] newer = new ResponseBuilder(CoapMessageType.NonConfirmable, CoapCode.Content, 0x3000, sent)
                .UInt(CoapOption.Observe, 4).Text("small").ToArray();
            Assert.AreEqual(0, h.Deliver(newer).Length);
            Assert.AreEqual("small", h.Handler.LastText);

            // The older fetch's answer comes late: not ours any more.
            byte[] late = ResponseBuilder.Ack(olderFetch, CoapCode.Content).Block(CoapOption.Block2, 1, true, 0).Payload(Text, 16, 16).ToArray();
            h.Deliver(late);
            Assert.AreEqual(1, h.Handler.Responses);
            Assert.AreEqual(0, h.After(2500).Length);
        }

        // Answers a block request with block num of 16-byte-block text, more or not; returns the next request, or null when none was sent.
        private static CoapMessage Answer(ClientHarness h, CoapMessage request, int num, bool more, int szx, byte[] etag)
        {
            int size = BlockOption.SizeOf(szx);
            ResponseBuilder response = ResponseBuilder.Ack(request, CoapCode.Content);
            if (etag != null)
            {
                response.Option(CoapOption.ETag, etag);
            }

            response.Block(CoapOption.Block2, num, more, szx).Payload(Text, num * size, size);
            byte[][] sent = h.Deliver(response.ToArray());
            return sent.Length == 0 ? null : ServerHarness.Parse(sent[0]);
        }

        private static CoapMessage AnswerLast(ClientHarness h, CoapMessage request, int num, int szx, byte[] etag, int total)
        {
            int size = BlockOption.SizeOf(szx);
            ResponseBuilder response = ResponseBuilder.Ack(request, CoapCode.Content);
            if (etag != null)
            {
                response.Option(CoapOption.ETag, etag);
            }

            response.Block(CoapOption.Block2, num, false, szx).Payload(Text, num * size, total - num * size);
            byte[][] sent = h.Deliver(response.ToArray());
            return sent.Length == 0 ? null : ServerHarness.Parse(sent[0]);
        }

        private static void AssertAsksFor(CoapMessage request, int num, int szx)
        {
            uint value;
            Assert.IsTrue(BlockOption.TryRead(request, CoapOption.Block2, out value));
            Assert.AreEqual(num, BlockOption.NumOf(value));
            Assert.AreEqual(szx, BlockOption.SzxOf(value));
            Assert.IsFalse(BlockOption.MoreOf(value));
        }
    }
}
