using System;
using Coap.Micro;
using Coap.Micro.Oscore;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Support;

namespace ThermoDev.HostTests.Footprint
{
    /// <summary>
    /// What OSCORE (RFC 8613) keeps on nanoFramework's heap, by <see cref="NanoHeapWalker"/>: the server's
    /// <see cref="OscoreServerSecurity"/> at the server's default sizes, per context, and its parts on their own.
    /// Each figure is printed and bounded: a test fails when it grows past the figure in BENCHMARKS.md.
    /// </summary>
    [TestClass]
    public class OscoreFootprintTests
    {
        /// <summary>OscoreServerSecurity with one context, attached to a server at default options (512-byte messages).</summary>
        public const int SecurityWithOneContext = 4_284;

        /// <summary>Each context beyond the first: its context, protector, replay window and sender sequence.</summary>
        public const int PerContext = 2_172;

        /// <summary>One OscoreSecurityContext (8-byte IDs, no ID Context): keys, Common IV, IDs.</summary>
        public const int SecurityContext = 240;

        /// <summary>One OscoreProtector for 512-byte messages: two AES-CCM key schedules, nonce, AAD and plaintext buffers.</summary>
        public const int Protector = 1_716;

        /// <summary>One OscoreReplayWindow (RFC 8613 §7.4, 32 Partial IVs).</summary>
        public const int ReplayWindow = 36;

        /// <summary>One OscoreSenderSequence (its store is the application's).</summary>
        public const int SenderSequence = 60;

        /// <summary>What setting <see cref="CoapServer.Security"/> adds to the server itself: nothing (the per-slot state is the OSCORE object's).</summary>
        public const int ServerHook = 0;

        private static readonly byte[] Secret = new byte[16];
        private static readonly byte[] Salt = new byte[8];

        public TestContext TestContext { get; set; }

        [TestMethod]
        public void TheServersOscoreKeepsWhatBenchmarksSays()
        {
            NanoHeapWalker one = Secured(1, out _);
            TestContext.WriteLine(one.Describe());
            NanoHeapWalker two = Secured(2, out _);
            int perContext = two.Total - one.Total;
            TestContext.WriteLine($"OscoreServerSecurity with one context at the server's defaults: {one.Total} bytes; each further context {perContext} bytes");
            Assert.IsLessThanOrEqualTo(SecurityWithOneContext, one.Total, "OscoreServerSecurity grew: update BENCHMARKS.md, docs/coap-micro/footprint.md and this figure");
            Assert.IsLessThanOrEqualTo(PerContext, perContext, "a context grew: update BENCHMARKS.md, docs/coap-micro/footprint.md and this figure");
        }

        [TestMethod]
        public void SettingSecurityAddsNothingToTheServer()
        {
            int plain = ServerHeap.Bytes(new CoapServerOptions());
            Secured(1, out CoapServer server);
            var walker = new NanoHeapWalker(RepoPaths.NanoMscorlib, v => ServerHeap.IsForeign(v) || v is ICoapMessageSecurity);
            walker.Add(server, nameof(CoapServer));
            int hook = walker.Total - plain;
            TestContext.WriteLine($"the server with Security set, its OSCORE object not counted: {walker.Total} bytes, {hook} more than without");
            Assert.IsLessThanOrEqualTo(ServerHook, hook);
        }

        [TestMethod]
        public void TheOscorePartsKeepWhatBenchmarksSays()
        {
            var context = Context(new byte[] { 1 });
            int contextBytes = Walk(context, nameof(OscoreSecurityContext));
            int protector = Walk(new OscoreProtector(context, 512), nameof(OscoreProtector), context);
            int window = Walk(new OscoreReplayWindow(), nameof(OscoreReplayWindow));
            int sequence = Walk(new OscoreSenderSequence(new MemoryStore(), OscoreSenderSequence.DefaultBlock), nameof(OscoreSenderSequence));
            TestContext.WriteLine($"OscoreSecurityContext {contextBytes} bytes; OscoreProtector (512-byte messages, its context not counted) {protector}; OscoreReplayWindow {window}; OscoreSenderSequence {sequence}");
            Assert.IsLessThanOrEqualTo(SecurityContext, contextBytes);
            Assert.IsLessThanOrEqualTo(Protector, protector);
            Assert.IsLessThanOrEqualTo(ReplayWindow, window);
            Assert.IsLessThanOrEqualTo(SenderSequence, sequence);
        }

        // The server's OscoreServerSecurity with `contexts` contexts, attached to a server at default options.
        private static NanoHeapWalker Secured(int contexts, out CoapServer server)
        {
            var security = new OscoreServerSecurity(contexts);
            for (int i = 0; i < contexts; i++)
            {
                security.Add(Context(new byte[] { (byte)(i + 1) }), new OscoreSenderSequence(new MemoryStore(), OscoreSenderSequence.DefaultBlock));
            }

            server = new CoapServer(new InMemoryTransport(ServerHeap.DeviceEndpointLength), new ServerHeap.FixedClock(), new CoapRandom(new Random(1)), new CoapServerOptions());
            server.Security = security;
            var walker = new NanoHeapWalker(RepoPaths.NanoMscorlib, v => v is ISequenceNumberStore);
            walker.Add(security, nameof(OscoreServerSecurity));
            return walker;
        }

        private static OscoreSecurityContext Context(byte[] recipientId) =>
            new OscoreSecurityContext(Secret, Salt, new byte[] { 0x53 }, recipientId, null);

        private int Walk(object root, string name, object notCounted = null)
        {
            var walker = new NanoHeapWalker(RepoPaths.NanoMscorlib, v => v is ISequenceNumberStore || ReferenceEquals(v, notCounted));
            walker.Add(root, name);
            TestContext.WriteLine(walker.Describe());
            return walker.Total;
        }

        private sealed class MemoryStore : ISequenceNumberStore
        {
            public long Load() => 0;

            public void Store(long value)
            {
            }
        }
    }
}
