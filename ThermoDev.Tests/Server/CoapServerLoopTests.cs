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

        [TestMethod]
        public void LoopSurvivesTransportFaultsAndStops()
        {
            FailingTransport transport = new FailingTransport();
            CoapServer server = new CoapServer(transport, new FakeClock(), new ScriptedRandom(1), new CoapServerOptions());
            server.Start();
            for (int i = 0; i < 500 && server.Counters.LoopFaults < 3; i++)
            {
                Thread.Sleep(10);
            }

            Assert.IsTrue(server.Stop(5000));
            Assert.IsTrue(server.Counters.LoopFaults >= 3);
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
    }
}
