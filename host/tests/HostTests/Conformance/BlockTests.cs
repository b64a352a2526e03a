using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Coap.Micro;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Conformance.Resources;

namespace ThermoDev.HostTests.Conformance
{
    /// <summary>
    /// The block-wise test descriptions of the ETSI plugtests (TD_COAP_BLOCK, CoAP#4 "block.yml", RFC 7959):
    /// /large (1280 bytes) read in blocks with early and late negotiation and 16-byte blocks, and, beyond
    /// the set asked for, PUT and POST bodies sent in blocks (BLOCK_03, 04). BLOCK_05 (a POST whose
    /// response also goes in blocks) is not met: only GET responses are sent in blocks (CONFORMANCE.md).
    /// </summary>
    [TestClass]
    public class BlockTests : PlugtestTestBase
    {
        [TestMethod]
        public void TD_COAP_BLOCK_01_EarlyNegotiation()
        {
            // The client asks for 1024-byte blocks; the server may answer with smaller ones (its BlockSize, 64).
            EarlyNegotiation(desiredSzx: 6);
        }

        [TestMethod]
        public void TD_COAP_BLOCK_02_LateNegotiation()
        {
            Req get = Req.Con(CoapCode.Get, "large").Mid(0x0B00).Token(0xB2);
            Received first = Check.One(Server.Send(get, Client), Client);
            Check.Piggybacked(first, get, CoapCode.Content);
            uint block = Block2Of(first);
            Assert.AreEqual(0, BlockOption.NumOf(block));
            Assert.IsTrue(BlockOption.MoreOf(block));
            int desired = BlockOption.SzxOf(block);
            Assert.HasCount(BlockOption.SizeOf(desired), first.Payload, "a full block");

            // The client switches to smaller blocks: the next is number 2^(DES_SZX - ACT_SZX).
            int actual = desired - 1;
            var body = new List<byte>(first.Payload);
            int num = 1 << (desired - actual);
            ReadFrom(num, actual, body, 0x0B01);
            CollectionAssert.AreEqual(LargeResource.Representation, body.ToArray());
        }

        [TestMethod]
        public void TD_COAP_BLOCK_06_EarlyNegotiationWith16ByteBlocks()
        {
            EarlyNegotiation(desiredSzx: 0);
        }

        [TestMethod]
        public void TD_COAP_BLOCK_03_PutInBlocks()
        {
            byte[] body = Body(1000);
            Received last = SendInBlocks(CoapCode.Put, "large-update", body, szx: 4, 0x0B30);
            Assert.AreEqual("2.04", last.CodeText);
            CollectionAssert.AreEqual(body, Server.LargeUpdate.Body, "the complete updated resource");
        }

        [TestMethod]
        public void TD_COAP_BLOCK_04_PostInBlocksCreates()
        {
            byte[] body = Body(700);
            Received last = SendInBlocks(CoapCode.Post, "large-create", body, szx: 3, 0x0B40);
            Assert.AreEqual("2.01", last.CodeText);
            string[] location = last.Strings(CoapOption.LocationPath).ToArray();
            Assert.HasCount(2, location);
            Assert.AreEqual("large-create", location[0]);
            Assert.IsFalse(location.Any(s => s.Contains('/')));
            CollectionAssert.AreEqual(body, Server.LargeCreate.Body);
        }

        private static byte[] Body(int length) => Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + (i % 26)))));

        private static uint Block2Of(Received response)
        {
            Assert.IsTrue(response.Has(CoapOption.Block2), "Block2 option: " + response);
            return (uint)response.UInt(CoapOption.Block2);
        }

        // BLOCK_01 and 06: Block2 NUM 0, M 0, DES_SZX; the server answers NUM 0, M 1, ACT_SZX <= DES_SZX
        // with a full block; the client reads on with ACT_SZX to the last block (M 0, a payload no larger).
        private void EarlyNegotiation(int desiredSzx)
        {
            Req get = Req.Con(CoapCode.Get, "large").Mid(0x0A00).Token(0xB1).Block2(0, false, desiredSzx);
            Received first = Check.One(Server.Send(get, Client), Client);
            Check.Piggybacked(first, get, CoapCode.Content);
            uint block = Block2Of(first);
            Assert.AreEqual(0, BlockOption.NumOf(block));
            Assert.IsTrue(BlockOption.MoreOf(block));
            int actual = BlockOption.SzxOf(block);
            Assert.IsLessThanOrEqualTo(desiredSzx, actual);
            Assert.HasCount(BlockOption.SizeOf(actual), first.Payload, "a full block");
            var body = new List<byte>(first.Payload);
            ReadFrom(1, actual, body, 0x0A01);
            CollectionAssert.AreEqual(LargeResource.Representation, body.ToArray(), "no gaps, right order");
        }

        // The loop of the descriptions: GET block i (M 0, ACT_SZX); 2.05 with Block2 NUM i, M 1, ACT_SZX and
        // a full block, until the last: M 0 and at most a block.
        private void ReadFrom(int num, int szx, List<byte> body, int messageId)
        {
            while (true)
            {
                Req next = Req.Con(CoapCode.Get, "large").Mid(messageId++).Token(0xB3, (byte)num).Block2(num, false, szx);
                Received r = Check.One(Server.Send(next, Client), Client);
                Check.Piggybacked(r, next, CoapCode.Content);
                Check.ContentFormat(r, CoapContentFormat.TextPlain);
                uint block = Block2Of(r);
                Assert.AreEqual(num, BlockOption.NumOf(block));
                Assert.AreEqual(szx, BlockOption.SzxOf(block));
                body.AddRange(r.Payload);
                if (!BlockOption.MoreOf(block))
                {
                    Assert.IsLessThanOrEqualTo(BlockOption.SizeOf(szx), r.Payload.Length);
                    Assert.IsGreaterThan(0, r.Payload.Length);
                    return;
                }

                Assert.HasCount(BlockOption.SizeOf(szx), r.Payload, "a full block");
                num++;
            }
        }

        // BLOCK_03 and 04: each block but the last gets 2.31 Continue with its Block1 (NUM, M 1, the size);
        // the last gets the final response with Block1 NUM n, M 0.
        private Received SendInBlocks(byte method, string path, byte[] body, int szx, int messageId)
        {
            int size = BlockOption.SizeOf(szx);
            int blocks = (body.Length + size - 1) / size;
            for (int num = 0; ; num++)
            {
                bool more = num < blocks - 1;
                byte[] chunk = body.AsSpan(num * size, Math.Min(size, body.Length - (num * size))).ToArray();
                Req request = Req.Con(method, path).Mid(messageId++).Token(0xB4, (byte)num).ContentFormat(CoapContentFormat.TextPlain).Block1(num, more, szx).Payload(chunk);
                Received r = Check.One(Server.Send(request, Client), Client);
                Assert.AreEqual(CoapMessageType.Acknowledgement, r.Type);
                Assert.AreEqual(request.MessageId, r.MessageId);
                CollectionAssert.AreEqual(request.TokenBytes, r.Token);
                Assert.IsTrue(r.Has(CoapOption.Block1), "Block1 option: " + r);
                uint block1 = (uint)r.UInt(CoapOption.Block1);
                Assert.AreEqual(num, BlockOption.NumOf(block1));
                Assert.IsLessThanOrEqualTo(szx, BlockOption.SzxOf(block1));
                if (more)
                {
                    Assert.AreEqual("2.31", r.CodeText);
                    Assert.IsTrue(BlockOption.MoreOf(block1), "M = 1 (atomic)");
                    continue;
                }

                Assert.IsFalse(BlockOption.MoreOf(block1));
                return r;
            }
        }
    }
}
