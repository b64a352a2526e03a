using System;
using System.Linq;
using System.Net;
using Coap.Micro;
using Coap.Micro.Dotnet;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Tests.Server;

namespace ThermoDev.HostTests.Allocation
{
    /// <summary>Discovery, blocks and conditional GETs through the .NET UDP transport allocate nothing on the server thread.</summary>
    [TestClass]
    public class BlockwiseAllocationTests
    {
        private const int WarmUp = 30_000;
        private const int Measured = 30_000;

        public TestContext TestContext { get; set; }

        private static byte[] Request(RequestBuilder builder) => builder.ToArray();

        [TestMethod]
        [Timeout(180_000, CooperativeCancellation = true)]
        public void DiscoveryOfSixteenResourcesAllocatesNothing()
        {
            using var transport = new DotnetUdpTransport(new IPEndPoint(IPAddress.Loopback, 0));
            var server = new CoapServer(transport, new MonotonicClock(), new CoapRandom(new Random(5)), new CoapServerOptions());
            for (int i = 0; i < 16; i++)
            {
                server.Add(new DescribedResource($"sensors/s{i}", $"type-{i % 4} shared", "core.s", i % 2 == 0 ? 0 : 50, 100 + i, i % 3 == 0, $"Sensor {i}"));
            }

            // The whole list (about 1,300 bytes) block by block: block 0 by late negotiation, the others
            // asked for in 64-byte blocks; and filters.
            long length = ListLength(server);
            var requests = new System.Collections.Generic.List<byte[]>();
            requests.Add(Request(RequestBuilder.Get(0).Path(".well-known/core")));
            for (int num = 1; num * 64 < length; num++)
            {
                requests.Add(Request(RequestBuilder.Get(0).Path(".well-known/core").Block(CoapOption.Block2, num, false, 2)));
            }

            requests.Add(Request(RequestBuilder.Get(0).Path(".well-known/core").Query("rt=type-1")));
            requests.Add(Request(RequestBuilder.Get(0).Path(".well-known/core").Query("href=/sensors/s1*").Query("obs")));
            requests.Add(Request(RequestBuilder.Get(0).Path(".well-known/core").Query("sz=*").Block(CoapOption.Block2, 3, false, 0)));

            Assert.IsGreaterThan(1_000L, length);
            using (var load = new LockStepLoad(server, transport.LocalEndPoint.Port, requests.ToArray()))
            {
                long allocated = load.MeasureAfterWarmUp(WarmUp, Measured);
                TestContext.WriteLine($"{allocated} bytes over {Measured} discovery requests ({length}-byte list)");
                Assert.AreEqual(0L, allocated, $"{allocated} bytes over {Measured} requests");
            }
        }

        [TestMethod]
        [Timeout(180_000, CooperativeCancellation = true)]
        public void BlocksAndConditionalGetsAllocateNothing()
        {
            using var transport = new DotnetUdpTransport(new IPEndPoint(IPAddress.Loopback, 0));
            var server = new CoapServer(transport, new MonotonicClock(), new CoapRandom(new Random(6)), new CoapServerOptions());
            server.Add(new SizedResource("big", 1000) { Tagged = true });

            // Every 64-byte block in turn, the first with Size2, early negotiation, 16-byte blocks, and a GET
            // naming the current ETag (2.03).
            var requests = Enumerable.Range(0, 16)
                .Select(num => Request(RequestBuilder.Get(0).Path("big").Block(CoapOption.Block2, num, false, 2)))
                .Append(Request(RequestBuilder.Get(0).Path("big").UInt(CoapOption.Size2, 0)))
                .Append(Request(RequestBuilder.Get(0).Path("big").Block(CoapOption.Block2, 0, false, 6)))
                .Append(Request(RequestBuilder.Get(0).Path("big").Block(CoapOption.Block2, 61, false, 0)))
                .Append(Request(RequestBuilder.Get(0).Option(CoapOption.ETag, new byte[] { 0x40 }).Path("big")))
                .ToArray();
            using (var load = new LockStepLoad(server, transport.LocalEndPoint.Port, requests))
            {
                long allocated = load.MeasureAfterWarmUp(WarmUp, Measured);
                TestContext.WriteLine($"{allocated} bytes over {Measured} block requests");
                Assert.AreEqual(0L, allocated, $"{allocated} bytes over {Measured} requests");
            }
        }

        // The length of the whole list: every link as the link format writes it, comma-separated.
        private static long ListLength(CoapServer server)
        {
            long length = 0;
            for (int i = 0; i < server.ResourceCount; i++)
            {
                length += (i > 0 ? 1 : 0) + Link(server.GetResource(i)).Length;
            }

            return length;
        }

        private static string Link(CoapResource r) =>
            $"</{r.Path}>;rt=\"{r.ResourceType}\";if=\"{r.InterfaceDescription}\";ct={r.ContentFormat};sz={r.SizeEstimate}" + (r.Observable ? ";obs" : "") + $";title=\"{r.Title}\"";
    }
}
