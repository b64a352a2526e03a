using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using Coap.Micro;
using Coap.Micro.Dotnet;
using Coap.Micro.Oscore;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Tests.Server;

namespace ThermoDev.HostTests.Oscore
{
    /// <summary>
    /// The Coap.Micro client with OSCORE (RFC 8613) against the Coap.Micro server with OSCORE, over real UDP on 127.0.0.1:
    /// every exchange protected both ways, the Echo exchange after a start (Appendix B.1.2, RFC 9175), and the refusals.
    /// </summary>
    [TestClass]
    public class EndToEndOscoreTests
    {
        private const int Wait = 10_000;

        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void GetAndPutAreProtectedAndTheFirstRequestIsAnsweredThroughEcho()
        {
            using var rig = new EndToEndOscoreRig();
            CoapRequest get = rig.Request("test");
            Assert.AreEqual(CoapClientResult.Response, rig.Client.Request(get, Wait));
            Assert.AreEqual(CoapCode.Content, get.Code);
            Assert.AreEqual("hello", EndToEndOscoreRig.Text(get));

            // A fresh server challenged the first request; the client repeated it with the Echo value, transparently.
            Assert.AreEqual(1, rig.Client.Counters.EchoRetries);
            Assert.AreEqual(2, rig.Client.Counters.Requests);

            // What went on the wire is protected: POST outside (§4.2), an OSCORE option, no Uri-Path in clear.
            var wire = new CoapMessage(16);
            Assert.AreEqual(CoapParseResult.Ok, wire.Parse(rig.ClientTransport.LastSent, 0, rig.ClientTransport.LastSent.Length));
            Assert.AreEqual(CoapCode.Post, wire.Code);
            Assert.IsTrue(wire.HasOption(OscoreOption.Number));
            Assert.IsFalse(wire.HasOption(CoapOption.UriPath));

            CoapRequest put = rig.Request("test", CoapCode.Put);
            byte[] body = Encoding.ASCII.GetBytes("21.5");
            put.SetPayload(body, 0, body.Length);
            put.AddUIntOption(CoapOption.ContentFormat, CoapContentFormat.TextPlain);
            Assert.AreEqual(CoapClientResult.Response, rig.Client.Request(put, Wait));
            Assert.AreEqual(CoapCode.Changed, put.Code);
            Assert.AreEqual(1, rig.TextResource.Puts);

            Assert.AreEqual(CoapClientResult.Response, rig.Client.Request(get, Wait));
            Assert.AreEqual("21.5", EndToEndOscoreRig.Text(get));
            Assert.AreEqual(1, rig.Client.Counters.EchoRetries, "the window is set up: no more challenges");
            Assert.AreEqual(0, rig.Client.Counters.ProtectionFailures);
            Assert.AreEqual(0, rig.ServerSecurity.DecryptionFailed + rig.ServerSecurity.Replayed + rig.ServerSecurity.ContextNotFound);
        }

        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void AServerStartedAgainChallengesAgainAndIsAnsweredThroughEcho()
        {
            using var rig = new EndToEndOscoreRig();
            CoapRequest get = rig.Request("test");
            Assert.AreEqual(CoapClientResult.Response, rig.Client.Request(get, Wait));
            Assert.AreEqual(1, rig.Client.Counters.EchoRetries);

            rig.RestartServer();
            Assert.AreEqual(CoapClientResult.Response, rig.Client.Request(get, Wait));
            Assert.AreEqual(CoapCode.Content, get.Code);
            Assert.AreEqual("hello", EndToEndOscoreRig.Text(get));
            Assert.AreEqual(2, rig.Client.Counters.EchoRetries);
        }

