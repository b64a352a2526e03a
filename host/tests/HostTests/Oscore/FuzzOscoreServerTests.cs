using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using Coap.Micro;
using Coap.Micro.Oscore;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Allocation;

namespace ThermoDev.HostTests.Oscore
{
    /// <summary>
    /// 100,000 mutated protected requests (RFC 8613) through a server with <see cref="OscoreServerSecurity"/>, with a
    /// fixed seed so a failure repeats. Every valid request the mutations start from carries a secret in its plaintext
    /// payload. Checked for each: nothing throws out of the server, at most one answer and it is a well-formed CoAP
    /// message; an answer that is not a protected response the client verifies carries no part of the secret, and to a
    /// request with one OSCORE option it is an unprotected 4.00, 4.01 or 4.02 (4.13 when it is too large) with one of the
    /// fixed diagnostics, or an RST for an outer format error; a resource is called only for a request that verifies
    /// under one of the server's contexts, always as protected, always with the secret intact.
    /// </summary>
    [TestClass]
    public class FuzzOscoreServerTests
    {
        private const int Cases = 100_000;
        private const int MaxRequestSize = 256;

        private static readonly byte[] Secret = Encoding.ASCII.GetBytes("SECRET:7f3a9c1e5b-plaintext");
        private static readonly byte[] IdContext = Convert.FromHexString("37CBF3210017A2D3");

        // (code, diagnostic) of every refusal the server may send, unprotected, to a request with an OSCORE option.
        private static readonly (byte Code, byte[] Payload)[] Refusals =
        {
            (CoapCode.Unauthorized, OscoreProtector.ContextNotFoundDiagnostic),
            (CoapCode.BadRequest, OscoreProtector.DecryptionFailedDiagnostic),
            (CoapCode.Unauthorized, OscoreServerSecurity.ReplayDetectedDiagnostic),
            (CoapCode.BadOption, OscoreServerSecurity.FailedToDecodeDiagnostic),
            (CoapCode.BadRequest, Array.Empty<byte>()),
            (CoapCode.RequestEntityTooLarge, Array.Empty<byte>()),
        };

