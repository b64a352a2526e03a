using System;
using Coap.Micro;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ThermoDev.HostTests.Allocation
{
    /// <summary>
    /// What each observer and each waiting separate response costs, measured as the bytes a server's
    /// construction allocates with more of them. The tables are arrays of primitives, so the figure is
    /// the same on nanoFramework's 32-bit heap apart from array headers.
    /// </summary>
    [TestClass]
    public class ServerFootprintTests
    {
        public TestContext TestContext { get; set; }

        [TestMethod]
        public void AnObserverCostsLessThanOneHundredBytes()
        {
            long perObserver = (Constructed(new CoapServerOptions { MaxObservers = 1_000 }) - Constructed(new CoapServerOptions { MaxObservers = 0 })) / 1_000;
            TestContext.WriteLine($"bytes per observer (relation and its confirmable state): {perObserver}");
            Assert.IsLessThan(100L, perObserver);
            Assert.IsGreaterThanOrEqualTo(32L, perObserver, "an observer keeps at least its endpoint");
        }

        [TestMethod]
        public void AWaitingSeparateResponseCostsLessThanEightyBytes()
        {
            long perSlot = (Constructed(new CoapServerOptions { MaxSeparateResponses = 30 }) - Constructed(new CoapServerOptions { MaxSeparateResponses = 0 })) / 30;
            TestContext.WriteLine($"bytes per separate response (request and its confirmable state): {perSlot}");
            Assert.IsLessThan(80L, perSlot);
        }

        private static long Constructed(CoapServerOptions options)
        {
            var transport = new InMemoryTransport();
            var clock = new FixedClock();
            var random = new CoapRandom(new Random(1));
            new CoapServer(transport, clock, random, options);
            long before = GC.GetAllocatedBytesForCurrentThread();
            new CoapServer(transport, clock, random, options);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        private sealed class FixedClock : ICoapClock
        {
            public long NowMilliseconds => 0;
        }
    }
}
