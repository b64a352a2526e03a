using Coap.Micro;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.Server
{
    /// <summary>Request payloads in blocks (Block1, RFC 7959 §2.5, §2.9): assembly, Continue, and the refusals.</summary>
    [TestClass]
    public class CoapServerBlock1Tests
    {
        private static BlockHarness Harness(AssemblingResource resource)
        {
            BlockHarness h = new BlockHarness(512, 64);
            h.Server.Add(resource);
            return h;
        }

        private static byte[] Body(int length)
        {
            return SizedResource.Expected(length, 5);
        }

        private static byte[] BlockRequest(BlockHarness h, byte method, string path, byte[] body, int num, int szx)
        {
            int size = BlockOption.SizeOf(szx);
            int start = num * size;
            int length = body.Length - start < size ? body.Length - start : size;
            bool more = start + size < body.Length;
            return new RequestBuilder(CoapMessageType.Confirmable, method, h.NextMessageId()).Path(path).Block(CoapOption.Block1, num, more, szx).Payload(body, start, length).ToArray();
        }

        // Sends every block of body; checks 2.31 Continue with the block echoed before the last; returns the last answer.
        private static CoapMessage SendAll(BlockHarness h, byte method, string path, byte[] body, int szx)
        {
            int size = BlockOption.SizeOf(szx);
            int blocks = (body.Length + size - 1) / size;
            for (int num = 0; num < blocks - 1; num++)
            {
                CoapMessage answer = h.Ask(BlockRequest(h, method, path, body, num, szx));
                Assert.AreEqual((int)CoapCode.Continue, (int)answer.Code);
                Assert.AreEqual((long)BlockOption.Encode(num, true, szx), Block1Of(answer));
            }

            return h.Ask(BlockRequest(h, method, path, body, blocks - 1, szx));
        }

        private static long Block1Of(CoapMessage message)
        {
            uint value;
            return message.TryGetUIntOption(CoapOption.Block1, 0, out value) ? value : -1;
        }

        [TestMethod]
        [DataRow(0)]
        [DataRow(2)]
        [DataRow(6)]
        public void AResourceThatTakesBlocksGetsTheWholeBody(int szx)
        {
            AssemblingResource resource = new AssemblingResource("up", 2000);
            BlockHarness h = Harness(resource);
            byte[] body = Body(1500);
            CoapMessage last = SendAll(h, CoapCode.Put, "up", body, szx);
            Assert.AreEqual((int)CoapCode.Changed, (int)last.Code);
            int lastNum = (body.Length - 1) / BlockOption.SizeOf(szx);
            Assert.AreEqual((long)BlockOption.Encode(lastNum, false, szx), Block1Of(last));
            Assert.AreEqual(1, resource.Runs);
            Assert.AreEqual(Hex.Format(body, 0, body.Length), Hex.Format(resource.Body, 0, resource.Body.Length));
        }

        [TestMethod]
        public void APostInBlocksCreatesAndSaysWhere()
        {
            // TD_COAP_BLOCK_04: 2.31 for every block but the last, then 2.01 with Location-Path.
            AssemblingResource resource = new AssemblingResource("up", 2000);
            BlockHarness h = Harness(resource);
            CoapMessage last = SendAll(h, CoapCode.Post, "up", Body(100), 2);
            Assert.AreEqual((int)CoapCode.Created, (int)last.Code);
            Assert.AreEqual(2, last.CountOptions(CoapOption.LocationPath));
            int first = last.FindOption(CoapOption.LocationPath);
            Assert.IsTrue(last.OptionValueEquals(first, "items"));
            Assert.IsTrue(last.OptionValueEquals(first + 1, "1"));
            Assert.AreEqual(100, resource.Body.Length);
        }

        [TestMethod]
        public void ABlockOutOfOrderIsIncomplete()
        {
            AssemblingResource resource = new AssemblingResource("up", 2000);
            BlockHarness h = Harness(resource);
            byte[] body = Body(200);
            Assert.AreEqual((int)CoapCode.Continue, (int)h.Ask(BlockRequest(h, CoapCode.Put, "up", body, 0, 2)).Code);
            CoapMessage skipped = h.Ask(BlockRequest(h, CoapCode.Put, "up", body, 2, 2));
            Assert.AreEqual((int)CoapCode.RequestEntityIncomplete, (int)skipped.Code);
            Assert.AreEqual(0, resource.Runs);

            // The transfer is still there: the missing block continues it.
            Assert.AreEqual((int)CoapCode.Continue, (int)h.Ask(BlockRequest(h, CoapCode.Put, "up", body, 1, 2)).Code);
            Assert.AreEqual((int)CoapCode.Continue, (int)h.Ask(BlockRequest(h, CoapCode.Put, "up", body, 2, 2)).Code);
            Assert.AreEqual((int)CoapCode.Changed, (int)h.Ask(BlockRequest(h, CoapCode.Put, "up", body, 3, 2)).Code);
            Assert.AreEqual(200, resource.Body.Length);
        }

        [TestMethod]
        public void ALaterBlockWithoutATransferIsIncomplete()
        {
            AssemblingResource resource = new AssemblingResource("up", 2000);
            BlockHarness h = Harness(resource);
            CoapMessage answer = h.Ask(BlockRequest(h, CoapCode.Put, "up", Body(200), 1, 2));
            Assert.AreEqual((int)CoapCode.RequestEntityIncomplete, (int)answer.Code);
            Assert.AreEqual("block missing", ServerHarness.PayloadText(answer));
        }

        [TestMethod]
        public void ABlockFromAnotherClientIsIncompleteAndANewTransferReplacesTheOld()
        {
            AssemblingResource resource = new AssemblingResource("up", 2000);
            BlockHarness h = Harness(resource);
            byte[] body = Body(200);
            h.Ask(BlockRequest(h, CoapCode.Put, "up", body, 0, 2));

            h.Transport.ClearSent();
            h.Transport.Inject(BlockRequest(h, CoapCode.Put, "up", body, 1, 2), ServerHarness.Endpoint(2));
            h.Server.Poll(0);
            Assert.AreEqual((int)CoapCode.RequestEntityIncomplete, (int)ServerHarness.Parse(h.Transport.Sent(0)).Code);

            h.Transport.ClearSent();
            h.Transport.Inject(BlockRequest(h, CoapCode.Put, "up", body, 0, 2), ServerHarness.Endpoint(2));
            h.Server.Poll(0);
            Assert.AreEqual((int)CoapCode.Continue, (int)ServerHarness.Parse(h.Transport.Sent(0)).Code);
            Assert.AreEqual((int)CoapCode.RequestEntityIncomplete, (int)h.Ask(BlockRequest(h, CoapCode.Put, "up", body, 1, 2)).Code);
        }

        [TestMethod]
        public void ABodyLargerThanTheAreaIsTooLargeWithSize1()
        {
            AssemblingResource resource = new AssemblingResource("up", 100);
            BlockHarness h = Harness(resource);
            byte[] body = Body(200);
            Assert.AreEqual((int)CoapCode.Continue, (int)h.Ask(BlockRequest(h, CoapCode.Put, "up", body, 0, 2)).Code);
            CoapMessage answer = h.Ask(BlockRequest(h, CoapCode.Put, "up", body, 1, 2));
            Assert.AreEqual((int)CoapCode.RequestEntityTooLarge, (int)answer.Code);
            uint size1;
            Assert.IsTrue(answer.TryGetUIntOption(CoapOption.Size1, 0, out size1));
            Assert.AreEqual(100u, size1);
            Assert.AreEqual(0, resource.Runs);
            Assert.AreEqual((int)CoapCode.RequestEntityIncomplete, (int)h.Ask(BlockRequest(h, CoapCode.Put, "up", body, 2, 2)).Code);
        }

        [TestMethod]
        public void ABlockShorterThanItsSizeBeforeTheLastIsBadRequest()
        {
            AssemblingResource resource = new AssemblingResource("up", 2000);
            BlockHarness h = Harness(resource);
            byte[] request = new RequestBuilder(CoapMessageType.Confirmable, CoapCode.Put, h.NextMessageId()).Path("up").Block(CoapOption.Block1, 0, true, 2).Payload(Body(10), 0, 10).ToArray();
            CoapMessage answer = h.Ask(request);
            Assert.AreEqual((int)CoapCode.BadRequest, (int)answer.Code);
            Assert.AreEqual("block size mismatch", ServerHarness.PayloadText(answer));
        }

        [TestMethod]
        public void AResourceWithoutAnAreaTakesABodyThatFitsTheRequestBuffer()
        {
            // RFC 7959 §2.5: 19 bytes in 16-byte blocks (as libcoap's coap-client -b 16 sends them) to a
            // resource that sets no BlockwisePayloadCapacity; the handler runs once, on the whole body.
            ServerHarness h = new ServerHarness(8);
            byte[] body = Body(19);
            byte[] first = new RequestBuilder(CoapMessageType.Confirmable, CoapCode.Put, 1).Path("test").Block(CoapOption.Block1, 0, true, 0).Payload(body, 0, 16).ToArray();
            CoapMessage answer = ServerHarness.Parse(h.Exchange(first, h.Client));
            Assert.AreEqual((int)CoapCode.Continue, (int)answer.Code);
            Assert.AreEqual((long)BlockOption.Encode(0, true, 0), Block1Of(answer));
            Assert.AreEqual(0, h.Counting.Runs);

            byte[] last = new RequestBuilder(CoapMessageType.Confirmable, CoapCode.Put, 2).Path("test").Block(CoapOption.Block1, 1, false, 0).Payload(body, 16, 3).ToArray();
            answer = ServerHarness.Parse(h.Exchange(last, h.Client));
            Assert.AreEqual((int)CoapCode.Changed, (int)answer.Code);
            Assert.AreEqual((long)BlockOption.Encode(1, false, 0), Block1Of(answer));
            Assert.AreEqual(1, h.Counting.Runs);
            Assert.AreEqual(Hex.Format(body, 0, body.Length), Hex.Format(answer.Buffer, answer.PayloadOffset, answer.PayloadLength));
        }

        [TestMethod]
        public void ABodyTooLargeForTheRequestBufferIsRefusedWithSize1()
        {
            // §2.9.3: 4.13 with Size1, a body that surely fits; the handler does not run, the transfer is over.
            ServerHarness h = new ServerHarness(8);
            byte[] body = Body(100);
            int num = 0;
            CoapMessage answer;
            byte[] request;
            do
            {
                request = new RequestBuilder(CoapMessageType.Confirmable, CoapCode.Put, 10 + num).Path("test").Block(CoapOption.Block1, num, true, 0).Payload(body, num * 16, 16).ToArray();
                answer = ServerHarness.Parse(h.Exchange(request, h.Client));
                num++;
            }
            while (answer.Code == CoapCode.Continue && num < 7);

            Assert.AreEqual((int)CoapCode.RequestEntityTooLarge, (int)answer.Code);
            uint size1;
            Assert.IsTrue(answer.TryGetUIntOption(CoapOption.Size1, 0, out size1));
            Assert.AreEqual((uint)(65 - 10 - 2 * (request.Length - 16) - 16), size1);
            Assert.AreEqual(0, h.Counting.Runs);
            request = new RequestBuilder(CoapMessageType.Confirmable, CoapCode.Put, 30).Path("test").Block(CoapOption.Block1, num, true, 0).Payload(body, 0, 16).ToArray();
            Assert.AreEqual((int)CoapCode.RequestEntityIncomplete, (int)ServerHarness.Parse(h.Exchange(request, h.Client)).Code);
        }

        [TestMethod]
        public void ADatagramReachingIntoTheKeptBodyEndsTheTransfer()
        {
            // The body is kept at the end of the receive buffer; a longer datagram overwrites it: 4.08 next (§2.9.2).
            ServerHarness h = new ServerHarness(8);
            byte[] body = Body(20);
            byte[] first = new RequestBuilder(CoapMessageType.Confirmable, CoapCode.Put, 1).Path("test").Block(CoapOption.Block1, 0, true, 0).Payload(body, 0, 16).ToArray();
            Assert.AreEqual((int)CoapCode.Continue, (int)ServerHarness.Parse(h.Exchange(first, h.Client)).Code);
            byte[] large = new RequestBuilder(CoapMessageType.Confirmable, CoapCode.Put, 2).Path("test").Payload(Body(50), 0, 50).ToArray();
            Assert.AreEqual((int)CoapCode.Changed, (int)ServerHarness.Parse(h.Exchange(large, ServerHarness.Endpoint(2))).Code);
            byte[] second = new RequestBuilder(CoapMessageType.Confirmable, CoapCode.Put, 3).Path("test").Block(CoapOption.Block1, 1, false, 0).Payload(body, 16, 4).ToArray();
            Assert.AreEqual((int)CoapCode.RequestEntityIncomplete, (int)ServerHarness.Parse(h.Exchange(second, h.Client)).Code);
            Assert.AreEqual(1, h.Counting.Runs);
        }

        [TestMethod]
        public void ABlockForAnotherResourceDoesNotContinueTheTransfer()
        {
            ServerHarness h = new ServerHarness(8);
            byte[] body = Body(20);
            byte[] first = new RequestBuilder(CoapMessageType.Confirmable, CoapCode.Put, 1).Path("test").Block(CoapOption.Block1, 0, true, 0).Payload(body, 0, 16).ToArray();
            Assert.AreEqual((int)CoapCode.Continue, (int)ServerHarness.Parse(h.Exchange(first, h.Client)).Code);
            byte[] other = new RequestBuilder(CoapMessageType.Confirmable, CoapCode.Put, 2).Path("a/b").Block(CoapOption.Block1, 1, false, 0).Payload(body, 16, 4).ToArray();
            Assert.AreEqual((int)CoapCode.RequestEntityIncomplete, (int)ServerHarness.Parse(h.Exchange(other, h.Client)).Code);
            Assert.AreEqual(0, h.Counting.Runs);
        }

        [TestMethod]
        public void AResourceWithoutAnAreaTakesNoBlocksBeyondTheRequestBuffer()
        {
            // A 1024-byte block leaves no room for the body beside the next one in a 1152-byte buffer: 4.13.
            AssemblingResource resource = new AssemblingResource("up", 0);
            BlockHarness h = Harness(resource);
            CoapMessage answer = h.Ask(BlockRequest(h, CoapCode.Put, "up", Body(2000), 0, 6));
            Assert.AreEqual((int)CoapCode.RequestEntityTooLarge, (int)answer.Code);
            Assert.AreEqual(-1L, Block1Of(answer));
            Assert.AreEqual(0, resource.Runs);
            Assert.AreEqual((int)CoapCode.RequestEntityIncomplete, (int)h.Ask(BlockRequest(h, CoapCode.Put, "up", Body(200), 3, 2)).Code);
        }

        [TestMethod]
        public void AWholePayloadInOneBlockIsServedAndTheBlockEchoed()
        {
            AssemblingResource resource = new AssemblingResource("up", 0);
            BlockHarness h = Harness(resource);
            CoapMessage answer = h.Ask(BlockRequest(h, CoapCode.Put, "up", Body(40), 0, 2));
            Assert.AreEqual((int)CoapCode.Changed, (int)answer.Code);
            Assert.AreEqual((long)BlockOption.Encode(0, false, 2), Block1Of(answer));
            Assert.AreEqual(40, resource.Body.Length);
        }

        [TestMethod]
        public void BlocksOfAGetAreRefused()
        {
            AssemblingResource resource = new AssemblingResource("up", 2000);
            BlockHarness h = Harness(resource);
            CoapMessage answer = h.Ask(BlockRequest(h, CoapCode.Get, "up", Body(200), 0, 2));
            Assert.AreEqual((int)CoapCode.RequestEntityTooLarge, (int)answer.Code);
        }

        [TestMethod]
        public void AnErrorDoesNotEchoTheBlock()
        {
            ServerHarness h = new ServerHarness(8);
            byte[] request = new RequestBuilder(CoapMessageType.Confirmable, CoapCode.Put, 1).Path("test").UInt(CoapOption.ContentFormat, 50).Block(CoapOption.Block1, 0, false, 0).Payload(Body(4), 0, 4).ToArray();
            CoapMessage answer = ServerHarness.Parse(h.Exchange(request, h.Client));
            Assert.AreEqual((int)CoapCode.UnsupportedContentFormat, (int)answer.Code);
            Assert.AreEqual(-1L, Block1Of(answer));
        }

        [TestMethod]
        public void ACapacityOutOfRangeIsRefusedWhenAdded()
        {
            BlockHarness h = new BlockHarness(512, 64);
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => h.Server.Add(new AssemblingResource("up", -1)));
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => h.Server.Add(new AssemblingResource("up2", CoapResource.MaxBlockwisePayloadCapacity + 1)));
        }
    }
}