        [TestMethod]
        [Timeout(300_000, CooperativeCancellation = true)]
        public void MutatedProtectedRequestsNeverReachAResourceNorLeakTheirPlaintext()
        {
            var random = new Random(20261208);
            var rig = new OscoreRig(4, new CoapServerOptions { MaxRequestSize = MaxRequestSize, DeduplicationEntries = 8 });
            var resource = new SecretResource("temp");
            rig.Server.Add(resource);

            // Three clients with the replay window set up (one with a kid context, one with an empty kid) and one
            // that never repeated the Echo value: its requests are all answered with the Echo challenge.
            OscoreRig.Client[] clients =
            {
                rig.AddClient(new byte[] { 0x01 }, null, 1),
                rig.AddClient(new byte[] { 0x02, 0x22 }, IdContext, 2),
                rig.AddClient(Array.Empty<byte>(), null, 3),
                rig.AddClient(new byte[] { 0x04 }, null, 4),
            };
            for (int c = 0; c < 3; c++)
            {
                rig.Handshake(clients[c], "temp");
            }

            int handshakeCalls = resource.Calls;
            var oracles = clients.Select(c => new OscoreProtector(OscoreRig.ServerContext(c.Context.SenderId, c.Context.IdContext), 1024)).ToArray();
            var oraclePlain = new byte[1100];
            var mutations = new FuzzOscoreMutations(random);
            var parsed = new CoapMessage(64);
            var answer = new CoapMessage(64);
            var inner = new CoapMessage(64);
            var answers = new HashSet<string>();
            var accepted = new List<byte[]>();
            var outcomes = new SortedDictionary<string, int>();
            var watch = Stopwatch.StartNew();

            for (int i = 0; i < Cases; i++)
            {
                int which = random.Next(20) == 0 ? 3 : random.Next(3);
                OscoreRig.Client client = clients[which];
                int method = random.Next(10);
                client.Build(
                    random.Next(4) == 0 ? CoapMessageType.NonConfirmable : CoapMessageType.Confirmable,
                    method < 6 ? CoapCode.Put : method < 8 ? CoapCode.Post : CoapCode.Get,
                    "temp",
                    method == 9 ? 0 : -1,
                    Secret,
                    null);
                byte[] valid = client.Wire.AsSpan(0, client.WireLength).ToArray();
                int kind = random.Next(FuzzOscoreMutations.Kinds.Length);
                byte[] datagram;
                if (kind == 0 && accepted.Count > 0 && random.Next(4) == 0)
                {
                    // A request the server took, sent again with a new Message ID (not a CoAP duplicate): a replay.
                    datagram = (byte[])accepted[random.Next(accepted.Count)].Clone();
                    datagram[2] ^= 0x80;
                    kind = -1;
                }
                else
                {
                    datagram = mutations.Mutate(valid, kind, clients[(which + 1 + random.Next(3)) % 4].Context.SenderId);
                }

                string context = "case " + i + " (" + (kind < 0 ? "replay" : FuzzOscoreMutations.Kinds[kind]) + "): " + Convert.ToHexString(datagram);
                int calls = resource.Calls;
                int duplicates = rig.Server.Counters.Duplicates;
                int sent = rig.Send(client, datagram);
                Assert.AreEqual(0, rig.Server.Counters.LoopFaults, context);
                Assert.AreEqual(0, rig.Server.Counters.HandlerFaults, context);
                Assert.IsLessThanOrEqualTo(1, sent, context);
                int called = resource.Calls - calls;
                Assert.IsLessThanOrEqualTo(1, called, context);

                // A resource sees only requests that verify under one of the server's contexts.
                if (called == 1)
                {
                    Assert.IsTrue(oracles.Any(o => o.UnprotectRequest(datagram, 0, datagram.Length, oraclePlain, 0) >= 0), "handled but does not verify: " + context);
                }

                // A mutated Message ID may repeat one the server remembers from this endpoint: a duplicate (RFC 7252 §4.5).
                bool duplicate = rig.Server.Counters.Duplicates > duplicates;
                string outcome;
                if (sent == 0)
                {
                    // A CON is always answered (ACK or RST, RFC 7252 §4.2); silence is for a NON rejected (an option
                    // that breaks its format, §5.4.1) and for what is no request (an ACK, RST or response).
                    bool confirmable = datagram.Length >= 4 && (datagram[0] & 0xF0) == 0x40;
                    Assert.IsFalse(confirmable, "a CON not answered: " + context);
                    outcome = "silence";
                }
                else
                {
                    byte[] reply = rig.Transport.Sent(0);
                    context += " -> " + Convert.ToHexString(reply);
                    Assert.AreEqual(CoapParseResult.Ok, answer.Parse(reply, 0, reply.Length), context);
                    bool isProtected = answer.FindOption(CoapOption.Oscore) >= 0;
                    if (!isProtected)
                    {
                        Assert.AreEqual(0, called, "handled, answered unprotected: " + context);
                        AssertNoSecret(reply, context);
                    }

                    string hex = Convert.ToHexString(reply);
                    if (duplicate)
                    {
                        Assert.AreEqual(0, called, "a duplicate was handled again: " + context);
                        if (answer.Code == CoapCode.Empty)
                        {
                            // An RST or empty ACK: the first copy had no answer to repeat, or was of another type.
                            Assert.AreEqual(4, reply.Length, context);
                            outcome = "duplicate: empty " + answer.Type;
                        }
                        else
                        {
                            Assert.Contains(hex, answers, "a duplicate answered with a message never sent before: " + context);
                            outcome = "duplicate: copy of an earlier answer";
                        }
                    }
                    else
                    {
                        outcome = isProtected ? Protected(client, datagram, reply, answer, inner, parsed, context) : Unprotected(datagram, reply, answer, parsed, context);
                        answers.Add(hex);
                    }
                }

                if (kind == 0 && which < 3 && !duplicate)
                {
                    // An unchanged request of a client whose window is set up is handled, once.
                    Assert.AreEqual(1, called, "a valid request was not handled: " + context);
                    accepted.Add(datagram);
                }

                if (kind < 0 || which == 3)
                {
                    Assert.AreEqual(0, called, "a replay or a request without the Echo step was handled: " + context);
                }

                if (kind < 0 && sent == 1)
                {
                    Assert.AreEqual("4.01 Replay detected", outcome, context);
                }

                string key = (kind < 0 ? "replay" : FuzzOscoreMutations.Kinds[kind]) + ": " + outcome;
                outcomes[key] = outcomes.TryGetValue(key, out int n) ? n + 1 : 1;
            }

            watch.Stop();
            Assert.AreEqual(0, rig.Server.Counters.LoopFaults);
            Assert.AreEqual(0, rig.Server.Counters.HandlerFaults);
            Assert.AreEqual(0, resource.Unprotected, "a resource saw an unprotected request");
            Assert.AreEqual(0, resource.Damaged, "a resource saw a plaintext other than the one sent");
            Assert.IsGreaterThan(0, rig.Security.ContextNotFound);
            Assert.IsGreaterThan(0, rig.Security.DecryptionFailed);
            Assert.IsGreaterThan(0, rig.Security.Replayed);
            Assert.IsGreaterThan(0, rig.Security.BadOption);
            Console.WriteLine(Cases + " cases in " + watch.ElapsedMilliseconds + " ms; resource called " + (resource.Calls - handshakeCalls) + " times");
            foreach (var o in outcomes)
            {
                Console.WriteLine(o.Value.ToString().PadLeft(7) + "  " + o.Key);
            }

            // The server still serves every client afterwards.
            for (int c = 0; c < 3; c++)
            {
                clients[c].Build(CoapMessageType.Confirmable, CoapCode.Get, "temp", -1, null, null);
                Assert.AreEqual(1, rig.Send(clients[c]));
                Assert.IsGreaterThan(0, clients[c].Unprotect(rig.Transport.SentBuffer(0), rig.Transport.SentLength(0)));
                Assert.AreEqual(CoapParseResult.Ok, inner.Parse(clients[c].Plain, 0, clients[c].PlainLength));
                Assert.AreEqual(CoapCode.Content, inner.Code);
            }
        }

