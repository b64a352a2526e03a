using System;
using System.IO;
using Coap.Micro;
using Coap.Micro.Oscore;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ThermoDev.HostTests.Oscore
{
    /// <summary>
    /// The Echo value a server asks for after a start (RFC 8613 Appendix B.1.2, RFC 9175 §2.4) must be one it never
    /// asked for before, or a request recorded before a restart could be replayed with it. It comes from the sender
    /// sequence; when that has no number to give (its store fails, or it is used up), no Echo may be offered.
    /// </summary>
    [TestClass]
    public class EchoFreshnessTests
    {
        private static readonly byte[] Secret = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
        private static readonly byte[] Salt = { 9, 8, 7, 6, 5, 4, 3, 2 };
        private static readonly byte[] ServerId = { 0x01 };
        private static readonly byte[] ClientId = { 0x02 };

        // CON GET /temp, Message ID 0x1234, no token.
        private static readonly byte[] PlainGet = { 0x40, 0x01, 0x12, 0x34, 0xB4, (byte)'t', (byte)'e', (byte)'m', (byte)'p' };

        private sealed class MemoryStore : ISequenceNumberStore
        {
            internal long Value;
            internal bool Fail;

            public long Load() => Value;

            public void Store(long value)
            {
                if (Fail)
                {
                    throw new IOException("flash write failed");
                }

                Value = value;
            }
        }

        private static OscoreServerSecurity Server(MemoryStore store)
        {
            var security = new OscoreServerSecurity(1);
            security.Add(new OscoreSecurityContext(Secret, Salt, ServerId, ClientId, null), new OscoreSenderSequence(store, 4));
            security.Attach(256, 256, 2);
            return security;
        }

        private static byte[] ClientRequest(long sequenceNumber, out int length)
        {
            var client = new OscoreProtector(new OscoreSecurityContext(Secret, Salt, ClientId, ServerId, null), 256);
            var wire = new byte[256 + OscoreProtector.MaxOverhead];
            length = client.ProtectRequest(PlainGet, 0, PlainGet.Length, sequenceNumber, wire, 0);
            Assert.IsGreaterThan(0, length, "the client protects the request");
            return wire;
        }

        [TestMethod]
        public void AWorkingStoreGivesADifferentEchoAfterEachStart()
        {
            var store = new MemoryStore();
            byte[] request = ClientRequest(0, out int length);

            OscoreServerSecurity first = Server(store);
            Assert.IsGreaterThanOrEqualTo(0, first.UnprotectRequest(request, length, new CoapEndpoint()));
            byte[] firstEcho = (byte[])first.EchoChallenge.Clone();

            OscoreServerSecurity second = Server(store);
            Assert.IsGreaterThanOrEqualTo(0, second.UnprotectRequest(request, length, new CoapEndpoint()));

            CollectionAssert.AreNotEqual(firstEcho, second.EchoChallenge, "a restart must not ask for the same Echo value again");
        }

        [TestMethod]
        public void AFailingStoreOffersNoEchoAndTheRequestIsRefused()
        {
            var store = new MemoryStore { Fail = true };
            byte[] request = ClientRequest(0, out int length);

            OscoreServerSecurity security = Server(store);
            int result = security.UnprotectRequest(request, length, new CoapEndpoint());

            Assert.IsNull(security.EchoChallenge, "without a number never used, any Echo value could repeat one of an earlier start");
            Assert.AreEqual(-CoapCode.ServiceUnavailable, result, "the request is refused, not processed");
        }

        [TestMethod]
        public void AUsedUpSequenceOffersNoEchoAndTheRequestIsRefused()
        {
            var store = new MemoryStore { Value = OscoreSecurityContext.MaxPartialIv + 1 };
            byte[] request = ClientRequest(0, out int length);

            OscoreServerSecurity security = Server(store);
            int result = security.UnprotectRequest(request, length, new CoapEndpoint());

            Assert.IsNull(security.EchoChallenge);
            Assert.AreEqual(-CoapCode.ServiceUnavailable, result);
        }
    }
}
