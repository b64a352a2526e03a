using System;
using Coap.Micro;
using nanoFramework.TestFramework;
using ThermoDev.Tests.Server;

namespace ThermoDev.Tests.Client
{
    /// <summary>A device that is both: a server and a client on one transport, run by the server's loop.</summary>
    [TestClass]
    public class ClientSharedTransportTests
    {
        private static readonly CoapEndpoint Peer = ServerHarness.Endpoint(9);

        [TestMethod]
        public void TheServersLoopSendsTheClientsRequestAndHandsItTheResponse()
        {
            InMemoryTransport transport = new InMemoryTransport();
            CoapServer server = NewServer(transport, new FakeClock());
            CoapClient client = new CoapClient(server, new RepeatingRandom(0xA1, 0xB2, 0xC3, 0xD4, 500), null);
            Assert.IsTrue(client.SharesServerTransport);
            CoapRequest request = Request();
            Assert.AreEqual((int)CoapClientResult.Pending, (int)client.Send(request));

            server.Poll(0);
            Assert.AreEqual(1, transport.SentCount);

            // The Message ID comes from the server's counter, which starts at 7 here.
            Assert.AreEqual("44 01 00 07 A1 B2 C3 D4 B4 74 65 6D 70", ClientHarness.HexOf(transport.Sent(0)));
            CoapMessage sent = ServerHarness.Parse(transport.Sent(0));
            transport.ClearSent();
            transport.Inject(ResponseBuilder.Ack(sent, CoapCode.Content).Text("19.5").ToArray(), Peer);
            Assert.IsTrue(server.Poll(0));
            Assert.AreEqual((int)CoapClientResult.Response, (int)request.Result);
            Assert.IsTrue(request.PayloadEquals("19.5"));
            Assert.AreEqual(0, transport.SentCount);
            Assert.AreEqual(0, server.Counters.Dropped);
            Assert.AreEqual(0, server.Counters.Requests);
        }

        [TestMethod]
        public void TheServerStillAnswersRequestsAndTheClientRejectsStrayResponses()
        {
            InMemoryTransport transport = new InMemoryTransport();
            CoapServer server = NewServer(transport, new FakeClock());
            CoapClient client = new CoapClient(server, new RepeatingRandom(1), null);

            transport.Inject(Requests.Get(CoapMessageType.Confirmable, 0x100, new byte[] { 1 }, "test", -1, -1), Peer);
            server.Poll(0);
            CoapMessage answer = ServerHarness.Parse(transport.Sent(0));
            Assert.AreEqual(CoapCode.Content, answer.Code);

            transport.ClearSent();
            transport.Inject(new ResponseBuilder(CoapMessageType.Confirmable, CoapCode.Content, 0x200, new byte[] { 9, 9 }).ToArray(), Peer);
            server.Poll(0);
            Assert.AreEqual(1, transport.SentCount);
            Assert.AreEqual("70 00 02 00", ClientHarness.HexOf(transport.Sent(0)));
            Assert.AreEqual(1, client.Counters.Rejected);
            Assert.AreEqual(0, server.Counters.Resets);

            // An ACK that ends neither's CON is the server's to drop.
            transport.ClearSent();
            transport.Inject(Requests.Ack(0x300), Peer);
            server.Poll(0);
            Assert.AreEqual(0, transport.SentCount);
            Assert.AreEqual(1, server.Counters.Dropped);
        }

        [TestMethod]
        public void ServerAndClientDrawMessageIdsFromOneCounter()
        {
            InMemoryTransport transport = new InMemoryTransport();
            CoapServer server = NewServer(transport, new FakeClock());
            CoapClient client = new CoapClient(server, new RepeatingRandom(1), null);
            client.Send(Request());
            server.Poll(0);
            Assert.AreEqual(7, (int)ServerHarness.Parse(transport.Sent(0)).MessageId);

            // A separate response of the server's takes the next one.
            byte[] token = { 0x51 };
            transport.Inject(Requests.Get(CoapMessageType.Confirmable, 0x100, token, "sep", -1, -1), Peer);
            server.Poll(0);
            SeparateResource separate = (SeparateResource)server.GetResource(1);
            separate.SeparateReady(separate.Ticket);
            transport.ClearSent();
            server.Poll(0);
            Assert.AreEqual(8, (int)ServerHarness.Parse(transport.Sent(0)).MessageId);
        }

