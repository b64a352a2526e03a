using Coap.Micro;
using Coap.Micro.Oscore;
using nanoFramework.TestFramework;
using ThermoDev.Tests.Server;

namespace ThermoDev.Tests.Oscore
{
    /// <summary>
    /// A CoapServer with OscoreServerSecurity (RFC 8613 §8.2, §8.3, §7.4, Appendix B.1.2), driven datagram by datagram
    /// by a client made of an OscoreProtector: the Echo step after a start, protected requests and answers, Observe
    /// with the server's own Partial IVs, and the refusals, which no resource ever sees.
    /// </summary>
    [TestClass]
    public class OscoreServerTests
    {
        private const string MasterSecret = "0102030405060708090a0b0c0d0e0f10";
        private const string Salt = "9e7ca92223786340";
        private const int EchoOption = 252;

        private static readonly byte[] Token = { 0x5a };

        private ServerHarness harness;
        private OscoreServerSecurity security;
        private OscoreProtector client;
        private long nextSequenceNumber;
        private long lastRequestPiv;

        private void Start(bool secure)
        {
            harness = new ServerHarness(8);
            security = new OscoreServerSecurity(2);
            security.Add(Context("01", ""), new OscoreSenderSequence(new MemorySequenceNumberStore(), 4));
            if (secure)
            {
                harness.Server.Security = security;
            }

            client = new OscoreProtector(Context("", "01"), 256);
            nextSequenceNumber = 0;
        }

        private static OscoreSecurityContext Context(string senderId, string recipientId)
        {
            return new OscoreSecurityContext(Hex.Parse(MasterSecret), Hex.Parse(Salt), Hex.Parse(senderId), Hex.Parse(recipientId), null);
        }

        private byte[] Protect(byte[] plain)
        {
            return Protect(client, plain);
        }

        private byte[] Protect(OscoreProtector with, byte[] plain)
        {
            lastRequestPiv = nextSequenceNumber++;
            byte[] wire = new byte[plain.Length + 64];
            int length = with.ProtectRequest(plain, 0, plain.Length, lastRequestPiv, wire, 0);
            byte[] datagram = new byte[length];
            System.Array.Copy(wire, datagram, length);
            return datagram;
        }

        // The client's view of a protected answer to the request with the given Partial IV.
        private CoapMessage Open(byte[] answer, long requestPiv)
        {
            Assert.IsNotNull(answer, "an answer");
            byte[] plain = new byte[256];
            int length = client.UnprotectResponse(answer, 0, answer.Length, requestPiv, plain, 0);
            Assert.IsTrue(length > 0, "the answer verifies: " + length);
            CoapMessage message = new CoapMessage(16);
            Assert.AreEqual(CoapParseResult.Ok, message.Parse(plain, 0, length));
            return message;
        }

        private static CoapMessage Plain(byte[] answer)
        {
            CoapMessage message = new CoapMessage(16);
            Assert.AreEqual(CoapParseResult.Ok, message.Parse(answer, 0, answer.Length));
            Assert.IsFalse(message.HasOption(CoapOption.Oscore), "a refusal is not protected");
            return message;
        }

        private static string PayloadOf(CoapMessage message)
        {
            return TestText.Of(message.Buffer, message.PayloadOffset, message.PayloadLength);
        }

        private static RequestBuilder GetObs(int messageId)
        {
            return RequestBuilder.Get(messageId).Path("obs");
        }

        // The first request after a start gets a protected 4.01 with Echo; the same request repeated with the Echo value passes.
        private CoapMessage Echoed(RequestBuilder first, RequestBuilder repeat)
        {
            CoapMessage challenge = Open(harness.Exchange(Protect(first.ToArray()), harness.Client), lastRequestPiv);
            Assert.AreEqual((int)CoapCode.Unauthorized, (int)challenge.Code);
            int at = challenge.FindOption(EchoOption);
            Assert.IsTrue(at >= 0, "Echo option");
            byte[] echo = new byte[challenge.GetOptionLength(at)];
            challenge.CopyOptionValue(at, echo, 0);
            return Open(harness.Exchange(Protect(repeat.Option(EchoOption, echo).ToArray()), harness.Client), lastRequestPiv);
        }

        [TestMethod]
        public void AfterAStartTheFirstRequestIsAnsweredWithEchoAndOnlyItsRepetitionIsProcessed()
        {
            Start(true);
            harness.Observed.Value = 21;
            CoapMessage answer = Echoed(GetObs(1), GetObs(2));
            Assert.AreEqual((int)CoapCode.Content, (int)answer.Code);
            Assert.AreEqual("21", PayloadOf(answer));
            Assert.AreEqual(1, harness.Observed.Runs, "the challenged request was not processed");
        }

