using Coap.Micro;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Support;

namespace ThermoDev.HostTests.Conformance
{
    /// <summary>
    /// Each test description runs against a fresh plugtest server; afterwards every answer it gave is held
    /// to the amplification bound (RFC 7252 §11.3) and added to <see cref="Measured"/>.
    /// </summary>
    public abstract class PlugtestTestBase
    {
        /// <summary>The server under test.</summary>
        protected PlugtestServer Server { get; private set; }

        /// <summary>The client of the test description (192.0.2.1).</summary>
        protected CoapEndpoint Client { get; } = PlugtestServer.Client(1);

        /// <summary>Amplification of every answer of every server this test used.</summary>
        public AmplificationMeter Measured { get; } = new AmplificationMeter();

        [TestInitialize]
        public void StartServer() => Server = new PlugtestServer();

        [TestCleanup]
        public void CheckAmplification() => Finish();

        /// <summary>The server loses all its state, as after a reboot (TD_COAP_OBS_04).</summary>
        protected void Reboot()
        {
            Finish();
            Server = new PlugtestServer();
        }

        private void Finish()
        {
            Measured.Add(Server.Meter);
            Server.CheckAmplification();
        }
    }
}
