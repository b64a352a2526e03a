using Coap.Micro;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.Server
{
    /// <summary>
    /// The server's write policy: POST, PUT and DELETE from an address it does not allow get 4.03 Forbidden
    /// (RFC 7252 §5.9.2.4) before the resource sees them; GET and Observe stay open. Endpoints here are
    /// the nanoFramework UDP transport's six bytes, read by <see cref="Ipv4PortEndpointReader"/>.
    /// </summary>
    [TestClass]
    public class CoapServerWritePolicyTests
    {
        private static readonly byte[] Token = { 0xA1, 0xB2 };
        private static readonly byte[] Body = { 0x33, 0x30 };

        private static InMemoryTransport _transport;
        private static CoapServer _server;
        private static WritableResource _resource;
        private static AssemblingResource _blocks;

        private static void Start(CoapWritePolicy policy)
        {
            _transport = new InMemoryTransport();
            _server = new CoapServer(_transport, new FakeClock(), new RepeatingRandom(7, 500), new CoapServerOptions());
            _resource = new WritableResource("w");
            _blocks = new AssemblingResource("big", 256);
            _server.Add(_resource);
            _server.Add(_blocks);
            _server.WritePolicy = policy;
        }

        private static CoapWritePolicy Listed(string text)
        {
            return CoapWritePolicy.Parse(text, new Ipv4PortEndpointReader());
        }

        /// <summary>An endpoint of the nanoFramework transport: a.b.c.d and port 5683.</summary>
        private static CoapEndpoint From(int a, int b, int c, int d)
        {
            CoapEndpoint endpoint = new CoapEndpoint();
            endpoint.Set(new byte[] { (byte)a, (byte)b, (byte)c, (byte)d, 0x16, 0x33 }, 0, 6);
            return endpoint;
        }

        private static byte[] Request(CoapMessageType type, byte method, int messageId, string path)
        {
            byte[] buffer = new byte[64];
            CoapMessageWriter writer = new CoapMessageWriter();
            writer.Begin(buffer, 0, buffer.Length, type, method, (ushort)messageId, Token, 0, Token.Length);
            writer.AddAsciiOption(CoapOption.UriPath, path);
            if (method != CoapCode.Get && method != CoapCode.Delete)
            {
                writer.AddPayload(Body, 0, Body.Length);
            }

            byte[] request = new byte[writer.Length];
            System.Array.Copy(buffer, request, request.Length);
            return request;
        }

        private static CoapMessage Exchange(byte[] request, CoapEndpoint from)
        {
            _transport.ClearSent();
            _transport.Inject(request, from);
            Assert.IsTrue(_server.Poll(0));
            Assert.AreEqual(1, _transport.SentCount);
            return ServerHarness.Parse(_transport.Sent(0));
        }

        private static byte Send(byte method, CoapEndpoint from, int messageId)
        {
            return Exchange(Request(CoapMessageType.Confirmable, method, messageId, "w"), from).Code;
        }

        [TestMethod]
        [DataRow(2)]
        [DataRow(3)]
        [DataRow(4)]
        public void AWriteFromAnAddressNotListedIsForbiddenAndChangesNothing(int method)
        {
            Start(Listed("192.168.1.0/24"));
            CoapMessage answer = Exchange(Request(CoapMessageType.Confirmable, (byte)method, 0x0101, "w"), From(192, 168, 2, 9));
            Assert.AreEqual((int)CoapMessageType.Acknowledgement, (int)answer.Type);
            Assert.AreEqual(CoapCode.Forbidden, answer.Code);
            Assert.AreEqual(0x0101, (int)answer.MessageId);
            Assert.IsTrue(answer.TokenEquals(Token, 0, Token.Length));
            Assert.AreEqual("writes not allowed from this address", ServerHarness.PayloadText(answer));
            Assert.IsFalse(answer.HasOption(CoapOption.ContentFormat));
            Assert.AreEqual(0, _resource.Writes);
            Assert.AreEqual(1, _server.Counters.ClientErrors);
        }

        [TestMethod]
        public void AWriteFromAListedAddressReachesTheResource()
        {
            Start(Listed("192.168.1.0/24, 10.0.0.7"));
            Assert.AreEqual(CoapCode.Created, Send(CoapCode.Post, From(192, 168, 1, 9), 1));
            Assert.AreEqual(CoapCode.Changed, Send(CoapCode.Put, From(10, 0, 0, 7), 2));
            Assert.AreEqual(CoapCode.Deleted, Send(CoapCode.Delete, From(192, 168, 1, 200), 3));
            Assert.AreEqual(3, _resource.Writes);
            Assert.AreEqual(CoapCode.Forbidden, Send(CoapCode.Put, From(10, 0, 0, 8), 4));
            Assert.AreEqual(3, _resource.Writes);
        }

        [TestMethod]
        public void GetAndObserveStayOpen()
        {
            Start(CoapWritePolicy.Nobody);
            CoapMessage answer = Exchange(Request(CoapMessageType.Confirmable, CoapCode.Get, 7, "w"), From(203, 0, 113, 9));
            Assert.AreEqual(CoapCode.Content, answer.Code);
            Assert.AreEqual("0", ServerHarness.PayloadText(answer));

            byte[] register = Requests.Get(CoapMessageType.Confirmable, 8, Token, "w", 0, -1);
            answer = Exchange(register, From(203, 0, 113, 9));
            Assert.AreEqual(CoapCode.Content, answer.Code);
            Assert.IsTrue(ServerHarness.ObserveOf(answer) >= 0);
            Assert.AreEqual(1, _server.Counters.Observers);
        }

        [TestMethod]
        public void NobodyMayWriteUnderNobody()
        {
            Start(CoapWritePolicy.Nobody);
            Assert.AreEqual(CoapCode.Forbidden, Send(CoapCode.Post, From(127, 0, 0, 1), 1));
            Assert.AreEqual(CoapCode.Forbidden, Send(CoapCode.Put, From(127, 0, 0, 1), 2));
            Assert.AreEqual(CoapCode.Forbidden, Send(CoapCode.Delete, From(127, 0, 0, 1), 3));
            Assert.AreEqual(0, _resource.Writes);
        }

        [TestMethod]
        public void EveryoneMayWriteUnderEveryoneOrWithoutAPolicy()
        {
            Start(CoapWritePolicy.Everyone);
            Assert.AreEqual(CoapCode.Changed, Send(CoapCode.Put, From(203, 0, 113, 9), 1));
            Start(null);
            Assert.IsNull(_server.WritePolicy);
            CoapEndpoint odd = new CoapEndpoint();
            odd.Set(new byte[] { 1, 2, 3 }, 0, 3);
            Assert.AreEqual(CoapCode.Changed, Send(CoapCode.Put, odd, 2));
        }

        [TestMethod]
        public void ANonConfirmableWriteIsRefusedWithANonConfirmableAnswer()
        {
            Start(Listed("10.0.0.0/8"));
            CoapMessage answer = Exchange(Request(CoapMessageType.NonConfirmable, CoapCode.Put, 0x2222, "w"), From(192, 168, 1, 9));
            Assert.AreEqual((int)CoapMessageType.NonConfirmable, (int)answer.Type);
            Assert.AreEqual(CoapCode.Forbidden, answer.Code);
            Assert.IsTrue(answer.TokenEquals(Token, 0, Token.Length));
        }

        [TestMethod]
        public void ARefusedClientCannotStartABlockwiseTransfer()
        {
            Start(Listed("10.0.0.0/8"));
            byte[] chunk = new byte[16];
            byte[] first = new RequestBuilder(CoapMessageType.Confirmable, CoapCode.Put, 0x0301).Path("big").Block(CoapOption.Block1, 0, true, 0).Payload(chunk, 0, 16).ToArray();
            Assert.AreEqual(CoapCode.Forbidden, Exchange(first, From(192, 168, 1, 9)).Code);

            // The listed client's transfer is not disturbed by the refused one.
            Assert.AreEqual(CoapCode.Continue, Exchange(first, From(10, 1, 1, 1)).Code);
            byte[] last = new RequestBuilder(CoapMessageType.Confirmable, CoapCode.Put, 0x0302).Path("big").Block(CoapOption.Block1, 1, false, 0).Payload(chunk, 0, 16).ToArray();
            Assert.AreEqual(CoapCode.Forbidden, Exchange(last, From(192, 168, 1, 9)).Code);
            Assert.AreEqual(CoapCode.Changed, Exchange(last, From(10, 1, 1, 1)).Code);
            Assert.AreEqual(32, _blocks.Body.Length);
            Assert.AreEqual(1, _blocks.Runs);
        }

        [TestMethod]
        public void NotFoundAndMethodNotAllowedComeFirstThenForbidden()
        {
            Start(CoapWritePolicy.Nobody);
            Assert.AreEqual(CoapCode.NotFound, Exchange(Request(CoapMessageType.Confirmable, CoapCode.Put, 1, "missing"), From(1, 2, 3, 4)).Code);
            byte[] discovery = new RequestBuilder(CoapMessageType.Confirmable, CoapCode.Put, 3).Path(".well-known/core").ToArray();
            Assert.AreEqual(CoapCode.MethodNotAllowed, Exchange(discovery, From(1, 2, 3, 4)).Code);

            // A Content-Format the resource would refuse, or a failing If-Match: still 4.03.
            byte[] put = new RequestBuilder(CoapMessageType.Confirmable, CoapCode.Put, 2).Option(CoapOption.IfMatch, new byte[] { 9 }).Path("w").UInt(CoapOption.ContentFormat, 9999).Payload(Body, 0, 2).ToArray();
            Assert.AreEqual(CoapCode.Forbidden, Exchange(put, From(1, 2, 3, 4)).Code);
        }
    }
}