        // A protected answer: the response to this request, which the client verifies with the request's Partial IV
        // (the Echo challenge to a client without a window).
        private static string Protected(OscoreRig.Client client, byte[] datagram, byte[] reply, CoapMessage answer, CoapMessage inner, CoapMessage parsed, string context)
        {
            CoapParseResult result = parsed.Parse(datagram, 0, datagram.Length);
            Assert.IsTrue(result == CoapParseResult.Ok || result == CoapParseResult.TooManyOptions, context);
            int at = parsed.FindOption(CoapOption.Oscore);
            var option = new OscoreOption();
            Assert.IsTrue(option.Parse(datagram, parsed.GetOptionOffset(at), parsed.GetOptionLength(at)), context);
            long partialIv = option.PartialIv(datagram);
            Assert.IsGreaterThan(0, client.Unprotect(reply, reply.Length, partialIv), "a protected answer the client does not verify: " + context);
            Assert.AreEqual(CoapParseResult.Ok, inner.Parse(client.Plain, 0, client.PlainLength), context);
            CheckHeader(parsed, answer, context);
            return "protected " + CodeText(inner.Code) + (inner.FindOption(CoapOption.Echo) >= 0 ? " with Echo" : string.Empty);
        }

        // An unprotected answer: to a request with one OSCORE option one of the fixed refusals (Max-Age 0), or an RST
        // for an outer format error; to any other (the mutation took the option away), whatever the server answers
        // to a plain request (4.01 "OSCORE required", 4.02 for an unknown critical option, ...), with no secret in it.
        private static string Unprotected(byte[] datagram, byte[] reply, CoapMessage answer, CoapMessage parsed, string context)
        {
            CoapParseResult result = parsed.Parse(datagram, 0, Math.Min(datagram.Length, MaxRequestSize));
            if (answer.Type == CoapMessageType.Reset || answer.Code == CoapCode.Empty)
            {
                Assert.AreEqual(4, reply.Length, context);
                return answer.Type == CoapMessageType.Reset ? "RST" : "empty ACK";
            }

            Assert.IsTrue(CoapCode.IsResponse(answer.Code), context);
            bool oscoreRequest = parsed.HasHeader && parsed.CountOptions(CoapOption.Oscore) == 1 && (parsed.Code >> 5) == 0 && parsed.Code != CoapCode.Empty
                && (parsed.Type == CoapMessageType.Confirmable || parsed.Type == CoapMessageType.NonConfirmable)
                && (result == CoapParseResult.Ok || result == CoapParseResult.TooManyOptions || datagram.Length >= MaxRequestSize);
            if (result == CoapParseResult.Ok)
            {
                CheckHeader(parsed, answer, context);
            }

            if (!oscoreRequest)
            {
                return "plain " + CodeText(answer.Code);
            }

            byte[] payload = reply.AsSpan(answer.PayloadOffset, answer.PayloadLength).ToArray();
            var match = Refusals.Where(r => r.Code == answer.Code && r.Payload.AsSpan().SequenceEqual(payload)).ToArray();
            Assert.HasCount(1, match, "not one of the OSCORE refusals: " + context);
            Assert.IsTrue(answer.TryGetUIntOption(CoapOption.MaxAge, 60, out uint maxAge) && maxAge == 0, "a refusal without Max-Age 0: " + context);
            if (answer.Code == CoapCode.RequestEntityTooLarge)
            {
                Assert.IsGreaterThanOrEqualTo(MaxRequestSize, datagram.Length, context);
            }

            return CodeText(answer.Code) + (payload.Length > 0 ? " " + Encoding.ASCII.GetString(payload) : string.Empty);
        }