        [TestMethod]
        [Timeout(90_000, CooperativeCancellation = true)]
        public void TwentyChangesAreNotifiedEachVerifiedWithIncreasingPartialIvs()
        {
            using var rig = new EndToEndOscoreRig();
            var handler = new NotificationLog(rig.ClientSecurity);
            CoapRequest observe = rig.Request("obs");
            observe.Observe = true;
            observe.Handler = handler;
            Assert.AreEqual(CoapClientResult.Response, rig.Client.Request(observe, Wait));
            Assert.IsTrue(observe.IsObserving);

            // The registration went out as FETCH with Observe (RFC 8613 §4.2).
            var wire = new CoapMessage(16);
            wire.Parse(rig.ClientTransport.LastSent, 0, rig.ClientTransport.LastSent.Length);
            Assert.AreEqual(CoapCode.Fetch, wire.Code);
            Assert.IsTrue(wire.HasOption(CoapOption.Observe));

            for (int value = 1; value <= 20; value++)
            {
                rig.Observed.Set(value);
                Assert.IsTrue(handler.WaitFor(value.ToString(), Wait), "change " + value);
            }

            List<string> texts = handler.Texts();
            CollectionAssert.AreEqual(Enumerable.Range(0, 21).Select(i => i.ToString()).ToArray(), texts.ToArray());
            List<long> ivs = handler.PartialIvs();
            Assert.AreEqual(21, ivs.Count);
            for (int i = 1; i < ivs.Count; i++)
            {
                Assert.IsTrue(ivs[i] > ivs[i - 1], "Partial IV " + ivs[i] + " after " + ivs[i - 1]);
            }

            Assert.AreEqual(0, rig.Client.Counters.ProtectionFailures);

            // Deregistration, protected too (RFC 7641 §3.6): the server forgets the observer.
            Assert.IsTrue(rig.Client.StopObserving(observe));
            Assert.IsTrue(handler.WaitForEnd(Wait));
            Assert.AreEqual(CoapClientResult.Cancelled, observe.Result);
            Assert.AreEqual(0, rig.ServerSecurity.DecryptionFailed + rig.ServerSecurity.Replayed);
            Assert.IsTrue(SpinWait.SpinUntil(() => rig.Server.Counters.Observers == 0, Wait), "the server still has the observer");
        }

        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void AnObservationIsRegisteredAgainProtectedWhenMaxAgeRunsOut()
        {
            using var rig = new EndToEndOscoreRig(reregistrationDelayMilliseconds: 0);
            var handler = new NotificationLog(rig.ClientSecurity);
            CoapRequest observe = rig.Request("short");
            observe.Observe = true;
            observe.Handler = handler;
            Assert.AreEqual(CoapClientResult.Response, rig.Client.Request(observe, Wait));

            // The server keeps it fresh with a notification each second (RFC 7641 §4.3.1): those are lost until the
            // client, hearing nothing for Max-Age, registers again (§3.3.1) with a new Partial IV.
            rig.ClientTransport.DropNotificationsWhile = () => rig.Client.Counters.Reregistrations == 0;
            Assert.IsTrue(SpinWait.SpinUntil(() => rig.Client.Counters.Reregistrations == 1, Wait));
            int delivered = handler.Texts().Count;
            Assert.IsTrue(SpinWait.SpinUntil(() => handler.Texts().Count > delivered, Wait), "the re-registration's answer");
            rig.Short.Set(7);
            Assert.IsTrue(handler.WaitFor("7", Wait));
            Assert.IsTrue(observe.IsObserving);
            Assert.AreEqual(0, rig.Client.Counters.ProtectionFailures);
            Assert.AreEqual(1, rig.Server.Counters.Observers);
            Assert.AreEqual(0, rig.ServerSecurity.DecryptionFailed + rig.ServerSecurity.Replayed);
        }

        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void ANotificationOverTakenByANewerOneIsDropped()
        {
            using var rig = new EndToEndOscoreRig();
            var handler = new NotificationLog(rig.ClientSecurity);
            CoapRequest observe = rig.Request("obs");
            observe.Observe = true;
            observe.Handler = handler;
            Assert.AreEqual(CoapClientResult.Response, rig.Client.Request(observe, Wait));

            rig.ClientTransport.HoldNextNotification = true;
            rig.Observed.Set(1);
            Assert.IsTrue(SpinWait.SpinUntil(() => Volatile.Read(ref rig.ClientTransport.Held) == 1, Wait));
            int stale = rig.Client.Counters.StaleNotifications;
            rig.Observed.Set(2);
            Assert.IsTrue(handler.WaitFor("2", Wait));

            // The held notification (value 1, an older Partial IV) comes after 2: verified, but not fresh (§7.4.1).
            Assert.IsTrue(SpinWait.SpinUntil(() => rig.Client.Counters.StaleNotifications == stale + 1, Wait));
            CollectionAssert.AreEqual(new[] { "0", "2" }, handler.Texts().ToArray());
            Assert.IsTrue(observe.IsObserving);
            Assert.AreEqual(0, rig.Client.Counters.ProtectionFailures);
        }

        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void A1000ByteRepresentationComesInProtectedBlocks()
        {
            using var rig = new EndToEndOscoreRig();
            CoapRequest get = rig.Request("big", capacity: 1000);
            get.BlockSize = 64;
            Assert.AreEqual(CoapClientResult.Response, rig.Client.Request(get, 20_000));
            Assert.AreEqual(CoapCode.Content, get.Code);
            CollectionAssert.AreEqual(SizedResource.Expected(1000, 0), get.ResponseBuffer.Take(get.PayloadLength).ToArray());

            // 16 blocks of 64 bytes, each a request of its own (Block2 is an inner option, RFC 8613 §4.1.3.4.2), and the
            // first request's Echo repetition.
            Assert.AreEqual(16, rig.Big.Runs);
            Assert.AreEqual(17, rig.Client.Counters.Requests);
            Assert.AreEqual(0, rig.Client.Counters.ProtectionFailures);
        }

        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void ASeparateResponseIsProtected()
        {
            using var rig = new EndToEndOscoreRig();
            CoapRequest warmUp = rig.Request("test");
            Assert.AreEqual(CoapClientResult.Response, rig.Client.Request(warmUp, Wait));

            CoapRequest later = rig.Request("later");
            Assert.AreEqual(CoapClientResult.Pending, rig.Client.Send(later));
            Assert.IsTrue(SpinWait.SpinUntil(() => rig.Later.Ticket >= 0, Wait));
            Assert.IsTrue(rig.Later.Answer());
            Assert.IsTrue(SpinWait.SpinUntil(() => !later.IsPending, Wait));
            Assert.AreEqual(CoapClientResult.Response, later.Result);
            Assert.AreEqual(CoapCode.Content, later.Code);
            Assert.AreEqual("answered later", EndToEndOscoreRig.Text(later));
        }

        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void AnUnknownKidIsRefusedAndTheClientSaysSo()
        {
            using var rig = new EndToEndOscoreRig(clientSenderId: new byte[] { 0x42 });
            CoapRequest get = rig.Request("test");
            Assert.AreEqual(CoapClientResult.ProtectionFailed, rig.Client.Request(get, Wait));
            Assert.AreEqual(CoapCode.Unauthorized, get.Code);
            Assert.AreEqual("Security context not found", EndToEndOscoreRig.Text(get));
            Assert.AreEqual(1, rig.Client.Counters.ProtectionFailures);
            Assert.AreEqual(1, rig.ServerSecurity.ContextNotFound);
        }

        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void ATamperedCiphertextIsRefused()
        {
            using var rig = new EndToEndOscoreRig();
            CoapRequest get = rig.Request("test");
            Assert.AreEqual(CoapClientResult.Response, rig.Client.Request(get, Wait));

            rig.ClientTransport.CorruptNextSend = true;
            Assert.AreEqual(CoapClientResult.ProtectionFailed, rig.Client.Request(get, Wait));
            Assert.AreEqual(CoapCode.BadRequest, get.Code);
            Assert.AreEqual("Decryption failed", System.Text.Encoding.ASCII.GetString(get.ResponseBuffer, get.PayloadOffset, get.PayloadLength),
                "the server's diagnostic (RFC 8613 §8.2 step 6), given to the caller unauthenticated");
            Assert.AreEqual(1, rig.ServerSecurity.DecryptionFailed);
            Assert.AreEqual(1, rig.Client.Counters.ProtectionFailures);

            // The context goes on working.
            Assert.AreEqual(CoapClientResult.Response, rig.Client.Request(get, Wait));
            Assert.AreEqual("hello", EndToEndOscoreRig.Text(get));
        }

        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void AReplayedRequestDatagramIsRefused()
        {
            using var rig = new EndToEndOscoreRig();
            CoapRequest get = rig.Request("test");
            Assert.AreEqual(CoapClientResult.Response, rig.Client.Request(get, Wait));
            byte[] captured = rig.ClientTransport.LastSent;

            // The same protected request from another socket: not a duplicate of the message layer, a replay (§7.4).
            using var raw = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            raw.Client.ReceiveTimeout = Wait;
            raw.Send(captured, captured.Length, new IPEndPoint(IPAddress.Loopback, rig.ServerPort));
            IPEndPoint from = null;
            byte[] answer = raw.Receive(ref from);
            var message = new CoapMessage(16);
            Assert.AreEqual(CoapParseResult.Ok, message.Parse(answer, 0, answer.Length));
            Assert.AreEqual(CoapCode.Unauthorized, message.Code);
            Assert.IsFalse(message.HasOption(OscoreOption.Number), "a refusal is not protected");
            Assert.AreEqual("Replay detected", Encoding.ASCII.GetString(answer, message.PayloadOffset, message.PayloadLength));
            Assert.AreEqual(1, rig.ServerSecurity.Replayed);
        }

        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void ARequestNamingAContextTheClientDoesNotHaveIsNotSent()
        {
            using var rig = new EndToEndOscoreRig();
            CoapRequest get = rig.Request("test");
            get.SecurityContext = 1;
            Assert.AreEqual(CoapClientResult.InvalidRequest, rig.Client.Request(get, Wait));
            Assert.AreEqual(0, rig.Client.Counters.Requests);
        }

        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void ARequestOscoreCannotCarryEndsUnsent()
        {
            using var rig = new EndToEndOscoreRig();
            CoapRequest get = rig.Request("test");
            byte[] proxy = Encoding.ASCII.GetBytes("coap://example.org/temp");
            Assert.IsTrue(get.AddOption(CoapOption.ProxyUri, proxy, 0, proxy.Length));
            Assert.AreEqual(CoapClientResult.ProtectionFailed, rig.Client.Request(get, Wait));
            Assert.AreEqual(1, rig.Client.Counters.ProtectionFailures);
            Assert.IsNull(rig.ClientTransport.LastSent, "nothing was sent");
            Assert.AreEqual(0, rig.Client.Counters.LoopFaults);
        }

        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void AnUnprotectedPutIsRefusedWhenWritesMustBeProtected()
        {
            using var rig = new EndToEndOscoreRig(requireProtectedWrites: true);
            CoapRequest put = rig.Request("test", CoapCode.Put);
            byte[] body = Encoding.ASCII.GetBytes("19.0");
            put.SetPayload(body, 0, body.Length);
            put.SecurityContext = -1;
            Assert.AreEqual(CoapClientResult.Response, rig.Client.Request(put, Wait));
            Assert.AreEqual(CoapCode.Unauthorized, put.Code);
            Assert.AreEqual("OSCORE required", EndToEndOscoreRig.Text(put));
            Assert.AreEqual(0, rig.TextResource.Puts);

            put.SecurityContext = rig.Context;
            Assert.AreEqual(CoapClientResult.Response, rig.Client.Request(put, Wait));
            Assert.AreEqual(CoapCode.Changed, put.Code);
            Assert.AreEqual(1, rig.TextResource.Puts);
        }

