using System;
using Coap.Micro;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.Server
{
    /// <summary>
    /// Requests that came to a multicast group (RFC 7252 §8): answered once, as a NON, at a random point in
    /// the leisure (§8.2); never an ACK, an RST, an error or an empty answer; a filtered discovery that
    /// matches nothing goes unanswered (RFC 6690 §4.1).
    /// </summary>
    [TestClass]
    public class CoapServerMulticastTests
    {
        // Every draw of the random source is 300: the leisure ends 300 ms after the request came.
        private const int Drawn = 300;
        private const int Leisure = 1000;

        private static InMemoryTransport _transport;
        private static FakeClock _clock;
        private static CoapServer _server;
        private static CountingResource _counting;
        private static CoapEndpoint _client;

        private static void Create(int requestBytes, int leisure)
        {
            _transport = new InMemoryTransport();
            _clock = new FakeClock();
            CoapServerOptions options = new CoapServerOptions();
            options.MaxRequestSize = 64;
            options.MaxResponseSize = 128;
            options.MulticastRequestBytes = requestBytes;
            options.MulticastLeisureMilliseconds = leisure;
            _server = new CoapServer(_transport, _clock, new RepeatingRandom(Drawn), options);
            _counting = new CountingResource("test");
            _server.Add(_counting);
            _client = ServerHarness.Endpoint(9);
        }

        private static byte[] Discovery(CoapMessageType type, int messageId, string query)
        {
            RequestBuilder request = new RequestBuilder(type, CoapCode.Get, messageId).Path(".well-known/core");
            if (query != null)
            {
                request.Query(query);
            }

            return request.ToArray();
        }

        // Delivers a datagram to the group and runs a turn; returns how many datagrams went out in it.
        private static int ToGroup(byte[] datagram)
        {
            _transport.ClearSent();
            _transport.InjectToGroup(datagram, _client);
            Assert.IsTrue(_server.Poll(0));
            return _transport.SentCount;
        }

        // Moves the clock to milliseconds after the start and runs a turn; returns how many datagrams went out.
        private static int At(long milliseconds)
        {
            _transport.ClearSent();
            _clock.Now = milliseconds;
            _server.Poll(0);
            return _transport.SentCount;
        }

        [TestMethod]
        public void DiscoveryToTheGroupIsAnsweredOnceAsANonAfterItsLeisure()
        {
            Create(64, Leisure);
            Assert.AreEqual(0, ToGroup(Discovery(CoapMessageType.NonConfirmable, 0x1234, null)));
            Assert.AreEqual(0, At(Drawn - 1));
            Assert.AreEqual(1, At(Drawn));

            CoapMessage answer = ServerHarness.Parse(_transport.Sent(0));
            Assert.IsTrue(_transport.SentTo(0).SameAs(_client));
            Assert.AreEqual((int)CoapMessageType.NonConfirmable, (int)answer.Type);
            Assert.AreEqual((int)CoapCode.Content, (int)answer.Code);
            Assert.AreEqual(1, answer.TokenLength);
            Assert.AreEqual(0x74, (int)answer.Buffer[answer.TokenOffset]);
            Assert.AreEqual("</test>;rt=\"test\";ct=0", ServerHarness.PayloadText(answer));
            Assert.AreEqual(0, At(Drawn + 5000));
        }

        [TestMethod]
        public void AConfirmableRequestToTheGroupIsNeverAcknowledgedButAnsweredAsANon()
        {
            Create(64, Leisure);
            Assert.AreEqual(0, ToGroup(Requests.Get(CoapMessageType.Confirmable, 0x2222, new byte[] { 1, 2 }, "test", -1, -1)));
            Assert.AreEqual(1, At(Drawn));
            CoapMessage answer = ServerHarness.Parse(_transport.Sent(0));
            Assert.AreEqual((int)CoapMessageType.NonConfirmable, (int)answer.Type);
            Assert.AreNotEqual(0x2222, (int)answer.MessageId);
            Assert.AreEqual("run 1", ServerHarness.PayloadText(answer));

            // Its retransmission is a duplicate: not run again, not acknowledged, not answered.
            Assert.AreEqual(0, ToGroup(Requests.Get(CoapMessageType.Confirmable, 0x2222, new byte[] { 1, 2 }, "test", -1, -1)));
            Assert.AreEqual(0, At(Drawn * 3));
            Assert.AreEqual(1, _counting.Runs);
        }

        [TestMethod]
        public void AnAnswerLongerThanABlockGoesWholeToAGroupButInBlocksByUnicast()
        {
            Create(64, Leisure);
            string title = "a-name-long-enough-to-push-the-link-past-one-64-byte-block";
            _server.Add(new DescribedResource("named", null, null, -1, -1, false, title));
            string links = "</test>;rt=\"test\";ct=0,</named>;title=\"" + title + "\"";

            Assert.AreEqual(0, ToGroup(Discovery(CoapMessageType.NonConfirmable, 0x1235, null)));
            Assert.AreEqual(1, At(Drawn));
            CoapMessage whole = ServerHarness.Parse(_transport.Sent(0));
            Assert.IsFalse(whole.HasOption(CoapOption.Block2));
            Assert.AreEqual(links, ServerHarness.PayloadText(whole));

            _transport.ClearSent();
            _transport.Inject(Discovery(CoapMessageType.Confirmable, 0x1236, null), _client);
            Assert.IsTrue(_server.Poll(0));
            CoapMessage first = ServerHarness.Parse(_transport.Sent(0));
            Assert.IsTrue(first.HasOption(CoapOption.Block2));
            Assert.AreEqual(64, first.PayloadLength);
            Assert.AreEqual(64, _server.Options.BlockSize);
        }

        [TestMethod]
        public void AMissingResourceAskedOfTheGroupGetsNoAnswer()
        {
            Create(64, Leisure);
            Assert.AreEqual(0, ToGroup(Requests.Get(CoapMessageType.NonConfirmable, 0x3333, new byte[] { 1 }, "missing", -1, -1)));
            Assert.AreEqual(0, At(Leisure));
            Assert.AreEqual(1, (int)_server.Counters.Requests);
        }

        [TestMethod]
        [DataRow("rt=nothing-here")]
        [DataRow("href=/none")]
        public void AFilteredDiscoveryThatMatchesNothingGetsNoAnswer(string query)
        {
            Create(64, Leisure);
            Assert.AreEqual(0, ToGroup(Discovery(CoapMessageType.NonConfirmable, 0x4444, query)));
            Assert.AreEqual(0, At(Leisure));
        }

        [TestMethod]
        public void AFilteredDiscoveryThatMatchesIsAnswered()
        {
            Create(64, Leisure);
            Assert.AreEqual(0, ToGroup(Discovery(CoapMessageType.NonConfirmable, 0x4445, "rt=test")));
            Assert.AreEqual(1, At(Leisure));
            Assert.AreEqual("</test>;rt=\"test\";ct=0", ServerHarness.PayloadText(ServerHarness.Parse(_transport.Sent(0))));
        }

        [TestMethod]
        public void APingOrAResponseToTheGroupGetsNoReset()
        {
            Create(64, Leisure);
            Assert.AreEqual(0, ToGroup(new byte[] { 0x40, 0x00, 0x12, 0x34 }));
            Assert.AreEqual(0, ToGroup(new byte[] { 0x50, 0x45, 0x12, 0x35 }));
            Assert.AreEqual(0, ToGroup(new byte[] { 0x70, 0x00, 0x12, 0x36 }));
            Assert.AreEqual(0, At(Leisure * 2));
        }

        [TestMethod]
        public void ASecondGroupRequestWhileOneWaitsIsIgnoredAndAUnicastOneIsAnsweredAtOnce()
        {
            Create(64, Leisure);
            Assert.AreEqual(0, ToGroup(Requests.Get(CoapMessageType.NonConfirmable, 0x5551, new byte[] { 1 }, "test", -1, -1)));
            Assert.AreEqual(0, ToGroup(Requests.Get(CoapMessageType.NonConfirmable, 0x5552, new byte[] { 2 }, "test", -1, -1)));

            _transport.ClearSent();
            _transport.Inject(Requests.Get(CoapMessageType.Confirmable, 0x5553, new byte[] { 3 }, "test", -1, -1), _client);
            Assert.IsTrue(_server.Poll(0));
            Assert.AreEqual(1, _transport.SentCount);
            Assert.AreEqual((int)CoapMessageType.Acknowledgement, (int)ServerHarness.Parse(_transport.Sent(0)).Type);

            Assert.AreEqual(1, At(Drawn));
            Assert.AreEqual(1, (int)ServerHarness.Parse(_transport.Sent(0)).Buffer[4]);
            Assert.AreEqual(0, At(Leisure * 3));
            Assert.AreEqual(2, _counting.Runs);
        }

        [TestMethod]
        public void ALongerRequestThanKeptIsIgnored()
        {
            Create(16, Leisure);
            Assert.AreEqual(0, ToGroup(Discovery(CoapMessageType.NonConfirmable, 0x6666, "rt=test")));
            Assert.AreEqual(0, At(Leisure));
        }

        [TestMethod]
        public void ByDefaultRequestsToAGroupAreIgnored()
        {
            Create(0, Leisure);
            Assert.AreEqual(0, ToGroup(Discovery(CoapMessageType.Confirmable, 0x7777, null)));
            Assert.AreEqual(0, At(CoapMulticast.DefaultLeisureMilliseconds * 2));
            Assert.AreEqual(0, (int)_server.Counters.Requests);
        }

        [TestMethod]
        public void ANoLeisureAnswersInTheSameTurn()
        {
            Create(64, 0);
            Assert.AreEqual(1, ToGroup(Discovery(CoapMessageType.NonConfirmable, 0x8888, null)));
        }

        [TestMethod]
        public void TheOptionsAreCheckedAndReadBack()
        {
            Create(64, 1234);
            Assert.AreEqual(64, _server.Options.MulticastRequestBytes);
            Assert.AreEqual(1234, _server.Options.MulticastLeisureMilliseconds);
            Assert.AreEqual(0, new CoapServerOptions().MulticastRequestBytes);
            Assert.AreEqual(5000, new CoapServerOptions().MulticastLeisureMilliseconds);

            CoapServerOptions options = new CoapServerOptions();
            options.MulticastRequestBytes = 15;
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => options.Validate());
            options.MulticastRequestBytes = 255;
            options.MulticastLeisureMilliseconds = 65536;
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => options.Validate());
        }

        [TestMethod]
        public void TheLeisureBoundIsTheRfcFormula()
        {
            // RFC 7252 §8.2's example: S = 100 bytes, G = 100 servers, R = 1 kB/s gives 10 s.
            Assert.AreEqual(10000, CoapMulticast.LeisureMilliseconds(100, 100, 1000));
            Assert.AreEqual(1, CoapMulticast.LeisureMilliseconds(1, 1, 1000000));
        }
    }
}
