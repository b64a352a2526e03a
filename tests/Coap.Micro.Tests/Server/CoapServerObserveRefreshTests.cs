using System.Threading;
using Coap.Micro;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.Server
{
    /// <summary>
    /// Observe (RFC 7641 §4.3.1): each relation gets the state again shortly before the Max-Age of the
    /// last notification (or registration response) it was sent runs out, and not earlier.
    /// "obs" answers with Max-Age 30 s: refreshed at 27 s, 3 s before.
    /// </summary>
    [TestClass]
    public class CoapServerObserveRefreshTests
    {
        private static readonly byte[] TokenA = { 0xA1, 0xA2, 0xA3, 0xA4 };
        private static readonly byte[] TokenB = { 0xB1, 0xB2, 0xB3, 0xB4 };

        [TestMethod]
        public void ARegistrationIsRefreshedOnlyJustBeforeItsMaxAgeRunsOut()
        {
            ServerHarness h = new ServerHarness(8);
            h.Observed.Value = 21;
            h.Clock.Now = 1000;
            CoapMessage ack = h.Register(0x100, TokenA);
            h.Clock.Now = 1500;
            Assert.AreEqual(0, h.Turn().Length);
            h.Clock.Now = 1000 + 27000 - 1;
            Assert.AreEqual(0, h.Turn().Length);
            h.Clock.Now = 1000 + 27000;
            byte[][] sent = h.Turn();
            Assert.AreEqual(1, sent.Length);
            CoapMessage refresh = ServerHarness.Parse(sent[0]);
            Assert.AreEqual((int)CoapMessageType.NonConfirmable, (int)refresh.Type);
            Assert.AreEqual(CoapCode.Content, refresh.Code);
            Assert.IsTrue(refresh.TokenEquals(TokenA, 0, TokenA.Length));
            Assert.AreEqual("21", ServerHarness.PayloadText(refresh));
            Assert.AreEqual(ServerHarness.ObserveOf(ack) + 1, ServerHarness.ObserveOf(refresh));
            uint maxAge;
            Assert.IsTrue(refresh.TryGetUIntOption(CoapOption.MaxAge, 0, out maxAge));
            Assert.AreEqual(30u, maxAge);
            Assert.AreEqual(1, h.Server.Counters.Notifications);
            Assert.AreEqual(0, h.Turn().Length);

            // The refresh's own Max-Age sets the next one.
            h.Clock.Now = 1000 + 54000 - 1;
            Assert.AreEqual(0, h.Turn().Length);
            h.Clock.Now = 1000 + 54000;
            Assert.AreEqual(1, h.Turn().Length);
        }

        [TestMethod]
        public void TwoObserversAreRefreshedEachAtItsOwnTime()
        {
            ServerHarness h = new ServerHarness(8);
            h.Register(0x100, TokenA);
            h.Clock.Now = 10000;
            h.Register(0x101, TokenB);
            h.Clock.Now = 27000;
            byte[][] sent = h.Turn();
            Assert.AreEqual(1, sent.Length);
            Assert.IsTrue(ServerHarness.Parse(sent[0]).TokenEquals(TokenA, 0, TokenA.Length));
            h.Clock.Now = 37000 - 1;
            Assert.AreEqual(0, h.Turn().Length);
            h.Clock.Now = 37000;
            sent = h.Turn();
            Assert.AreEqual(1, sent.Length);
            Assert.IsTrue(ServerHarness.Parse(sent[0]).TokenEquals(TokenB, 0, TokenB.Length));
            h.Clock.Now = 54000;
            sent = h.Turn();
            Assert.AreEqual(1, sent.Length);
            Assert.IsTrue(ServerHarness.Parse(sent[0]).TokenEquals(TokenA, 0, TokenA.Length));
        }

        [TestMethod]
        public void AChangeNotificationPutsTheRefreshOff()
        {
            ServerHarness h = new ServerHarness(8);
            h.Register(0x100, TokenA);
            h.Clock.Now = 20000;
            h.Observed.Set(5);
            Assert.AreEqual(1, h.Turn().Length);
            h.Clock.Now = 27000;
            Assert.AreEqual(0, h.Turn().Length);
            h.Clock.Now = 47000 - 1;
            Assert.AreEqual(0, h.Turn().Length);
            h.Clock.Now = 47000;
            byte[][] sent = h.Turn();
            Assert.AreEqual(1, sent.Length);
            Assert.AreEqual("5", ServerHarness.PayloadText(ServerHarness.Parse(sent[0])));
        }

        [TestMethod]
        public void TheNextRefreshFollowsTheMaxAgeOfTheLastNotification()
        {
            ServerHarness h = new ServerHarness(8);
            h.Register(0x100, TokenA);
            h.Observed.MaxAge = 8;
            h.Clock.Now = 1000;
            h.Observed.Set(1);
            Assert.AreEqual(1, h.Turn().Length);

            // Max-Age 8 s: a quarter (2 s) before it runs out, not the 27 s of the registration.
            h.Clock.Now = 1000 + 6000 - 1;
            Assert.AreEqual(0, h.Turn().Length);
            h.Clock.Now = 1000 + 6000;
            Assert.AreEqual(1, h.Turn().Length);
        }

        [TestMethod]
        public void AConfirmableRefreshIsRetransmittedAndAcknowledged()
        {
            ServerHarness h = new ServerHarness(8);
            h.Observed.SendConfirmable();
            h.Register(0x100, TokenA);
            h.Clock.Now = 27000;
            byte[][] sent = h.Turn();
            Assert.AreEqual(1, sent.Length);
            CoapMessage first = ServerHarness.Parse(sent[0]);
            Assert.AreEqual((int)CoapMessageType.Confirmable, (int)first.Type);

            // RFC 7252 §4.2: retransmitted after the first timeout (2000 + 500 scripted jitter ms), same Message ID and Observe value.
            h.Clock.Now = 27000 + 2500 - 1;
            Assert.AreEqual(0, h.Turn().Length);
            h.Clock.Now = 27000 + 2500;
            sent = h.Turn();
            Assert.AreEqual(1, sent.Length);
            CoapMessage again = ServerHarness.Parse(sent[0]);
            Assert.AreEqual((int)first.MessageId, (int)again.MessageId);
            Assert.AreEqual(ServerHarness.ObserveOf(first), ServerHarness.ObserveOf(again));
            Assert.AreEqual(0, h.Turn(Requests.Ack(first.MessageId), h.Client).Length);
            Assert.AreEqual(1, h.Server.Counters.Acknowledged);
            Assert.AreEqual(1, h.Server.Counters.Retransmissions);

            // The next refresh counts from the first transmission: the client may have had it since then.
            h.Clock.Now = 54000 - 1;
            Assert.AreEqual(0, h.Turn().Length);
            h.Clock.Now = 54000;
            sent = h.Turn();
            Assert.AreEqual(1, sent.Length);
            Assert.AreNotEqual((int)first.MessageId, (int)ServerHarness.Parse(sent[0]).MessageId);
        }

        [TestMethod]
        public void ARefreshWaitsWhileAConfirmableIsInFlightAndGoesOutOnceItIsAcknowledged()
        {
            // RFC 7641 §4.5.1: one CON in flight per observer.
            ServerHarness h = new ServerHarness(8);
            h.Observed.SendConfirmable();
            h.Register(0x100, TokenA);
            h.Clock.Now = 27000;
            CoapMessage first = ServerHarness.Parse(h.Turn()[0]);
            long[] retransmissions = { 29500, 34500, 44500 };
            for (int i = 0; i < retransmissions.Length; i++)
            {
                h.Clock.Now = retransmissions[i];
                Assert.AreEqual(1, h.Turn().Length, "retransmission " + i.ToString());
            }

            // 54 s: the next refresh is due, but the CON is still in flight (next retransmission at 64.5 s).
            h.Clock.Now = 54000;
            Assert.AreEqual(0, h.Turn().Length);

            // Acknowledged late: the client may hold only the first transmission, so the refresh goes out at once.
            h.Clock.Now = 60000;
            byte[][] sent = h.Turn(Requests.Ack(first.MessageId), h.Client);
            Assert.AreEqual(1, sent.Length);
            CoapMessage refresh = ServerHarness.Parse(sent[0]);
            Assert.AreNotEqual((int)first.MessageId, (int)refresh.MessageId);
            Assert.IsTrue(ServerHarness.ObserveOf(refresh) > ServerHarness.ObserveOf(first));
        }

        [TestMethod]
        public void AMaxAgeOfOneSecondIsRefreshedAtThreeQuartersOfIt()
        {
            ServerHarness h = new ServerHarness(8);
            h.Observed.MaxAge = 1;
            h.Register(0x100, TokenA);
            h.Clock.Now = 750 - 1;
            Assert.AreEqual(0, h.Turn().Length);
            h.Clock.Now = 750;
            Assert.AreEqual(1, h.Turn().Length);
            h.Clock.Now = 1500 - 1;
            Assert.AreEqual(0, h.Turn().Length);
            h.Clock.Now = 1500;
            Assert.AreEqual(1, h.Turn().Length);
        }

        [TestMethod]
        public void AMaxAgeOfZeroIsNeverRefreshed()
        {
            // Max-Age 0: the state is stale at once; nothing can keep it fresh.
            ServerHarness h = new ServerHarness(8);
            h.Observed.MaxAge = 0;
            h.Register(0x100, TokenA);
            h.Clock.Now = 1000000;
            Assert.AreEqual(0, h.Turn().Length);
            Assert.AreEqual(1, h.Server.Counters.Observers);
        }

        [TestMethod]
        public void TheLoopWaitsUntilTheEarliestRefreshAndNoLonger()
        {
            RecordingTransport transport = new RecordingTransport();
            FakeClock clock = new FakeClock();
            CoapServerOptions options = new CoapServerOptions();
            options.ReceivePollMilliseconds = 60000;
            CoapServer server = new CoapServer(transport, clock, new RepeatingRandom(7, 500), options);
            ObservedResource observed = new ObservedResource("obs");
            server.Add(observed);
            clock.Now = 1000;
            transport.Inner.Inject(Requests.Register(0x100, TokenA), ServerHarness.Endpoint(1));
            server.Start();
            try
            {
                // The registration is answered in the first turn; the second waits for its refresh at 28 s.
                for (int i = 0; i < 500 && transport.Calls < 2; i++)
                {
                    Thread.Sleep(10);
                }

                Assert.IsTrue(transport.Calls >= 2);
                Assert.AreEqual(1, transport.Inner.SentCount);
                Assert.AreEqual(27000, transport.LastTimeout);
            }
            finally
            {
                Assert.IsTrue(server.Stop(5000));
            }
        }

        /// <summary>An in-memory transport that records the wait of each receive.</summary>
        public sealed class RecordingTransport : ICoapTransport
        {
            /// <summary>The transport underneath.</summary>
            public readonly InMemoryTransport Inner = new InMemoryTransport();

            private int _calls;
            private int _lastTimeout = -1;

            /// <summary>Receive calls so far.</summary>
            public int Calls
            {
                get { return Interlocked.CompareExchange(ref _calls, 0, 0); }
            }

            /// <summary>The timeout of the last receive.</summary>
            public int LastTimeout
            {
                get { return Interlocked.CompareExchange(ref _lastTimeout, 0, 0); }
            }

            /// <inheritdoc/>
            public int MaxEndpointLength
            {
                get { return Inner.MaxEndpointLength; }
            }

            /// <inheritdoc/>
            public int Receive(byte[] buffer, int offset, int count, CoapEndpoint source, int timeoutMilliseconds)
            {
                Interlocked.Exchange(ref _lastTimeout, timeoutMilliseconds);
                Interlocked.Increment(ref _calls);
                return Inner.Receive(buffer, offset, count, source, timeoutMilliseconds);
            }

            /// <inheritdoc/>
            public bool Send(byte[] buffer, int offset, int count, CoapEndpoint destination)
            {
                return Inner.Send(buffer, offset, count, destination);
            }

            /// <inheritdoc/>
            public void Wake()
            {
                Inner.Wake();
            }
        }
    }
}
