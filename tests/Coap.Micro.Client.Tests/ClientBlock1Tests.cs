using Coap.Micro;
using nanoFramework.TestFramework;
using ThermoDev.Tests.Server;

namespace ThermoDev.Tests.Client
{
    /// <summary>Block1 on the client (RFC 7959 §2.3, §2.5, §2.9.3, §4): a large payload sent in blocks.</summary>
    [TestClass]
    public class ClientBlock1Tests
    {
        private static readonly byte[] Body = Ascii.Bytes("0123456789abcdefghijklmnopqrstuvwxyzABCD");

        [TestMethod]
        public void APayloadLargerThanTheBlockSizeGoesInBlock1Blocks()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = Put(h, 16);
            CoapMessage sent = h.Send(request);
            AssertBlock1(sent, 0, true, 0, 0, 16);
            uint size1;
            Assert.IsTrue(sent.TryGetUIntOption(CoapOption.Size1, 0, out size1));
            Assert.AreEqual(40, (int)size1);

            sent = Continue(h, sent, 0, 0);
            AssertBlock1(sent, 1, true, 0, 16, 16);
            Assert.IsFalse(sent.HasOption(CoapOption.Size1));
            sent = Continue(h, sent, 1, 0);
            AssertBlock1(sent, 2, false, 0, 32, 8);

            h.Deliver(ResponseBuilder.Ack(sent, CoapCode.Changed).Block(CoapOption.Block1, 2, false, 0).ToArray());
            Assert.AreEqual((int)CoapClientResult.Response, (int)request.Result);
            Assert.AreEqual(CoapCode.Changed, request.Code);
            Assert.AreEqual(2, h.Client.Counters.BlockRequests);
        }

        [TestMethod]
        public void TheServerMayAskForSmallerBlocksFromTheNextOneOn()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = Put(h, 32);
            CoapMessage sent = h.Send(request);
            AssertBlock1(sent, 0, true, 1, 0, 32);
            sent = Continue(h, sent, 0, 0);

            // 32 bytes went; in 16-byte blocks the next is number 2.
            AssertBlock1(sent, 2, false, 0, 32, 8);
        }

        [TestMethod]
        public void A413WithBlock1StartsOverInBlocksOfThatSize()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = Put(h, 0);
            CoapMessage sent = h.Send(request);
            Assert.AreEqual(40, sent.PayloadLength);
            Assert.IsFalse(sent.HasOption(CoapOption.Block1));

            sent = ServerHarness.Parse(h.Deliver(ResponseBuilder.Ack(sent, CoapCode.RequestEntityTooLarge)
                .Block(CoapOption.Block1, 0, false, 1).ToArray())[0]);
            AssertBlock1(sent, 0, true, 1, 0, 32);
        }

        [TestMethod]
        public void A413WithoutBlock1IsTheResponse()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = Put(h, 0);
            CoapMessage sent = h.Send(request);
            Assert.AreEqual(0, h.Deliver(ResponseBuilder.Ack(sent, CoapCode.RequestEntityTooLarge).UInt(CoapOption.Size1, 8).ToArray()).Length);
            Assert.AreEqual((int)CoapClientResult.Response, (int)request.Result);
            Assert.AreEqual(CoapCode.RequestEntityTooLarge, request.Code);
        }

        [TestMethod]
        public void AnErrorToABlockEndsTheTransferWithThatResponse()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = Put(h, 16);
            CoapMessage sent = h.Send(request);
            sent = Continue(h, sent, 0, 0);
            h.Deliver(ResponseBuilder.Ack(sent, CoapCode.RequestEntityIncomplete).ToArray());
            Assert.AreEqual(CoapCode.RequestEntityIncomplete, request.Code);
            Assert.IsFalse(request.IsPending);
        }

        [TestMethod]
        public void APayloadThatDoesNotFitTheSendBufferGoesInTheLargestBlocksThatFit()
        {
            CoapClientOptions options = new CoapClientOptions();
            options.MaxMessageSize = 64;
            ClientHarness h = new ClientHarness(options);
            CoapRequest request = Put(h, 0);
            byte[] payload = new byte[100];
            System.Array.Copy(Body, payload, Body.Length);
            request.SetPayload(payload, 0, payload.Length);
            CoapMessage sent = h.Send(request);
            AssertBlock1(sent, 0, true, 1, 0, 32);
        }

        [TestMethod]
        public void ARequestThatDoesNotFitEvenInBlocksEndsInvalid()
        {
            CoapClientOptions options = new CoapClientOptions();
            options.MaxMessageSize = 64;
            ClientHarness h = new ClientHarness(options);
            CoapRequest request = h.Get("x");
            byte[] huge = new byte[80];
            request.AddOption(CoapOption.ETag, huge, 0, huge.Length);
            h.Client.Send(request);
            Assert.AreEqual(0, h.Turn().Length);
            Assert.AreEqual((int)CoapClientResult.InvalidRequest, (int)request.Result);
            Assert.AreEqual((int)CoapClientResult.InvalidRequest, (int)h.Handler.EndResult);
        }

        [TestMethod]
        public void APostResponseInBlocksIsFetchedWithBlock2AndNoPayload()
        {
            ClientHarness h = new ClientHarness();
            CoapRequest request = Put(h, 0);
            request.Method = CoapCode.Post;
            CoapMessage sent = h.Send(request);
            byte[] first = ResponseBuilder.Ack(sent, CoapCode.Changed).Block(CoapOption.Block2, 0, true, 0).Payload(Body, 0, 16).ToArray();
            CoapMessage next = ServerHarness.Parse(h.Deliver(first)[0]);
            Assert.AreEqual(CoapCode.Post, next.Code);
            Assert.AreEqual(0, next.PayloadLength);
            Assert.IsFalse(next.HasOption(CoapOption.Block1));
            uint block2;
            Assert.IsTrue(BlockOption.TryRead(next, CoapOption.Block2, out block2));
            Assert.AreEqual(1, BlockOption.NumOf(block2));
        }

        private static CoapRequest Put(ClientHarness h, int blockSize)
        {
            CoapRequest request = h.Get("store");
            request.Method = CoapCode.Put;
            request.BlockSize = blockSize;
            request.SetPayload(Body, 0, Body.Length);
            return request;
        }

        // Answers block num with 2.31 Continue and Block1 num/szx; returns the next block sent.
        private static CoapMessage Continue(ClientHarness h, CoapMessage sent, int num, int szx)
        {
            byte[][] next = h.Deliver(ResponseBuilder.Ack(sent, CoapCode.Continue).Block(CoapOption.Block1, num, true, szx).ToArray());
            Assert.AreEqual(1, next.Length);
            return ServerHarness.Parse(next[0]);
        }

        private static void AssertBlock1(CoapMessage sent, int num, bool more, int szx, int offset, int length)
        {
            uint value;
            Assert.IsTrue(BlockOption.TryRead(sent, CoapOption.Block1, out value));
            Assert.AreEqual(num, BlockOption.NumOf(value));
            Assert.AreEqual(more, BlockOption.MoreOf(value));
            Assert.AreEqual(szx, BlockOption.SzxOf(value));
            Assert.AreEqual(length, sent.PayloadLength);
            Assert.AreEqual((int)Body[offset], (int)sent.Buffer[sent.PayloadOffset]);
        }
    }
}
