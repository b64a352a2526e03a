using System.Net;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Tests.Server;

namespace ThermoDev.HostTests.Interop
{
    /// <summary>ETag, If-Match and If-None-Match (RFC 7252 §5.10.6, §5.10.8) sent by libcoap's client with -O.</summary>
    [TestClass]
    public class LibcoapConditionalTests
    {
        // VersionedResource's ETag is E0 and its version.
        private const string Current = "0xe001";
        private const string Stale = "0xe000";

        private static (LoopbackServer Server, VersionedResource Doc) Start()
        {
            var doc = new VersionedResource();
            return (new LoopbackServer(IPAddress.IPv6Loopback, null, null, doc), doc);
        }

        [TestMethod]
        public void AGetWithTheCurrentETagIsValidWithoutPayload()
        {
            var (server, doc) = Start();
            using (server)
            {
                var valid = CoapClient.Run("-m", "get", "-B", "10", "-O", "4," + Current, server.Uri("doc"));
                Assert.AreEqual("", valid.Stdout.Trim(), valid.Stderr);
                var stale = CoapClient.Run("-m", "get", "-B", "10", "-O", "4," + Stale, server.Uri("doc"));
                Assert.AreEqual("v1", stale.Stdout.Trim(), stale.Stderr);
                Assert.AreEqual(2, server.Server.Counters.Success);
            }
        }

        [TestMethod]
        public void IfMatchLetsOnlyAnUpToDatePutThrough()
        {
            var (server, doc) = Start();
            using (server)
            {
                var stale = CoapClient.Run("-m", "put", "-B", "10", "-O", "1," + Stale, "-e", "lost", server.Uri("doc"));
                StringAssert.Contains(stale.Stdout + stale.Stderr, "4.12");
                Assert.AreEqual(0, doc.Puts);

                var current = CoapClient.Run("-m", "put", "-B", "10", "-O", "1," + Current, "-e", "kept", server.Uri("doc"));
                Assert.AreEqual("", (current.Stdout + current.Stderr).Trim());
                Assert.AreEqual(1, doc.Puts);
                Assert.AreEqual("kept", CoapClient.Run("-m", "get", "-B", "10", server.Uri("doc")).Stdout.Trim());
            }
        }

        [TestMethod]
        public void IfNoneMatchCreatesOnlyWhatDoesNotExist()
        {
            var (server, doc) = Start();
            using (server)
            {
                var exists = CoapClient.Run("-m", "put", "-B", "10", "-O", "5", "-e", "again", server.Uri("doc"));
                StringAssert.Contains(exists.Stdout + exists.Stderr, "4.12");
                Assert.AreEqual(0, doc.Puts);

                CoapClient.Run("-m", "delete", "-B", "10", server.Uri("doc"));
                var created = CoapClient.Run("-m", "put", "-B", "10", "-O", "5", "-e", "fresh", server.Uri("doc"));
                Assert.AreEqual("", (created.Stdout + created.Stderr).Trim());
                Assert.AreEqual(1, doc.Puts);
                Assert.IsTrue(doc.Present);
            }
        }
    }
}