        // A CON is answered with an ACK or RST with its Message ID, a NON with a NON; a response echoes the token.
        private static void CheckHeader(CoapMessage request, CoapMessage answer, string context)
        {
            if (request.Type == CoapMessageType.Confirmable)
            {
                Assert.IsTrue(answer.Type == CoapMessageType.Acknowledgement || answer.Type == CoapMessageType.Reset, context);
                Assert.AreEqual(request.MessageId, answer.MessageId, context);
            }
            else if (request.Type == CoapMessageType.NonConfirmable)
            {
                Assert.AreEqual(CoapMessageType.NonConfirmable, answer.Type, context);
            }

            if (answer.Type != CoapMessageType.Reset && answer.Code != CoapCode.Empty)
            {
                Assert.IsTrue(answer.TokenEquals(request.Buffer, request.TokenOffset, request.TokenLength), "token not echoed: " + context);
            }
        }

        // No 6 bytes in a row of the secret anywhere in the datagram.
        private static void AssertNoSecret(byte[] reply, string context)
        {
            for (int k = 0; k + 6 <= Secret.Length; k++)
            {
                Assert.AreEqual(-1, reply.AsSpan().IndexOf(Secret.AsSpan(k, 6)), "plaintext in an unprotected answer: " + context);
            }
        }

        private static string CodeText(byte code) => (code >> 5) + "." + (code & 0x1F).ToString("00");

        /// <summary>GET, PUT and POST on one path: counts its calls and checks each request is protected and carries the secret.</summary>
        private sealed class SecretResource : CoapResource
        {
            private static readonly byte[] Value = Encoding.ASCII.GetBytes("21.5");

            internal SecretResource(string path)
                : base(path, CoapMethods.Get | CoapMethods.Put | CoapMethods.Post)
            {
                ContentFormat = CoapContentFormat.TextPlain;
                Observable = true;
            }

            internal int Calls { get; private set; }

            internal int Unprotected { get; private set; }

            internal int Damaged { get; private set; }

            public override bool Accepts(byte method, int contentFormat) =>
                contentFormat == CoapContentFormat.TextPlain || contentFormat == CoapContentFormat.None;

            public override void Get(CoapMessage request, CoapResponse response)
            {
                Check(request, request.PayloadLength == 0);
                response.SetContentFormat(CoapContentFormat.TextPlain);
                response.AddPayload(Value, 0, Value.Length);
            }

            public override void Put(CoapMessage request, CoapResponse response)
            {
                Check(request, false);
                response.Code = CoapCode.Changed;
            }

            public override void Post(CoapMessage request, CoapResponse response)
            {
                Check(request, false);
                response.Code = CoapCode.Changed;
            }

            private void Check(CoapMessage request, bool empty)
            {
                Calls++;
                if (!request.IsProtected)
                {
                    Unprotected++;
                }

                bool secret = request.Buffer.AsSpan(request.PayloadOffset, request.PayloadLength).SequenceEqual(Secret);
                if (!secret && !empty)
                {
                    Damaged++;
                }
            }
        }
    }
}
