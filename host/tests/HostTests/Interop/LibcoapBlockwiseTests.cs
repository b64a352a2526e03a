using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using Coap.Micro;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Tests.Server;

namespace ThermoDev.HostTests.Interop
{
    /// <summary>Block-wise transfer (RFC 7959) over real UDP with libcoap's client: Block2 both ways of negotiating, Block1, Observe.</summary>
    [TestClass]
    public class LibcoapBlockwiseTests
    {
        // A send buffer of 128 bytes: a 1,000-byte representation can only go in blocks.
        private static CoapServerOptions SmallBuffer() => new CoapServerOptions { MaxResponseSize = 128, ReceivePollMilliseconds = 50 };

        private static byte[] Fetch(LoopbackServer server, string path, params string[] arguments)
        {
            string output = Path.Combine(Path.GetTempPath(), $"coap-block-{Guid.NewGuid():N}.bin");
            try
            {
                var result = CoapClient.Run(arguments.Concat(new[] { "-B", "10", "-o", output, server.Uri(path) }).ToArray());
                Assert.IsTrue(File.Exists(output), result.Stdout + result.Stderr);
                return File.ReadAllBytes(output);
            }
            finally
            {
                File.Delete(output);
            }
        }

        [TestMethod]
        [DataRow("16")]
        [DataRow("64")]
        [DataRow("1024")]
        public void EarlyNegotiationReassemblesARepresentationLargerThanTheSendBuffer(string blockSize)
        {
            var big = new SizedResource("big", 1000) { Tagged = true };
            using var server = new LoopbackServer(IPAddress.IPv6Loopback, SmallBuffer(), null, big);
            CollectionAssert.AreEqual(SizedResource.Expected(1000, 0), Fetch(server, "big", "-m", "get", "-b", blockSize));
            int served = Math.Min(int.Parse(blockSize), 64);
            Assert.AreEqual((1000 + served - 1) / served, big.Runs);
        }

        [TestMethod]
        public void LateNegotiationReassemblesToo()
        {
            var big = new SizedResource("big", 1000);
            using var server = new LoopbackServer(IPAddress.Loopback, SmallBuffer(), null, big);
            CollectionAssert.AreEqual(SizedResource.Expected(1000, 0), Fetch(server, "big", "-m", "get"));
            Assert.AreEqual(16, big.Runs);
        }

        [TestMethod]
        public void APutInBlocksIsAssembledBeforeTheHandlerRuns()
        {
            var upload = new AssemblingResource("up", 2000);
            using var server = new LoopbackServer(IPAddress.IPv6Loopback, null, null, upload);
            string body = Path.Combine(Path.GetTempPath(), $"coap-body-{Guid.NewGuid():N}.txt");
            byte[] text = Enumerable.Range(0, 300).Select(i => (byte)('a' + i % 26)).ToArray();
            File.WriteAllBytes(body, text);
            try
            {
                var result = CoapClient.Run("-m", "put", "-B", "10", "-b", "16", "-f", body, server.Uri("up"));
                Assert.AreEqual(0, result.ExitCode, result.Stderr);
                Assert.AreEqual(1, upload.Runs, result.Stdout + result.Stderr);
                CollectionAssert.AreEqual(text, upload.Body);

                // A resource that takes no blocks refuses them with 4.13.
                var refused = CoapClient.Run("-m", "put", "-B", "10", "-b", "16", "-f", body, server.Uri("test"));
                StringAssert.Contains(refused.Stdout + refused.Stderr, "4.13");
                Assert.AreEqual(0, server.Text.Puts);
            }
            finally
            {
                File.Delete(body);
            }
        }

        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void AnObserverOfALargeResourceGetsEveryWholeRepresentation()
        {
            // RFC 7959 §2.6: each notification carries block 0; libcoap fetches the rest.
            var big = new SizedResource("big", 1000) { Tagged = true };
            using var server = new LoopbackServer(IPAddress.IPv6Loopback, SmallBuffer(), null, big);
            string output = Path.Combine(Path.GetTempPath(), $"coap-observe-{Guid.NewGuid():N}.bin");
            try
            {
                var client = CoapClient.Start("-m", "get", "-s", "4", "-B", "8", "-b", "16", "-o", output, server.Uri("big"));
                var wait = System.Diagnostics.Stopwatch.StartNew();
                while (server.Server.Counters.Observers == 0 && wait.ElapsedMilliseconds < 10_000)
                {
                    Thread.Sleep(20);
                }

                Assert.AreEqual(1, server.Server.Counters.Observers, "the client did not register");
                Thread.Sleep(500);
                big.Revise();
                var result = client.Finish(TimeSpan.FromSeconds(20));
                byte[] expected = SizedResource.Expected(1000, 0).Concat(SizedResource.Expected(1000, 1)).ToArray();
                CollectionAssert.AreEqual(expected, File.ReadAllBytes(output), result.Stderr);
            }
            finally
            {
                File.Delete(output);
            }
        }
    }
}