        [TestMethod]
        public void TheServersLoopRetransmitsTheClientsCon()
        {
            InMemoryTransport transport = new InMemoryTransport();
            FakeClock clock = new FakeClock();
            CoapServer server = NewServer(transport, clock);
            CoapClient client = new CoapClient(server, new RepeatingRandom(1, 1, 1, 1, 500), null);
            CoapRequest request = Request();
            client.Send(request);
            server.Poll(0);
            clock.Now = 2499;
            server.Poll(0);
            Assert.AreEqual(1, transport.SentCount);
            clock.Now = 2500;
            server.Poll(0);
            Assert.AreEqual(2, transport.SentCount);
            Assert.AreEqual(ClientHarness.HexOf(transport.Sent(0)), ClientHarness.HexOf(transport.Sent(1)));
        }

        [TestMethod]
        public void ARequestSentBetweenTurnsOfAPolledServerWakesItsNextWait()
        {
            InMemoryTransport transport = new InMemoryTransport();
            CoapServer server = NewServer(transport, new FakeClock());
            CoapClient client = new CoapClient(server, new RepeatingRandom(1), null);
            client.Send(Request());
            server.Poll(0);

            // The same thread that polls the server sends: the server's next wait must end at once.
            CoapRequest second = Request();
            second.SetEndpoint(ServerHarness.Endpoint(8));
            client.Send(second);
            long start = DateTime.UtcNow.Ticks;
            server.Poll(10000);
            Assert.IsTrue(DateTime.UtcNow.Ticks - start < 2000 * TimeSpan.TicksPerMillisecond);
            Assert.AreEqual(2, transport.SentCount);
        }

        [TestMethod]
        public void TheClientOnASharedTransportHasNoLoopOfItsOwnAndAServerTakesOneClient()
        {
            InMemoryTransport transport = new InMemoryTransport();
            CoapServer server = NewServer(transport, new FakeClock());
            CoapClient client = new CoapClient(server, new RepeatingRandom(1), null);
            Assert.ThrowsException(typeof(InvalidOperationException), () => { client.Poll(0); });
            Assert.ThrowsException(typeof(InvalidOperationException), () => { client.Start(); });
            Assert.ThrowsException(typeof(InvalidOperationException), () => { new CoapClient(server, new RepeatingRandom(1), null); });
        }

        [TestMethod]
        public void AClientIsAttachedBeforeTheServerRuns()
        {
            LinkedTransport transport = new LinkedTransport(Peer);
            CoapServer server = NewServer(transport, new TickClock());
            server.Start();
            try
            {
                Assert.ThrowsException(typeof(InvalidOperationException), () => { new CoapClient(server, new RepeatingRandom(1), null); });
            }
            finally
            {
                server.Stop(5000);
            }
        }

        [TestMethod]
        public void ADeviceThatIsBothCanAskItselfWithABlockingCall()
        {
            LinkedTransport transport = new LinkedTransport(Peer);
            CoapServer server = NewServer(transport, new TickClock());
            CoapClient client = new CoapClient(server, new CoapRandom(), null);
            AskingResource asking = new AskingResource(client);
            server.Add(asking);
            server.Start();
            try
            {
                CoapRequest request = Request();
                request.SetPath("test");
                Assert.AreEqual((int)CoapClientResult.Response, (int)client.Request(request, 5000));
                Assert.IsTrue(request.PayloadEquals("run 1"));
                Assert.AreEqual(1, server.Counters.Requests);

                // A handler on the server's loop cannot wait for the loop it runs on.
                request.SetPath("ask");
                Assert.AreEqual((int)CoapClientResult.Response, (int)client.Request(request, 5000));
                Assert.AreEqual((int)CoapClientResult.WrongThread, asking.Result);
            }
            finally
            {
                server.Stop(5000);
            }
        }

        private static CoapServer NewServer(ICoapTransport transport, ICoapClock clock)
        {
            CoapServerOptions options = new CoapServerOptions();
            options.ReceivePollMilliseconds = 20;
            CoapServer server = new CoapServer(transport, clock, new RepeatingRandom(7, 500), options);
            server.Add(new CountingResource("test"));
            server.Add(new SeparateResource());
            return server;
        }

        private static CoapRequest Request()
        {
            CoapRequest request = new CoapRequest(64);
            request.SetEndpoint(Peer);
            request.SetPath("temp");
            return request;
        }

        /// <summary>A resource whose GET tries a blocking client call on the server's loop thread.</summary>
        private sealed class AskingResource : CoapResource
        {
            private readonly CoapClient _client;

            public AskingResource(CoapClient client)
                : base("ask", CoapMethods.Get)
            {
                _client = client;
            }

            public int Result = -1;

            public override void Get(CoapMessage request, CoapResponse response)
            {
                CoapRequest inner = new CoapRequest(16);
                inner.SetEndpoint(Peer);
                Result = (int)_client.Request(inner, 100);
            }
        }
    }
}