        [TestMethod]
        public void ProtectedRequestsAreAnsweredProtectedAndTheResourceSeesThePlainRequest()
        {
            Start(true);
            Echoed(GetObs(1), GetObs(2));
            harness.Observed.Value = 7;
            CoapMessage answer = Open(harness.Exchange(Protect(GetObs(3).ToArray()), harness.Client), lastRequestPiv);
            Assert.AreEqual("7", PayloadOf(answer));
            Assert.AreEqual(3, (int)answer.MessageId, "the outer header's Message ID");
            Assert.AreEqual(2, harness.Observed.Runs);
        }

        [TestMethod]
        public void AReplayedRequestIsRefusedWith401AndNotProcessed()
        {
            Start(true);
            Echoed(GetObs(1), GetObs(2));
            byte[] request = Protect(GetObs(3).ToArray());
            harness.Exchange(request, harness.Client);
            int runs = harness.Observed.Runs;

            // The same protected request with another Message ID: not a CoAP duplicate, an OSCORE replay (§7.4).
            request[3] = 99;
            CoapMessage refusal = Plain(harness.Exchange(request, harness.Client));
            Assert.AreEqual((int)CoapCode.Unauthorized, (int)refusal.Code);
            Assert.AreEqual("Replay detected", PayloadOf(refusal));
            Assert.AreEqual(runs, harness.Observed.Runs);
            Assert.AreEqual(1, security.Replayed);
        }

        [TestMethod]
        public void ACoapDuplicateGetsTheSameProtectedAnswerAgain()
        {
            Start(true);
            Echoed(GetObs(1), GetObs(2));
            byte[] request = Protect(GetObs(3).ToArray());
            byte[] first = harness.Exchange(request, harness.Client);
            byte[] again = harness.Exchange(request, harness.Client);
            Assert.AreEqual(Hex.Format(first, 0, first.Length), Hex.Format(again, 0, again.Length));
            Assert.AreEqual(0, security.Replayed);
        }

        [TestMethod]
        public void AnUnknownKidIs401SecurityContextNotFound()
        {
            Start(true);
            OscoreProtector stranger = new OscoreProtector(Context("07", "01"), 256);
            CoapMessage refusal = Plain(harness.Exchange(Protect(stranger, GetObs(1).ToArray()), harness.Client));
            Assert.AreEqual((int)CoapCode.Unauthorized, (int)refusal.Code);
            Assert.AreEqual("Security context not found", PayloadOf(refusal));
            Assert.AreEqual(0, harness.Observed.Runs);
            Assert.AreEqual(1, security.ContextNotFound);
        }

        [TestMethod]
        public void ATamperedCiphertextIs400DecryptionFailed()
        {
            Start(true);
            byte[] request = Protect(GetObs(1).ToArray());
            request[request.Length - 3] ^= 0x40;
            CoapMessage refusal = Plain(harness.Exchange(request, harness.Client));
            Assert.AreEqual((int)CoapCode.BadRequest, (int)refusal.Code);
            Assert.AreEqual("Decryption failed", PayloadOf(refusal));
            Assert.AreEqual(0, harness.Observed.Runs);
            Assert.AreEqual(1, security.DecryptionFailed);
            Assert.AreEqual(1, harness.Server.Counters.SecurityRefusals);
        }

        [TestMethod]
        public void AMalformedOscoreOptionIs402()
        {
            Start(true);
            byte[] request = Protect(GetObs(1).ToArray());

            // The OSCORE option follows the 1-byte token; its first value byte holds the flags: set a reserved bit.
            Assert.AreEqual(0x90, request[5] & 0xF0, "option 9");
            request[6] |= 0x80;
            CoapMessage refusal = Plain(harness.Exchange(request, harness.Client));
            Assert.AreEqual((int)CoapCode.BadOption, (int)refusal.Code);
            Assert.AreEqual(1, security.BadOption);
        }

        [TestMethod]
        public void WithoutSecurityAProtectedRequestIsAnUnrecognizedCriticalOption()
        {
            Start(false);
            CoapMessage refusal = Plain(harness.Exchange(Protect(GetObs(1).ToArray()), harness.Client));
            Assert.AreEqual((int)CoapCode.BadOption, (int)refusal.Code);
        }

