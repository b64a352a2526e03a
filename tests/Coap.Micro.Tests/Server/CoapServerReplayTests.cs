using Coap.Micro;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.Server
{
    /// <summary>
    /// Deduplication with many remembered exchanges and a small replay cache (RFC 7252 §4.5): a
    /// duplicate gets the identical answer while its bytes are kept; once they are gone a GET is
    /// processed again and any other method is answered from its first answer's code, never run twice.
    /// </summary>
    [TestClass]
    public class CoapServerReplayTests
    {
        // CON PUT /test "1", Message ID 0x0050, token CC.
        private const string Put = "41 03 00 50 CC B4 74 65 73 74 FF 31";

        // CON GET /test, Message ID 0x0060, token DD.
        private const string Get = "41 01 00 60 DD B4 74 65 73 74";

        // CON POST /test "p", Message ID 0x0070, token EE.
        private const string Post = "41 02 00 70 EE B4 74 65 73 74 FF 70";

        [TestMethod]
        public void ARetransmittedPutAfterThirtyOtherExchangesIsNotProcessedAgain()
        {
            // The case a table of 8 got wrong: other clients' requests pushed the PUT out, and its
            // retransmission set the value a second time, possibly over a newer one.
            Replay r = new Replay(32, 128);
            byte[] first = r.Exchange(Put, r.Client);
            for (int i = 0; i < 30; i++)
            {
                r.Clock.Now += 100;
                r.Exchange(Hex.Parse("40 01 01 " + Hex.Format(new byte[] { (byte)i }, 0, 1) + " B4 74 65 73 74"), ServerHarness.Endpoint((byte)(10 + i)));
            }

            r.Clock.Now += 2500;
            byte[] again = r.Exchange(Put, r.Client);
            Assert.AreEqual(1, r.Resource.Puts);
            Assert.AreEqual(CoapCode.Changed, ServerHarness.Parse(again).Code);
            Assert.AreEqual(0, r.Server.Counters.Evictions);
            Assert.AreEqual(1, r.Server.Counters.Duplicates);
            Assert.IsNotNull(first);
        }

        [TestMethod]
        public void TheMostRecentResponsesAreReplayedIdentically()
        {
            Replay r = new Replay(32, 128);
            byte[] put = r.Exchange(Put, r.Client);
            byte[] get = r.Exchange(Get, r.Client);
            r.Clock.Now += 3000;
            Assert.AreEqual(Hex.Format(put, 0, put.Length), Hex.Format(r.Exchange(Put, r.Client), 0, put.Length));
            byte[] getAgain = r.Exchange(Get, r.Client);
            Assert.AreEqual(Hex.Format(get, 0, get.Length), Hex.Format(getAgain, 0, getAgain.Length));
            Assert.AreEqual(1, r.Resource.Puts);
            Assert.AreEqual(1, r.Resource.Gets);
            Assert.AreEqual(0, r.Server.Counters.ReplayMisses);
        }

        [TestMethod]
        public void ADuplicatePutWhoseResponseIsGoneGetsItsCodeAndTokenWithoutRunningAgain()
        {
            Replay r = new Replay(32, 0);
            byte[] first = r.Exchange(Put, r.Client);
            Assert.AreEqual("61 44 00 50 CC FF 31", Hex.Format(first, 0, first.Length));
            byte[] again = r.Exchange(Put, r.Client);
            Assert.AreEqual("61 44 00 50 CC", Hex.Format(again, 0, again.Length));
            Assert.AreEqual(1, r.Resource.Puts);
            Assert.AreEqual(1, r.Server.Counters.ReplayMisses);
            Assert.AreEqual(1, r.Server.Counters.Requests);
        }

        [TestMethod]
        public void ADuplicateGetWhoseResponseIsGoneIsProcessedAgain()
        {
            // A GET is safe (RFC 7252 §5.1): the answer is the current representation.
            Replay r = new Replay(32, 0);
            r.Exchange(Get, r.Client);
            byte[] again = r.Exchange(Get, r.Client);
            CoapMessage answer = ServerHarness.Parse(again);
            Assert.AreEqual((int)CoapMessageType.Acknowledgement, (int)answer.Type);
            Assert.AreEqual(CoapCode.Content, answer.Code);
            Assert.AreEqual(0x0060, (int)answer.MessageId);
            Assert.AreEqual("get 2", ServerHarness.PayloadText(answer));
            Assert.AreEqual(2, r.Resource.Gets);
            Assert.AreEqual(1, r.Server.Counters.Duplicates);
            Assert.AreEqual(1, r.Server.Counters.ReplayMisses);
        }

        [TestMethod]
        public void APostResponseOutlastsNewerGetResponses()
        {
            // 60 bytes hold the POST's answer and two GET answers, each behind a 4-byte header: every later
            // GET answer makes room by dropping a GET answer, oldest first, never the POST's (RFC 7252 §5.1).
            Replay r = new Replay(32, 60);
            byte[] post = r.Exchange(Post, r.Client);
            for (int i = 0; i < 5; i++)
            {
                r.Exchange(Hex.Parse("41 01 02 " + Hex.Format(new byte[] { (byte)i }, 0, 1) + " 0" + i.ToString() + " B4 74 65 73 74"), r.Client);
            }

            byte[] postAgain = r.Exchange(Post, r.Client);
            Assert.AreEqual(Hex.Format(post, 0, post.Length), Hex.Format(postAgain, 0, postAgain.Length));
            Assert.AreEqual(1, r.Resource.Posts);
            Assert.AreEqual(0, r.Server.Counters.ReplayMisses);

            r.Exchange(Hex.Parse("41 01 02 00 00 B4 74 65 73 74"), r.Client);
            Assert.AreEqual(1, r.Server.Counters.ReplayMisses);
            Assert.AreEqual(6, r.Resource.Gets);
        }

        [TestMethod]
        public void ADuplicatePostWhoseResponseIsGoneIsNotProcessedAgain()
        {
            Replay r = new Replay(32, 0);
            r.Exchange(Post, r.Client);
            byte[] again = r.Exchange(Post, r.Client);
            Assert.AreEqual("61 44 00 70 EE", Hex.Format(again, 0, again.Length));
            Assert.AreEqual(1, r.Resource.Posts);
        }

        [TestMethod]
        public void ExchangesAreRememberedExactlyAfterMonthsOfUptime()
        {
            Replay r = new Replay(4, 0);
            r.Clock.Now = 90L * 24 * 3600 * 1000;
            r.Exchange(Put, r.Client);
            r.Clock.Now += CoapTiming.ExchangeLifetime - 1;
            r.Exchange(Put, r.Client);
            Assert.AreEqual(1, r.Resource.Puts);
            r.Clock.Now += 1;
            r.Exchange(Put, r.Client);
            Assert.AreEqual(2, r.Resource.Puts);

            // Weeks without a request: the table starts counting from a new epoch and forgets nothing wrongly.
            r.Clock.Now += 30L * 24 * 3600 * 1000;
            r.Exchange(Put, r.Client);
            Assert.AreEqual(3, r.Resource.Puts);
            r.Clock.Now += 1000;
            r.Exchange(Put, r.Client);
            Assert.AreEqual(3, r.Resource.Puts);
        }

        [TestMethod]
        public void TheCacheStillReplaysAfterTheTableMovesToANewEpoch()
        {
            Replay r = new Replay(4, 64);
            r.Exchange(Put, r.Client);
            r.Exchange(Get, r.Client);

            // Weeks later the old answers have ended with their exchanges and give their room back.
            r.Clock.Now += 40L * 24 * 3600 * 1000;
            byte[] put = r.Exchange("41 03 00 51 CC B4 74 65 73 74 FF 32", r.Client);
            byte[] get = r.Exchange("41 01 00 61 DD B4 74 65 73 74", r.Client);
            byte[] putAgain = r.Exchange("41 03 00 51 CC B4 74 65 73 74 FF 32", r.Client);
            byte[] getAgain = r.Exchange("41 01 00 61 DD B4 74 65 73 74", r.Client);
            Assert.AreEqual(Hex.Format(put, 0, put.Length), Hex.Format(putAgain, 0, putAgain.Length));
            Assert.AreEqual(Hex.Format(get, 0, get.Length), Hex.Format(getAgain, 0, getAgain.Length));
            Assert.AreEqual(2, r.Resource.Puts);
            Assert.AreEqual(2, r.Resource.Gets);
            Assert.AreEqual(0, r.Server.Counters.ReplayMisses);
        }

        [TestMethod]
        public void AResponseLargerThanTheCacheIsNotKeptAndItsDuplicateIsNotProcessedAgain()
        {
            // "41 03 .. FF 31": the echo answer is 7 bytes; with its 4-byte header it does not fit in 10.
            Replay r = new Replay(4, 10);
            r.Exchange(Put, r.Client);
            byte[] again = r.Exchange(Put, r.Client);
            Assert.AreEqual("61 44 00 50 CC", Hex.Format(again, 0, again.Length));
            Assert.AreEqual(1, r.Resource.Puts);
            Assert.AreEqual(1, r.Server.Counters.ReplayMisses);
        }

        [TestMethod]
        public void AnEndpointLongerThanTheTransportDeclaresIsDropped()
        {
            Replay r = new Replay(4, 0);
            CoapEndpoint longer = new CoapEndpoint();
            longer.Set(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, 0, 9);
            Assert.IsNull(r.Exchange(Get, longer));
            Assert.AreEqual(1, r.Server.Counters.Dropped);
            Assert.AreEqual(0, r.Resource.Gets);
        }

        /// <summary>A server with 8-byte endpoints, the given table sizes and <see cref="ReplayResource"/> at "test".</summary>
        public sealed class Replay
        {
            /// <summary>The transport.</summary>
            public readonly InMemoryTransport Transport = new InMemoryTransport(8);

            /// <summary>The clock.</summary>
            public readonly FakeClock Clock = new FakeClock();

            /// <summary>The resource.</summary>
            public readonly ReplayResource Resource = new ReplayResource();

            /// <summary>The client.</summary>
            public readonly CoapEndpoint Client = ServerHarness.Endpoint(1);

            /// <summary>The server.</summary>
            public readonly CoapServer Server;

            /// <summary>Creates the server.</summary>
            public Replay(int entries, int cacheBytes)
            {
                CoapServerOptions options = new CoapServerOptions();
                options.DeduplicationEntries = entries;
                options.ReplayCacheBytes = cacheBytes;
                Server = new CoapServer(Transport, Clock, new RepeatingRandom(7, 500), options);
                Server.Add(Resource);
            }

            /// <summary>Sends <paramref name="hex"/> from <paramref name="from"/>; returns the answer, or null.</summary>
            public byte[] Exchange(string hex, CoapEndpoint from)
            {
                return Exchange(Hex.Parse(hex), from);
            }

            /// <summary>Sends <paramref name="datagram"/> from <paramref name="from"/>; returns the answer, or null.</summary>
            public byte[] Exchange(byte[] datagram, CoapEndpoint from)
            {
                Transport.ClearSent();
                Transport.Inject(datagram, from);
                Assert.IsTrue(Server.Poll(0));
                return Transport.SentCount == 0 ? null : Transport.Sent(0);
            }
        }

        /// <summary>GET answers "get N", PUT echoes its payload, POST answers "post N"; each counts its runs.</summary>
        public sealed class ReplayResource : CoapResource
        {
            private static readonly byte[] GetText = Ascii.Bytes("get ");
            private static readonly byte[] PostText = Ascii.Bytes("post ");

            /// <summary>GET runs.</summary>
            public int Gets;

            /// <summary>PUT runs.</summary>
            public int Puts;

            /// <summary>POST runs.</summary>
            public int Posts;

            /// <summary>Creates it at "test".</summary>
            public ReplayResource()
                : base("test", CoapMethods.Get | CoapMethods.Put | CoapMethods.Post)
            {
            }

            /// <inheritdoc/>
            public override bool Accepts(byte method, int contentFormat)
            {
                return true;
            }

            /// <inheritdoc/>
            public override void Get(CoapMessage request, CoapResponse response)
            {
                Gets++;
                response.AddPayload(GetText);
                response.AddPayloadNumber(Gets);
            }

            /// <inheritdoc/>
            public override void Put(CoapMessage request, CoapResponse response)
            {
                Puts++;
                response.AddPayload(request.Buffer, request.PayloadOffset, request.PayloadLength);
            }

            /// <inheritdoc/>
            public override void Post(CoapMessage request, CoapResponse response)
            {
                Posts++;
                response.AddPayload(PostText);
                response.AddPayloadNumber(Posts);
            }
        }
    }
}