        /// <summary>Records each notification's text and the Partial IV it verified with.</summary>
        private sealed class NotificationLog : ICoapResponseHandler
        {
            private readonly OscoreClientSecurity _security;
            private readonly List<string> _texts = new List<string>();
            private readonly List<long> _ivs = new List<long>();
            private readonly ManualResetEventSlim _ended = new ManualResetEventSlim();

            public NotificationLog(OscoreClientSecurity security)
            {
                _security = security;
            }

            public void Response(CoapRequest request, CoapMessage response)
            {
                lock (_texts)
                {
                    _texts.Add(EndToEndOscoreRig.Text(request));
                    _ivs.Add(_security.ResponsePartialIv);
                    Monitor.PulseAll(_texts);
                }
            }

            public void Ended(CoapRequest request) => _ended.Set();

            public bool WaitForEnd(int milliseconds) => _ended.Wait(milliseconds);

            public bool WaitFor(string text, int milliseconds)
            {
                DateTime until = DateTime.UtcNow.AddMilliseconds(milliseconds);
                lock (_texts)
                {
                    while (!_texts.Contains(text))
                    {
                        TimeSpan left = until - DateTime.UtcNow;
                        if (left <= TimeSpan.Zero)
                        {
                            return false;
                        }

                        Monitor.Wait(_texts, left);
                    }
                }

                return true;
            }

            public List<string> Texts()
            {
                lock (_texts)
                {
                    return new List<string>(_texts);
                }
            }

            public List<long> PartialIvs()
            {
                lock (_texts)
                {
                    return new List<long>(_ivs);
                }
            }
        }
    }
}
