using System;
using Coap.Micro;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.Server
{
    /// <summary>Options are checked when the server is created; the server keeps its own copy.</summary>
    [TestClass]
    public class CoapServerOptionsTests
    {
        [TestMethod]
        [DataRow(0, 63)]
        [DataRow(0, 65508)]
        [DataRow(0, 2147483647)]
        [DataRow(1, 63)]
        [DataRow(1, 2147483647)]
        [DataRow(2, 0)]
        [DataRow(2, 2147483647)]
        [DataRow(3, 0)]
        [DataRow(3, 65)]
        [DataRow(4, 15)]
        [DataRow(4, 256)]
        [DataRow(5, 0)]
        [DataRow(5, 2147483647)]
        [DataRow(6, -1)]
        [DataRow(6, 2147483647)]
        [DataRow(7, 0)]
        [DataRow(7, 256)]
        [DataRow(8, -1)]
        [DataRow(8, 31)]
        [DataRow(9, 0)]
        [DataRow(9, -5)]
        [DataRow(9, 60001)]
        [DataRow(10, 0)]
        [DataRow(10, 8)]
        [DataRow(10, 48)]
        [DataRow(10, 2048)]
        [DataRow(11, -1)]
        [DataRow(11, 65536)]
        public void AnOptionOutOfRangeIsRefusedByName(int option, int value)
        {
            CoapServerOptions options = new CoapServerOptions();
            Set(options, option, value);
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => options.Validate());
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException),
                () => new CoapServer(new InMemoryTransport(), new FakeClock(), new RepeatingRandom(1), options));
            try
            {
                options.Validate();
            }
            catch (ArgumentOutOfRangeException e)
            {
                Assert.AreEqual(Name(option), e.ParamName);
            }
        }

        [TestMethod]
        public void DefaultsAndLimitsAreAccepted()
        {
            new CoapServerOptions().Validate();
            CoapServerOptions small = new CoapServerOptions();
            small.MaxRequestSize = 64;
            small.MaxResponseSize = 64;
            small.MaxOptions = 1;
            small.MaxResponseOptions = 1;
            small.ResponseOptionBytes = 16;
            small.DeduplicationEntries = 1;
            small.MaxObservers = 0;
            small.NotificationConfirmableEvery = 1;
            small.MaxSeparateResponses = 0;
            small.ReceivePollMilliseconds = 1;
            small.BlockSize = 16;
            small.Discovery = false;
            small.ReplayCacheBytes = 0;
            Assert.IsNotNull(new CoapServer(new InMemoryTransport(), new FakeClock(), new RepeatingRandom(1), small));
            for (int size = 16; size <= 1024; size *= 2)
            {
                CoapServerOptions options = new CoapServerOptions();
                options.BlockSize = size;
                options.Validate();
            }
        }

        [TestMethod]
        public void BlockSizeAndDiscoveryDefaultsAndCopies()
        {
            CoapServerOptions options = new CoapServerOptions();
            Assert.AreEqual(64, options.BlockSize);
            Assert.IsTrue(options.Discovery);
            options.BlockSize = 256;
            options.Discovery = false;
            CoapServerOptions copy = options.Copy();
            Assert.AreEqual(256, copy.BlockSize);
            Assert.IsFalse(copy.Discovery);
        }

        [TestMethod]
        public void TheDefaultsSuitASmallBoard()
        {
            CoapServerOptions options = new CoapServerOptions();
            Assert.AreEqual(512, options.MaxRequestSize);
            Assert.AreEqual(512, options.MaxResponseSize);
            Assert.AreEqual(4, options.MaxObservers);
            Assert.AreEqual(32, options.DeduplicationEntries);
            Assert.AreEqual(128, options.ReplayCacheBytes);
            Assert.AreEqual(128, options.Copy().ReplayCacheBytes);
        }

        [TestMethod]
        public void ATransportWithoutAUsableEndpointLengthIsRefused()
        {
            CoapServerLoopTests.EarlyReturningTransport transport = new CoapServerLoopTests.EarlyReturningTransport();
            transport.EndpointLength = 33;
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new CoapServer(transport, new FakeClock(), new RepeatingRandom(1), null));
            transport.EndpointLength = 0;
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new CoapServer(transport, new FakeClock(), new RepeatingRandom(1), null));
        }

        [TestMethod]
        public void TheServerKeepsItsOwnCopy()
        {
            CoapServerOptions options = new CoapServerOptions();
            options.MaxObservers = 3;
            CoapServer server = new CoapServer(new InMemoryTransport(), new FakeClock(), new RepeatingRandom(1), options);
            options.MaxObservers = 99;
            server.Options.MaxObservers = 77;
            Assert.AreEqual(3, server.Options.MaxObservers);
        }

        [TestMethod]
        public void EveryOptionIsReadBackFromWhatItSized()
        {
            // The server keeps no copy of its options: each comes back from the buffer or table it sized.
            CoapServerOptions options = new CoapServerOptions();
            options.MaxRequestSize = 300;
            options.MaxResponseSize = 400;
            options.MaxOptions = 7;
            options.MaxResponseOptions = 9;
            options.ResponseOptionBytes = 40;
            options.DeduplicationEntries = 5;
            options.ReplayCacheBytes = 0;
            options.MaxObservers = 6;
            options.NotificationConfirmableEvery = 3;
            options.MaxSeparateResponses = 4;
            options.BlockSize = 256;
            options.Discovery = false;
            options.ReceivePollMilliseconds = 77;
            CoapServerOptions read = new CoapServer(new InMemoryTransport(), new FakeClock(), new RepeatingRandom(1), options).Options;
            Assert.AreEqual(300, read.MaxRequestSize);
            Assert.AreEqual(400, read.MaxResponseSize);
            Assert.AreEqual(7, read.MaxOptions);
            Assert.AreEqual(9, read.MaxResponseOptions);
            Assert.AreEqual(40, read.ResponseOptionBytes);
            Assert.AreEqual(5, read.DeduplicationEntries);
            Assert.AreEqual(0, read.ReplayCacheBytes);
            Assert.AreEqual(6, read.MaxObservers);
            Assert.AreEqual(3, read.NotificationConfirmableEvery);
            Assert.AreEqual(4, read.MaxSeparateResponses);
            Assert.AreEqual(256, read.BlockSize);
            Assert.IsFalse(read.Discovery);
            Assert.AreEqual(77, read.ReceivePollMilliseconds);
            Assert.IsTrue(new CoapServer(new InMemoryTransport(), new FakeClock(), new RepeatingRandom(1), null).Options.Discovery);
        }

        private static void Set(CoapServerOptions options, int option, int value)
        {
            if (option == 0) { options.MaxRequestSize = value; }
            else if (option == 1) { options.MaxResponseSize = value; }
            else if (option == 2) { options.MaxOptions = value; }
            else if (option == 3) { options.MaxResponseOptions = value; }
            else if (option == 4) { options.ResponseOptionBytes = value; }
            else if (option == 5) { options.DeduplicationEntries = value; }
            else if (option == 6) { options.MaxObservers = value; }
            else if (option == 7) { options.NotificationConfirmableEvery = value; }
            else if (option == 8) { options.MaxSeparateResponses = value; }
            else if (option == 9) { options.ReceivePollMilliseconds = value; }
            else if (option == 10) { options.BlockSize = value; }
            else { options.ReplayCacheBytes = value; }
        }

        private static string Name(int option)
        {
            string[] names =
            {
                "MaxRequestSize", "MaxResponseSize", "MaxOptions", "MaxResponseOptions", "ResponseOptionBytes",
                "DeduplicationEntries", "MaxObservers", "NotificationConfirmableEvery", "MaxSeparateResponses", "ReceivePollMilliseconds",
                "BlockSize",
                "ReplayCacheBytes",
            };
            return names[option];
        }
    }
}
