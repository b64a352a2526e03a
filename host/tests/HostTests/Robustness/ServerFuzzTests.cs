using System;
using Coap.Micro;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Interop;

namespace ThermoDev.HostTests.Robustness
{
    /// <summary>
    /// Random and mutated datagrams through the server on the in-memory transport, with a fixed seed so
    /// a failure repeats: nothing throws, every answer is well-formed and matches the request's layer,
    /// no table grows, and the server still serves afterwards.
    /// </summary>
    [TestClass]
    public class ServerFuzzTests
    {
        private const int Iterations = 200_000;

        private static readonly byte[][] Seeds =
        {
            Convert.FromHexString("41010001AAB474657374"),
            Convert.FromHexString("5103000244B47465737410FF33302E35"),
            Convert.FromHexString("40000003"),
            Convert.FromHexString("48011234010203040506070811016174657374"),
            Convert.FromHexString("4001BEEFBB2E77656C6C2D6B6E6F776E04636F7265"),
            Convert.FromHexString("4101000977B4746573746132D1EA02"),
        };

        [TestMethod]
        public void RandomAndMutatedDatagramsNeverBreakTheServer()
        {
            var random = new Random(20261125);
            var transport = new InMemoryTransport();
            var server = new CoapServer(transport, new FixedClock(), new CoapRandom(new Random(1)),
                new CoapServerOptions { MaxRequestSize = 256, DeduplicationEntries = 8 });
            var resource = new LoopbackServer.TextResource("test");
            server.Add(resource);
            var answer = new CoapMessage(32);
            var request = new CoapMessage(32);
            var from = new CoapEndpoint();

            for (int i = 0; i < Iterations; i++)
            {
                byte[] datagram = i % 4 == 0 ? RandomBytes(random) : Mutate(Seeds[random.Next(Seeds.Length)], random);
                from.Set(new byte[] { 10, (byte)random.Next(4) }, 0, 2);
                transport.ClearSent();
                transport.Inject(datagram, from);
                int duplicates = server.Counters.Duplicates;
                Assert.IsTrue(server.Poll(0));
                Assert.IsLessThanOrEqualTo(1, transport.SentCount);
                if (transport.SentCount == 1)
                {
                    CheckAnswer(datagram, transport.Sent(0), request, answer, i, server.Counters.Duplicates > duplicates);
                }
            }

            Assert.AreEqual(0, server.Counters.LoopFaults);
            Assert.IsLessThanOrEqualTo(server.Options.MaxObservers, server.Counters.Observers);
            Assert.AreEqual(Iterations, server.Counters.Datagrams);

            transport.ClearSent();
            var fresh = new CoapEndpoint();
            fresh.Set(new byte[] { 99 }, 0, 1);
            transport.Inject(Convert.FromHexString("4101FFFFAAB474657374"), fresh);
            server.Poll(0);
            Assert.AreEqual(1, transport.SentCount);
            Assert.AreEqual(CoapParseResult.Ok, answer.Parse(transport.Sent(0), 0, transport.Sent(0).Length));
            Assert.AreEqual(CoapCode.Content, answer.Code);
        }

        // Every answer parses; a CON gets ACK or RST with its Message ID; a NON gets a NON. A duplicate
        // (same endpoint, Message ID and type, RFC 7252 §4.5) gets the first copy's response, token included.
        private static void CheckAnswer(byte[] datagram, byte[] sent, CoapMessage request, CoapMessage answer, int iteration, bool duplicate)
        {
            string context = $"iteration {iteration}: {Convert.ToHexString(datagram)} -> {Convert.ToHexString(sent)}";
            Assert.AreEqual(CoapParseResult.Ok, answer.Parse(sent, 0, sent.Length), context);
            request.Parse(datagram, 0, Math.Min(datagram.Length, 256));
            Assert.IsTrue(request.HasHeader, context);
            if (request.Type == CoapMessageType.Confirmable)
            {
                Assert.IsTrue(answer.Type == CoapMessageType.Acknowledgement || answer.Type == CoapMessageType.Reset, context);
                Assert.AreEqual(request.MessageId, answer.MessageId, context);
            }
            else
            {
                Assert.AreEqual(CoapMessageType.NonConfirmable, request.Type, context);
                Assert.AreEqual(CoapMessageType.NonConfirmable, answer.Type, context);
            }

            if (answer.Type == CoapMessageType.Reset || answer.Code == CoapCode.Empty)
            {
                Assert.AreEqual(0, answer.TokenLength, context);
                Assert.AreEqual(4, sent.Length, context);
            }
            else
            {
                Assert.IsTrue(CoapCode.IsResponse(answer.Code), context);
                Assert.IsTrue(duplicate || answer.TokenEquals(request.Buffer, request.TokenOffset, request.TokenLength), context);
            }
        }

        private static byte[] RandomBytes(Random random)
        {
            var bytes = new byte[random.Next(0, 40)];
            random.NextBytes(bytes);
            if (bytes.Length > 0 && random.Next(2) == 0)
            {
                bytes[0] = (byte)(0x40 | (bytes[0] & 0x3F));
            }

            return bytes;
        }

        private static byte[] Mutate(byte[] seed, Random random)
        {
            byte[] bytes;
            switch (random.Next(4))
            {
                case 0:
                    bytes = seed[..random.Next(seed.Length + 1)];
                    break;
                case 1:
                    bytes = new byte[seed.Length + random.Next(1, 300)];
                    seed.CopyTo(bytes, 0);
                    random.NextBytes(bytes.AsSpan(seed.Length));
                    break;
                default:
                    bytes = (byte[])seed.Clone();
                    break;
            }

            for (int flips = random.Next(1, 4); flips > 0 && bytes.Length > 0; flips--)
            {
                bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
            }

            return bytes;
        }

        private sealed class FixedClock : ICoapClock
        {
            public long NowMilliseconds => 0;
        }
    }
}
