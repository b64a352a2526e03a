using Coap.Micro;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.Server
{
    /// <summary>
    /// A server on the in-memory transport sized for block-wise tests, with a <see cref="SizedResource"/>
    /// at "big", and a client side that fetches a representation block by block and checks every block
    /// against RFC 7959 §2.2-2.4 as it goes.
    /// </summary>
    public sealed class BlockHarness
    {
        /// <summary>The transport.</summary>
        public readonly InMemoryTransport Transport = new InMemoryTransport();

        /// <summary>The clock.</summary>
        public readonly FakeClock Clock = new FakeClock();

        /// <summary>The server.</summary>
        public readonly CoapServer Server;

        /// <summary>The resource at "big".</summary>
        public readonly SizedResource Big = new SizedResource("big", 1000);

        /// <summary>Endpoint requests come from.</summary>
        public readonly CoapEndpoint Client = ServerHarness.Endpoint(1);

        /// <summary>Requests sent by <see cref="Fetch"/>.</summary>
        public int Requests;

        /// <summary>The ETag of the last block fetched (null when none).</summary>
        public byte[] LastETag;

        private int _messageId = 0x200;

        /// <summary>A server sending at most <paramref name="maxResponseSize"/>-byte messages in blocks of at most <paramref name="blockSize"/>.</summary>
        public BlockHarness(int maxResponseSize, int blockSize)
            : this(Options(maxResponseSize, blockSize), true)
        {
        }

        /// <summary>A server sized by <paramref name="options"/>, with "big" registered when <paramref name="addBig"/>.</summary>
        public BlockHarness(CoapServerOptions options, bool addBig)
        {
            Server = new CoapServer(Transport, Clock, new RepeatingRandom(7, 500), options);
            if (addBig)
            {
                Server.Add(Big);
            }
        }

        /// <summary>Options with <paramref name="maxResponseSize"/>, <paramref name="blockSize"/>, two observers and a request buffer of 1152 bytes (RFC 7252 §4.6), room for a 1024-byte block.</summary>
        public static CoapServerOptions Options(int maxResponseSize, int blockSize)
        {
            CoapServerOptions options = new CoapServerOptions();
            options.MaxRequestSize = 1152;
            options.MaxResponseSize = maxResponseSize;
            options.BlockSize = blockSize;
            options.MaxObservers = 2;
            return options;
        }

        /// <summary>The next Message ID.</summary>
        public int NextMessageId()
        {
            return _messageId++;
        }

        /// <summary>Sends <paramref name="request"/> and returns the one answer, parsed.</summary>
        public CoapMessage Ask(byte[] request)
        {
            Transport.ClearSent();
            Transport.Inject(request, Client);
            Assert.IsTrue(Server.Poll(0));
            Assert.AreEqual(1, Transport.SentCount);
            return ServerHarness.Parse(Transport.Sent(0));
        }

        /// <summary>Runs one turn without a datagram; returns what the server sent.</summary>
        public byte[][] Turn()
        {
            Transport.ClearSent();
            Server.Poll(0);
            byte[][] sent = new byte[Transport.SentCount][];
            for (int i = 0; i < sent.Length; i++)
            {
                sent[i] = Transport.Sent(i);
            }

            return sent;
        }

        /// <summary>A CON GET of <paramref name="path"/>, for block <paramref name="num"/> of size exponent <paramref name="szx"/> (none when <paramref name="szx"/> is -1).</summary>
        public byte[] BlockGet(string path, int num, int szx)
        {
            RequestBuilder request = RequestBuilder.Get(NextMessageId()).Path(path);
            if (szx >= 0)
            {
                request.Block(CoapOption.Block2, num, false, szx);
            }

            return request.ToArray();
        }

        /// <summary>The Block2 value of <paramref name="message"/>, or -1 when it has none.</summary>
        public static long Block2Of(CoapMessage message)
        {
            uint value;
            return message.TryGetUIntOption(CoapOption.Block2, 0, out value) ? value : -1;
        }

        /// <summary>The payload of <paramref name="message"/>.</summary>
        public static byte[] PayloadOf(CoapMessage message)
        {
            byte[] payload = new byte[message.PayloadLength];
            System.Array.Copy(message.Buffer, message.PayloadOffset, payload, 0, payload.Length);
            return payload;
        }

        /// <summary>The first ETag of <paramref name="message"/>, or null.</summary>
        public static byte[] ETagOf(CoapMessage message)
        {
            int index = message.FindOption(CoapOption.ETag);
            if (index < 0)
            {
                return null;
            }

            byte[] etag = new byte[message.GetOptionLength(index)];
            message.CopyOptionValue(index, etag, 0);
            return etag;
        }

        /// <summary>
        /// Fetches <paramref name="path"/> the way a client does (RFC 7959 §2.4): the first GET asks for
        /// block 0 of size exponent <paramref name="szx"/> (early negotiation), or for nothing when it is
        /// -1 (late negotiation); every later GET asks for the next block in the size the server answered.
        /// Checks each block: the size is never larger than asked, blocks follow without gap, every block
        /// but the last is full, the ETag never changes. Returns the reassembled representation.
        /// </summary>
        public byte[] Fetch(string path, int szx)
        {
            byte[] assembled = new byte[8192];
            int received = 0;
            int num = 0;
            Requests = 0;
            LastETag = null;
            bool first = true;
            while (true)
            {
                CoapMessage answer = Ask(BlockGet(path, num, szx));
                Requests++;
                Assert.AreEqual((int)CoapCode.Content, (int)answer.Code);
                byte[] etag = ETagOf(answer);
                if (first)
                {
                    LastETag = etag;
                }
                else
                {
                    Assert.AreEqual(Hex.Format(LastETag, 0, LastETag == null ? 0 : LastETag.Length), Hex.Format(etag, 0, etag == null ? 0 : etag.Length), "ETag changed between blocks");
                }

                long block = Block2Of(answer);
                if (block < 0)
                {
                    // Only a response that was not asked for in blocks may come whole.
                    Assert.IsTrue(first && szx < 0, "Block2 missing");
                    System.Array.Copy(answer.Buffer, answer.PayloadOffset, assembled, 0, answer.PayloadLength);
                    received = answer.PayloadLength;
                    break;
                }

                int answeredSzx = BlockOption.SzxOf((uint)block);
                int size = BlockOption.SizeOf(answeredSzx);
                Assert.IsTrue(szx < 0 || answeredSzx <= szx, "block larger than asked for");
                Assert.AreEqual(received, BlockOption.NumOf((uint)block) * size, "gap or overlap");
                bool more = BlockOption.MoreOf((uint)block);
                if (more)
                {
                    Assert.AreEqual(size, answer.PayloadLength, "a block before the last is full");
                }
                else
                {
                    Assert.IsTrue(answer.PayloadLength <= size);
                }

                System.Array.Copy(answer.Buffer, answer.PayloadOffset, assembled, received, answer.PayloadLength);
                received += answer.PayloadLength;
                if (!more)
                {
                    break;
                }

                szx = answeredSzx;
                num = BlockOption.NumOf((uint)block) + 1;
                first = false;
            }

            byte[] result = new byte[received];
            System.Array.Copy(assembled, result, received);
            return result;
        }
    }
}
