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

        [TestMethod]
        public void AfterAStartTheFirstRequestIsAnsweredWithEchoAndOnlyItsRepetitionIsProcessed()
        {
            Rig r = new Rig(true);
            r.harness.Observed.Value = 21;
            CoapMessage answer = r.Echoed(Rig.GetObs(1), Rig.GetObs(2));
            Assert.AreEqual((int)CoapCode.Content, (int)answer.Code);
            Assert.AreEqual("21", Rig.PayloadOf(answer));
            Assert.AreEqual(1, r.harness.Observed.Runs, "the challenged request was not processed");
        }

        [TestMethod]
        public void ProtectedRequestsAreAnsweredProtectedAndTheResourceSeesThePlainRequest()
        {
            Rig r = new Rig(true);
            r.Echoed(Rig.GetObs(1), Rig.GetObs(2));
            r.harness.Observed.Value = 7;
            CoapMessage answer = r.Open(r.harness.Exchange(r.Protect(Rig.GetObs(3).ToArray()), r.harness.Client), r.lastRequestPiv);
            Assert.AreEqual("7", Rig.PayloadOf(answer));
            Assert.AreEqual(3, (int)answer.MessageId, "the outer header's Message ID");
            Assert.AreEqual(2, r.harness.Observed.Runs);
        }

        [TestMethod]
        public void AReplayedRequestIsRefusedWith401AndNotProcessed()
        {
            Rig r = new Rig(true);
            r.Echoed(Rig.GetObs(1), Rig.GetObs(2));
            byte[] request = r.Protect(Rig.GetObs(3).ToArray());
            r.harness.Exchange(request, r.harness.Client);
            int runs = r.harness.Observed.Runs;

            // The same protected request with another Message ID: not a CoAP duplicate, an OSCORE replay (§7.4).
            request[3] = 99;
            CoapMessage refusal = Rig.Plain(r.harness.Exchange(request, r.harness.Client));
            Assert.AreEqual((int)CoapCode.Unauthorized, (int)refusal.Code);
            Assert.AreEqual("Replay detected", Rig.PayloadOf(refusal));
            Assert.AreEqual(runs, r.harness.Observed.Runs);
            Assert.AreEqual(1, r.security.Replayed);
        }

        [TestMethod]
        public void ACoapDuplicateGetsTheSameProtectedAnswerAgain()
        {
            Rig r = new Rig(true);
            r.Echoed(Rig.GetObs(1), Rig.GetObs(2));
            byte[] request = r.Protect(Rig.GetObs(3).ToArray());
            byte[] first = r.harness.Exchange(request, r.harness.Client);
            byte[] again = r.harness.Exchange(request, r.harness.Client);
            Assert.AreEqual(Hex.Format(first, 0, first.Length), Hex.Format(again, 0, again.Length));
            Assert.AreEqual(0, r.security.Replayed);
        }

        [TestMethod]
        public void AnUnknownKidIs401SecurityContextNotFound()
        {
            Rig r = new Rig(true);
            OscoreProtector stranger = new OscoreProtector(Rig.Context("07", "01"), 256);
            CoapMessage refusal = Rig.Plain(r.harness.Exchange(r.Protect(stranger, Rig.GetObs(1).ToArray()), r.harness.Client));
            Assert.AreEqual((int)CoapCode.Unauthorized, (int)refusal.Code);
            Assert.AreEqual("Security context not found", Rig.PayloadOf(refusal));
            Assert.AreEqual(0, r.harness.Observed.Runs);
            Assert.AreEqual(1, r.security.ContextNotFound);
        }

        [TestMethod]
        public void ATamperedCiphertextIs400DecryptionFailed()
        {
            Rig r = new Rig(true);
            byte[] request = r.Protect(Rig.GetObs(1).ToArray());
            request[request.Length - 3] ^= 0x40;
            CoapMessage refusal = Rig.Plain(r.harness.Exchange(request, r.harness.Client));
            Assert.AreEqual((int)CoapCode.BadRequest, (int)refusal.Code);
            Assert.AreEqual("Decryption failed", Rig.PayloadOf(refusal));
            Assert.AreEqual(0, r.harness.Observed.Runs);
            Assert.AreEqual(1, r.security.DecryptionFailed);
            Assert.AreEqual(1, r.harness.Server.Counters.SecurityRefusals);
        }

        [TestMethod]
        public void AMalformedOscoreOptionIs402()
        {
            Rig r = new Rig(true);
            byte[] request = r.Protect(Rig.GetObs(1).ToArray());

            // The OSCORE option follows the 1-byte token; its first value byte holds the flags: set a reserved bit.
            Assert.AreEqual(0x90, request[5] & 0xF0, "option 9");
            request[6] |= 0x80;
            CoapMessage refusal = Rig.Plain(r.harness.Exchange(request, r.harness.Client));
            Assert.AreEqual((int)CoapCode.BadOption, (int)refusal.Code);
            Assert.AreEqual(1, r.security.BadOption);
        }

        [TestMethod]
        public void WithoutSecurityAProtectedRequestIsAnUnrecognizedCriticalOption()
        {
            Rig r = new Rig(false);
            CoapMessage refusal = Rig.Plain(r.harness.Exchange(r.Protect(Rig.GetObs(1).ToArray()), r.harness.Client));
            Assert.AreEqual((int)CoapCode.BadOption, (int)refusal.Code);
        }

        [TestMethod]
        public void RequiredProtectionRefusesPlainWritesWith401AndTakesProtectedOnes()
        {
            Rig r = new Rig(true);
            r.harness.Server.RequireProtectedWrites = true;
            byte[] plainPut = new RequestBuilder(CoapMessageType.Confirmable, CoapCode.Put, 1).Path("test").Payload(Hex.Parse("3432"), 0, 2).ToArray();
            CoapMessage refusal = Rig.Plain(r.harness.Exchange(plainPut, r.harness.Client));
            Assert.AreEqual((int)CoapCode.Unauthorized, (int)refusal.Code);
            Assert.AreEqual("OSCORE required", Rig.PayloadOf(refusal));
            Assert.AreEqual(0, r.harness.Counting.Runs);

            RequestBuilder put = new RequestBuilder(CoapMessageType.Confirmable, CoapCode.Put, 2).Path("test");
            RequestBuilder repeat = new RequestBuilder(CoapMessageType.Confirmable, CoapCode.Put, 3).Path("test");
            CoapMessage answer = r.Echoed(put, repeat);
            Assert.AreEqual((int)CoapCode.Changed, (int)answer.Code);
            Assert.AreEqual(1, r.harness.Counting.Runs);

            // Reads stay open unless they are required too.
            CoapMessage read = Rig.Plain(r.harness.Exchange(RequestBuilder.Get(4).Path("test").ToArray(), r.harness.Client));
            Assert.AreEqual((int)CoapCode.Content, (int)read.Code);
            r.harness.Server.RequireProtectedReads = true;
            read = Rig.Plain(r.harness.Exchange(RequestBuilder.Get(5).Path("test").ToArray(), r.harness.Client));
            Assert.AreEqual((int)CoapCode.Unauthorized, (int)read.Code);
            read = Rig.Plain(r.harness.Exchange(RequestBuilder.Get(6).Path(".well-known/core").ToArray(), r.harness.Client));
            Assert.AreEqual((int)CoapCode.Content, (int)read.Code, "discovery stays readable");
        }

        [TestMethod]
        public void NotificationsToAProtectedObserverAreProtectedWithIncreasingPartialIvs()
        {
            Rig r = new Rig(true);
            r.Echoed(Rig.GetObs(1), Rig.GetObs(2));
            r.harness.Observed.Value = 1;
            byte[] registration = r.Protect(RequestBuilder.Get(3).UInt(CoapOption.Observe, 0).Path("obs").ToArray());
            long registrationPiv = r.lastRequestPiv;
            CoapMessage first = r.Open(r.harness.Exchange(registration, r.harness.Client), registrationPiv);
            Assert.AreEqual((int)CoapCode.Content, (int)first.Code);
            Assert.IsTrue(first.HasOption(CoapOption.Observe));
            long previous = r.client.ResponsePartialIv;
            Assert.IsTrue(previous >= 0, "a response to a registration carries the server's own Partial IV");

            for (int value = 2; value <= 5; value++)
            {
                r.harness.Observed.Set(value);
                byte[][] sent = r.harness.Turn();
                Assert.AreEqual(1, sent.Length, "one notification");
                CoapMessage notification = r.Open(sent[0], registrationPiv);
                Assert.AreEqual(value.ToString(), Rig.PayloadOf(notification));
                Assert.IsTrue(r.client.ResponsePartialIv > previous, "a fresh Partial IV each time");
                previous = r.client.ResponsePartialIv;
            }
        }

        [TestMethod]
        public void APlainObserverOfTheSameResourceGetsPlainNotifications()
        {
            Rig r = new Rig(true);
            r.harness.Register(1, Token);
            r.harness.Observed.Set(9);
            byte[][] sent = r.harness.Turn();
            Assert.AreEqual(1, sent.Length);
            Assert.AreEqual("9", Rig.PayloadOf(Rig.Plain(sent[0])));
        }
    
        [TestMethod]
        public void ASeparateResponseToAProtectedRequestIsProtectedAfterAnEmptyAck()
        {
            Rig r = new Rig(true);
            r.Echoed(Rig.GetObs(1), Rig.GetObs(2));
            byte[] ack = r.harness.Exchange(r.Protect(RequestBuilder.Get(3).Path("sep").ToArray()), r.harness.Client);
            long requestPiv = r.lastRequestPiv;
            Assert.AreEqual(4, ack.Length, "an empty ACK, which OSCORE leaves as it is");
            Assert.IsTrue(r.harness.Separate.Ticket >= 0);

            r.harness.Separate.SeparateReady(r.harness.Separate.Ticket);
            byte[][] sent = r.harness.Turn();
            Assert.AreEqual(1, sent.Length);
            CoapMessage response = r.Open(sent[0], requestPiv);
            Assert.AreEqual((int)CoapCode.Content, (int)response.Code);
            Assert.AreEqual("done", Rig.PayloadOf(response));
            Assert.IsTrue(r.client.ResponsePartialIv >= 0, "sent later, with the server's own Partial IV");
        }

        // The server, its OSCORE object and a client made of an OscoreProtector, made per test: the nanoFramework
        // runner calls tests without an instance, so a test class keeps no state of its own.
        private sealed class Rig
        {
            internal ServerHarness harness;
            internal OscoreServerSecurity security;
            internal OscoreProtector client;
            internal long nextSequenceNumber;
            internal long lastRequestPiv;

            internal Rig(bool secure)
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

            internal static OscoreSecurityContext Context(string senderId, string recipientId)
            {
                return new OscoreSecurityContext(Hex.Parse(MasterSecret), Hex.Parse(Salt), Hex.Parse(senderId), Hex.Parse(recipientId), null);
            }

            internal byte[] Protect(byte[] plain)
            {
                return Protect(client, plain);
            }

            internal byte[] Protect(OscoreProtector with, byte[] plain)
            {
                lastRequestPiv = nextSequenceNumber++;
                byte[] wire = new byte[plain.Length + 64];
                int length = with.ProtectRequest(plain, 0, plain.Length, lastRequestPiv, wire, 0);
                byte[] datagram = new byte[length];
                System.Array.Copy(wire, datagram, length);
                return datagram;
            }

            // The client's view of a protected answer to the request with the given Partial IV.
            internal CoapMessage Open(byte[] answer, long requestPiv)
            {
                Assert.IsNotNull(answer, "an answer");
                byte[] plain = new byte[256];
                int length = client.UnprotectResponse(answer, 0, answer.Length, requestPiv, plain, 0);
                Assert.IsTrue(length > 0, "the answer verifies: " + length);
                CoapMessage message = new CoapMessage(16);
                Assert.AreEqual(CoapParseResult.Ok, message.Parse(plain, 0, length));
                return message;
            }

            internal static CoapMessage Plain(byte[] answer)
            {
                CoapMessage message = new CoapMessage(16);
                Assert.AreEqual(CoapParseResult.Ok, message.Parse(answer, 0, answer.Length));
                Assert.IsFalse(message.HasOption(CoapOption.Oscore), "a refusal is not protected");
                return message;
            }

            internal static string PayloadOf(CoapMessage message)
            {
                return TestText.Of(message.Buffer, message.PayloadOffset, message.PayloadLength);
            }

            internal static RequestBuilder GetObs(int messageId)
            {
                return RequestBuilder.Get(messageId).Path("obs");
            }

            // The first request after a start gets a protected 4.01 with Echo; the same request repeated with the Echo value passes.
            internal CoapMessage Echoed(RequestBuilder first, RequestBuilder repeat)
            {
                CoapMessage challenge = Open(harness.Exchange(Protect(first.ToArray()), harness.Client), lastRequestPiv);
                Assert.AreEqual((int)CoapCode.Unauthorized, (int)challenge.Code);
                int at = challenge.FindOption(EchoOption);
                Assert.IsTrue(at >= 0, "Echo option");
                byte[] echo = new byte[challenge.GetOptionLength(at)];
                challenge.CopyOptionValue(at, echo, 0);
                return Open(harness.Exchange(Protect(repeat.Option(EchoOption, echo).ToArray()), harness.Client), lastRequestPiv);
            }
        }
    }
}
