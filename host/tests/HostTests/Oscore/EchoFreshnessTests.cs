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

        private static byte[] ClientRequest(long sequenceNumber, out int length) => ClientRequest(sequenceNumber, PlainGet, out length);

        private static byte[] ClientRequest(long sequenceNumber, byte[] plain, out int length)
        {
            var client = new OscoreProtector(new OscoreSecurityContext(Secret, Salt, ClientId, ServerId, null), 256);
            var wire = new byte[256 + OscoreProtector.MaxOverhead];
            length = client.ProtectRequest(plain, 0, plain.Length, sequenceNumber, wire, 0);
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
        public void AfterTheEchoStepNoOlderRequestIsTakenNotEvenTheChallengedOne()
        {
            // Before the restart the client sent Partial IVs 0 to 6; a listener kept them. After it, 7 is challenged
            // and 8 repeats the Echo value. Appendix B.1.2: 8 becomes the window's lower limit, so nothing at or below
            // it is taken again: not a request recorded before the restart, and not the challenged 7 (its answer would
            // reuse the nonce the 4.01 with Echo was sent with).
            OscoreServerSecurity security = Server(new MemoryStore());
            byte[] challenged = ClientRequest(7, out int challengedLength);
            Assert.IsGreaterThanOrEqualTo(0, security.UnprotectRequest(challenged, challengedLength, new CoapEndpoint()));
            byte[] echo = (byte[])security.EchoChallenge.Clone();

            byte[] repeat = ClientRequest(8, WithEcho(echo), out int repeatLength);
            Assert.IsGreaterThanOrEqualTo(0, security.UnprotectRequest(repeat, repeatLength, new CoapEndpoint()));
            Assert.IsNull(security.EchoChallenge, "the Echo value was repeated: the request is taken");

            for (long partialIv = 0; partialIv <= 8; partialIv++)
            {
                int length;
                byte[] old = partialIv == 7 ? challenged : partialIv == 8 ? repeat : ClientRequest(partialIv, out length);
                length = partialIv == 7 ? challengedLength : partialIv == 8 ? repeatLength : Length(partialIv);

                int result = security.UnprotectRequest(old, length, new CoapEndpoint());
                Assert.AreEqual(-CoapCode.Unauthorized, result, "Partial IV " + partialIv + " must count as a replay");
                Assert.AreSame(OscoreServerSecurity.ReplayDetectedDiagnostic, security.RefusalDiagnostic, "Partial IV " + partialIv);
            }

            Assert.IsGreaterThanOrEqualTo(0, security.UnprotectRequest(ClientRequest(9, out int next), next, new CoapEndpoint()), "a newer request is taken");
        }

        private static int Length(long partialIv)
        {
            ClientRequest(partialIv, out int length);
            return length;
        }

        // GET /temp with an Echo option (252) after Uri-Path (11): delta 241 = 13 + 228.
        private static byte[] WithEcho(byte[] echo)
        {
            var plain = new byte[PlainGet.Length + 2 + echo.Length];
            Array.Copy(PlainGet, plain, PlainGet.Length);
            plain[PlainGet.Length] = (byte)(0xD0 | echo.Length);
            plain[PlainGet.Length + 1] = 228;
            Array.Copy(echo, 0, plain, PlainGet.Length + 2, echo.Length);
            return plain;
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
