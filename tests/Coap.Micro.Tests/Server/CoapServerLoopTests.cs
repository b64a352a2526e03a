using System;
using System.Threading;
using Coap.Micro;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.Server
{
    /// <summary>The receive loop survives a failing transport and stops when asked.</summary>
    [TestClass]
    public class CoapServerLoopTests
    {
        /// <summary>A transport whose receive always throws.</summary>
        public sealed class FailingTransport : ICoapTransport
        {
            /// <summary>Receive calls so far.</summary>
            public int Calls;

            /// <inheritdoc/>
            public int MaxEndpointLength
            {
                get { return CoapEndpoint.MaxLength; }
            }

            /// <inheritdoc/>
            public int Receive(byte[] buffer, int offset, int count, CoapEndpoint source, int timeoutMilliseconds)
            {
                Calls++;
                Thread.Sleep(1);
                throw new InvalidOperationException("network down");
            }

            /// <inheritdoc/>
            public bool Send(byte[] buffer, int offset, int count, CoapEndpoint destination)
            {
                return false;
            }

            /// <inheritdoc/>
            public void Wake()
            {
            }
        }

        /// <summary>A transport whose receive returns at once with nothing, as a closed socket does.</summary>
        public sealed class EarlyReturningTransport : ICoapTransport
        {
            /// <summary>Receive calls so far.</summary>
            public int Calls;

            /// <summary>What <see cref="MaxEndpointLength"/> says.</summary>
            public int EndpointLength = CoapEndpoint.MaxLength;

            /// <inheritdoc/>
            public int MaxEndpointLength
            {
                get { return EndpointLength; }
            }

            /// <inheritdoc/>
            public int Receive(byte[] buffer, int offset, int count, CoapEndpoint source, int timeoutMilliseconds)
            {
                Interlocked.Increment(ref Calls);
                return -1;
            }

            /// <inheritdoc/>
            public bool Send(byte[] buffer, int offset, int count, CoapEndpoint destination)
            {
                return false;
            }

            /// <inheritdoc/>
            public void Wake()
            {
            }
        }

        /// <summary>An in-memory transport that counts wake-ups.</summary>
        public sealed class WakeCountingTransport : ICoapTransport
        {
            /// <summary>The transport underneath.</summary>
            public readonly InMemoryTransport Inner = new InMemoryTransport();

            /// <summary>Wake calls so far.</summary>
            public int Wakes;

            /// <inheritdoc/>
            public int MaxEndpointLength
            {
                get { return Inner.MaxEndpointLength; }
            }

            /// <inheritdoc/>
            public int Receive(byte[] buffer, int offset, int count, CoapEndpoint source, int timeoutMilliseconds)
            {
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
                Interlocked.Increment(ref Wakes);
                Inner.Wake();
            }
        }

        /// <summary>A resource whose PUT says it changed, as a PUT of a new value does.</summary>
        public sealed class ChangingResource : CoapResource
        {
            /// <summary>Creates it at "change".</summary>
            public ChangingResource()
                : base("change", CoapMethods.Put)
            {
            }

            /// <inheritdoc/>
            public override void Put(CoapMessage request, CoapResponse response)
            {
                Changed();
            }
        }

        /// <summary>A resource whose GET blocks until released.</summary>
        public sealed class BlockingResource : CoapResource
        {
            /// <summary>Set when GET has started.</summary>
            public readonly ManualResetEvent Entered = new ManualResetEvent(false);

            /// <summary>Set to let GET return.</summary>
            public readonly ManualResetEvent Release = new ManualResetEvent(false);

            /// <summary>Creates it at "block".</summary>
            public BlockingResource()
                : base("block", CoapMethods.Get)
            {
            }

            /// <inheritdoc/>
            public override void Get(CoapMessage request, CoapResponse response)
            {
                Entered.Set();
                Release.WaitOne();
            }
        }

        [TestMethod]
        public void ATransportThatReturnsAtOnceDoesNotMakeTheLoopSpin()
        {
            EarlyReturningTransport transport = new EarlyReturningTransport();
            CoapServerOptions options = new CoapServerOptions();
            options.ReceivePollMilliseconds = 50;
            CoapServer server = new CoapServer(transport, new FakeClock(), new RepeatingRandom(1), options);
            server.Start();
            Thread.Sleep(500);
            Assert.IsTrue(server.Stop(5000));

            // About 10 turns of 50 ms in 500 ms; a spinning loop makes millions of calls.
            Assert.IsTrue(transport.Calls >= 2, transport.Calls.ToString());
            Assert.IsTrue(transport.Calls <= 40, transport.Calls.ToString());
        }

        [TestMethod]
        public void ChangedWakesALoopThatWouldWaitAMinute()
        {
            ServerHarness h = SlowPolling();
            h.Register(0x100, new byte[] { 1 });
            CoapServer server = h.Server;
            server.Start();
            h.Transport.ClearSent();
            h.Observed.Set(42);
            for (int i = 0; i < 500 && h.Transport.SentCount == 0; i++)
            {
                Thread.Sleep(10);
            }

            Assert.IsTrue(server.Stop(5000));
            Assert.AreEqual(1, h.Transport.SentCount);
            Assert.AreEqual("42", ServerHarness.PayloadText(ServerHarness.Parse(h.Transport.Sent(0))));
        }

        [TestMethod]
        public void StopWakesALoopThatWouldWaitAMinute()
        {
            ServerHarness h = SlowPolling();
            CoapServer server = h.Server;
            server.Start();
            Thread.Sleep(50);
            Assert.IsTrue(server.Stop(5000));
            Assert.IsFalse(server.IsRunning);
        }

        [TestMethod]
        public void OnlyOneLoopRunsAtATime()
        {
            ServerHarness h = new ServerHarness(8);
            h.Server.Start();
            Assert.ThrowsException(typeof(InvalidOperationException), () => h.Server.Start());
            Assert.ThrowsException(typeof(InvalidOperationException), () => h.Server.Poll(0));
            Assert.IsTrue(h.Server.Stop(5000));
            Assert.IsFalse(h.Server.Poll(0));
        }

        [TestMethod]
        public void AServerRestartsAfterStop()
        {
            ServerHarness h = new ServerHarness(8);
            h.Server.Start();
            Assert.IsTrue(h.Server.Stop(5000));
            h.Transport.Inject(Hex.Parse("40 01 00 01 B4 74 65 73 74"), h.Client);
            h.Server.Start();
            for (int i = 0; i < 500 && h.Transport.SentCount == 0; i++)
            {
                Thread.Sleep(10);
            }

            Assert.IsTrue(h.Server.Stop(5000));
            Assert.AreEqual(1, h.Transport.SentCount);
        }

        [TestMethod]
        public void AStopThatTimedOutLeavesAServerThatStartsOnceItsLoopHasEnded()
        {
            ServerHarness h = new ServerHarness(8);
            BlockingResource blocking = new BlockingResource();
            h.Server.Add(blocking);
            h.Transport.Inject(Hex.Parse("40 01 00 01 B5 62 6C 6F 63 6B"), h.Client);
            h.Server.Start();
            Assert.IsTrue(blocking.Entered.WaitOne(5000, false));
            Assert.IsFalse(h.Server.Stop(50));
            Assert.ThrowsException(typeof(InvalidOperationException), () => h.Server.Start());
            blocking.Release.Set();
            Assert.IsTrue(h.Server.Stop(5000));
            h.Server.Start();
            Assert.IsTrue(h.Server.Stop(5000));
        }

        [TestMethod]
        public void LoopSurvivesTransportFaultsAndStops()
        {
            FailingTransport transport = new FailingTransport();
            CoapServer server = new CoapServer(transport, new FakeClock(), new RepeatingRandom(1), new CoapServerOptions());
            server.Start();
            for (int i = 0; i < 500 && server.Counters.LoopFaults < 3; i++)
            {
                Thread.Sleep(10);
            }

            Assert.IsTrue(server.Stop(5000));
            Assert.IsTrue(server.Counters.LoopFaults >= 3);
        }

        [TestMethod]
        public void AChangeIsNotifiedAfterAFaultEarlierInTheSameService()
        {
            // A separate response is sent before notifications; when that throws (here the host's trace
            // hook), the change signalled in the same turn still reaches the observer on the next turn.
            ServerHarness h = new ServerHarness(8);
            CoapEndpoint observer = ServerHarness.Endpoint(1);
            CoapEndpoint waiting = ServerHarness.Endpoint(2);
            h.Turn(Requests.Register(0x0100, new byte[] { 0x0B }), observer);
            Assert.AreEqual(0, h.Turn(Requests.Get(CoapMessageType.NonConfirmable, 0x0200, new byte[] { 0x5E }, "sep", -1, -1), waiting).Length);
            FaultingTrace trace = new FaultingTrace();
            h.Server.Trace = trace;
            h.Separate.SeparateReady(h.Separate.Ticket);
            h.Observed.Set(42);
            trace.Armed = true;
            bool faulted = false;
            try
            {
                h.Turn();
            }
            catch (InvalidOperationException)
            {
                faulted = true;
            }

            Assert.IsTrue(faulted);
            byte[][] sent = h.Turn();
            Assert.AreEqual(1, sent.Length);
            Assert.IsTrue(h.Transport.SentTo(0).SameAs(observer));
            Assert.AreEqual("42", ServerHarness.PayloadText(ServerHarness.Parse(sent[0])));
        }

        // The harness with a poll interval of a minute: only a wake-up makes the loop turn sooner.
        private static ServerHarness SlowPolling()
        {
            return new ServerHarness(8, new RepeatingRandom(7, 500), 4, 60000);
        }

        [TestMethod]
        public void StartedServerAnswersAndStops()
        {
            ServerHarness h = new ServerHarness(8);
            h.Transport.Inject(Hex.Parse("40 01 00 01 B4 74 65 73 74"), h.Client);
            h.Server.Start();
            for (int i = 0; i < 500 && h.Transport.SentCount == 0; i++)
            {
                Thread.Sleep(10);
            }

            Assert.IsTrue(h.Server.Stop(5000));
            Assert.AreEqual(1, h.Transport.SentCount);
        }
    
        [TestMethod]
        public void AChangeFromAHandlerOnTheLoopThreadNeedsNoWakeUp()
        {
            // The loop looks at its work right after answering; only other threads wake it.
            WakeCountingTransport transport = new WakeCountingTransport();
            ChangingResource resource = new ChangingResource();
            CoapServer server = new CoapServer(transport, new FakeClock(), new RepeatingRandom(7), null);
            server.Add(resource);
            server.Start();
            transport.Inner.Inject(Hex.Parse("40 03 00 01 B6 63 68 61 6E 67 65"), ServerHarness.Endpoint(1));
            for (int i = 0; i < 500 && transport.Inner.SentCount == 0; i++)
            {
                Thread.Sleep(10);
            }

            Assert.AreEqual(1, transport.Inner.SentCount);
            Assert.AreEqual(0, transport.Wakes);
            resource.Changed();
            Assert.AreEqual(1, transport.Wakes);
            Assert.IsTrue(server.Stop(5000));
        }
    }
}