        [TestMethod]
        public void RequiredProtectionRefusesPlainWritesWith401AndTakesProtectedOnes()
        {
            Start(true);
            harness.Server.RequireProtectedWrites = true;
            byte[] plainPut = new RequestBuilder(CoapMessageType.Confirmable, CoapCode.Put, 1).Path("test").Payload(Hex.Parse("3432"), 0, 2).ToArray();
            CoapMessage refusal = Plain(harness.Exchange(plainPut, harness.Client));
            Assert.AreEqual((int)CoapCode.Unauthorized, (int)refusal.Code);
            Assert.AreEqual("OSCORE required", PayloadOf(refusal));
            Assert.AreEqual(0, harness.Counting.Runs);

            RequestBuilder put = new RequestBuilder(CoapMessageType.Confirmable, CoapCode.Put, 2).Path("test");
            RequestBuilder repeat = new RequestBuilder(CoapMessageType.Confirmable, CoapCode.Put, 3).Path("test");
            CoapMessage answer = Echoed(put, repeat);
            Assert.AreEqual((int)CoapCode.Changed, (int)answer.Code);
            Assert.AreEqual(1, harness.Counting.Runs);

            // Reads stay open unless they are required too.
            CoapMessage read = Plain(harness.Exchange(RequestBuilder.Get(4).Path("test").ToArray(), harness.Client));
            Assert.AreEqual((int)CoapCode.Content, (int)read.Code);
            harness.Server.RequireProtectedReads = true;
            read = Plain(harness.Exchange(RequestBuilder.Get(5).Path("test").ToArray(), harness.Client));
            Assert.AreEqual((int)CoapCode.Unauthorized, (int)read.Code);
            read = Plain(harness.Exchange(RequestBuilder.Get(6).Path(".well-known/core").ToArray(), harness.Client));
            Assert.AreEqual((int)CoapCode.Content, (int)read.Code, "discovery stays readable");
        }

        [TestMethod]
        public void NotificationsToAProtectedObserverAreProtectedWithIncreasingPartialIvs()
        {
            Start(true);
            Echoed(GetObs(1), GetObs(2));
            harness.Observed.Value = 1;
            byte[] registration = Protect(RequestBuilder.Get(3).UInt(CoapOption.Observe, 0).Path("obs").ToArray());
            long registrationPiv = lastRequestPiv;
            CoapMessage first = Open(harness.Exchange(registration, harness.Client), registrationPiv);
            Assert.AreEqual((int)CoapCode.Content, (int)first.Code);
            Assert.IsTrue(first.HasOption(CoapOption.Observe));
            long previous = client.ResponsePartialIv;
            Assert.IsTrue(previous >= 0, "a response to a registration carries the server's own Partial IV");

            for (int value = 2; value <= 5; value++)
            {
                harness.Observed.Set(value);
                byte[][] sent = harness.Turn();
                Assert.AreEqual(1, sent.Length, "one notification");
                CoapMessage notification = Open(sent[0], registrationPiv);
                Assert.AreEqual(value.ToString(), PayloadOf(notification));
                Assert.IsTrue(client.ResponsePartialIv > previous, "a fresh Partial IV each time");
                previous = client.ResponsePartialIv;
            }
        }

        [TestMethod]
        public void APlainObserverOfTheSameResourceGetsPlainNotifications()
        {
            Start(true);
            harness.Register(1, Token);
            harness.Observed.Set(9);
            byte[][] sent = harness.Turn();
            Assert.AreEqual(1, sent.Length);
            Assert.AreEqual("9", PayloadOf(Plain(sent[0])));
        }
    
        [TestMethod]
        public void ASeparateResponseToAProtectedRequestIsProtectedAfterAnEmptyAck()
        {
            Start(true);
            Echoed(GetObs(1), GetObs(2));
            byte[] ack = harness.Exchange(Protect(RequestBuilder.Get(3).Path("sep").ToArray()), harness.Client);
            long requestPiv = lastRequestPiv;
            Assert.AreEqual(4, ack.Length, "an empty ACK, which OSCORE leaves as it is");
            Assert.IsTrue(harness.Separate.Ticket >= 0);

            harness.Separate.SeparateReady(harness.Separate.Ticket);
            byte[][] sent = harness.Turn();
            Assert.AreEqual(1, sent.Length);
            CoapMessage response = Open(sent[0], requestPiv);
            Assert.AreEqual((int)CoapCode.Content, (int)response.Code);
            Assert.AreEqual("done", PayloadOf(response));
            Assert.IsTrue(client.ResponsePartialIv >= 0, "sent later, with the server's own Partial IV");
        }
    }
}
