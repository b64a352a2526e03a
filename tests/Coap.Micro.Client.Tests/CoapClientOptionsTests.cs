using System;
using Coap.Micro;
using nanoFramework.TestFramework;
using ThermoDev.Tests.Server;

namespace ThermoDev.Tests.Client
{
    /// <summary>The client's options are checked when it is created, and it keeps its own copy.</summary>
    [TestClass]
    public class CoapClientOptionsTests
    {
        [TestMethod]
        [DataRow("MaxExchanges", 0)]
        [DataRow("MaxExchanges", 257)]
        [DataRow("MaxMessageSize", 63)]
        [DataRow("MaxOptions", 0)]
        [DataRow("TokenLength", 0)]
        [DataRow("TokenLength", 9)]
        [DataRow("NStart", 0)]
        [DataRow("ResponseTimeoutMilliseconds", 0)]
        [DataRow("DeduplicationEntries", 0)]
        [DataRow("ReregistrationDelayMilliseconds", -1)]
        [DataRow("MaxBlockRestarts", 17)]
        [DataRow("ReceivePollMilliseconds", 0)]
        public void AValueOutOfRangeIsRefusedByName(string name, int value)
        {
            CoapClientOptions options = new CoapClientOptions();
            Set(options, name, value);
            try
            {
                new CoapClient(new InMemoryTransport(), new FakeClock(), new RepeatingRandom(1), options);
                Assert.IsTrue(false, "no exception");
            }
            catch (ArgumentOutOfRangeException e)
            {
                Assert.AreEqual(name, e.ParamName);
            }
        }

        [TestMethod]
        public void TheClientKeepsACopy()
        {
            CoapClientOptions options = new CoapClientOptions();
            CoapClient client = new CoapClient(new InMemoryTransport(), new FakeClock(), new RepeatingRandom(1), options);
            options.MaxExchanges = 99;
            Assert.AreEqual(4, client.Options.MaxExchanges);
        }

        [TestMethod]
        public void NullArgumentsAreRefused()
        {
            Assert.ThrowsException(typeof(ArgumentNullException), () => { new CoapClient(null, new FakeClock(), new RepeatingRandom(1), null); });
        }

        [TestMethod]
        public void ABlockSizeThatIsNotAPowerOfTwoFrom16To1024IsRefused()
        {
            CoapRequest request = new CoapRequest();
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => { request.BlockSize = 100; });
            request.BlockSize = 1024;
            request.BlockSize = 0;
        }

        private static void Set(CoapClientOptions options, string name, int value)
        {
            if (name == "MaxExchanges") options.MaxExchanges = value;
            if (name == "MaxMessageSize") options.MaxMessageSize = value;
            if (name == "MaxOptions") options.MaxOptions = value;
            if (name == "TokenLength") options.TokenLength = value;
            if (name == "NStart") options.NStart = value;
            if (name == "ResponseTimeoutMilliseconds") options.ResponseTimeoutMilliseconds = value;
            if (name == "DeduplicationEntries") options.DeduplicationEntries = value;
            if (name == "ReregistrationDelayMilliseconds") options.ReregistrationDelayMilliseconds = value;
            if (name == "MaxBlockRestarts") options.MaxBlockRestarts = value;
            if (name == "ReceivePollMilliseconds") options.ReceivePollMilliseconds = value;
        }
    }
}
