using System;
using Coap.Micro;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.Server
{
    /// <summary>A server on the in-memory transport with a fake clock, and helpers to exchange datagrams.</summary>
    public sealed class ServerHarness
    {
        /// <summary>The transport.</summary>
        public readonly InMemoryTransport Transport = new InMemoryTransport();

        /// <summary>The clock.</summary>
        public readonly FakeClock Clock = new FakeClock();

        /// <summary>The random source: Message IDs start at 7, every first retransmission timeout is 2500 ms.</summary>
        public readonly ScriptedRandom Random = new ScriptedRandom(7, 500);

        /// <summary>The server.</summary>
        public readonly CoapServer Server;

        /// <summary>The /temp-like test resource at "test".</summary>
        public readonly CountingResource Counting = new CountingResource("test");

        /// <summary>The resource at "picky", whose Content-Format check throws.</summary>
        public readonly ThrowingCheckResource Picky = new ThrowingCheckResource();

        /// <summary>Endpoint requests come from.</summary>
        public readonly CoapEndpoint Client = Endpoint(1);

        /// <summary>Creates the server with small tables.</summary>
        public ServerHarness(int deduplicationEntries)
        {
            CoapServerOptions options = new CoapServerOptions();
            options.MaxRequestSize = 64;
            options.MaxResponseSize = 128;
            options.DeduplicationEntries = deduplicationEntries;
            Server = new CoapServer(Transport, Clock, Random, options);
            Server.Add(Counting);
            Server.Add(new ThrowingResource());
            Server.Add(new HugeResource());
            Server.Add(new CountingResource("a/b"));
            Server.Add(new InvalidCodeResource());
            Server.Add(Picky);
        }

        /// <summary>An endpoint whose bytes are {1, 2, 3, 4, id}.</summary>
        public static CoapEndpoint Endpoint(byte id)
        {
            CoapEndpoint endpoint = new CoapEndpoint();
            endpoint.Set(new byte[] { 127, 0, 0, 1, id }, 0, 5);
            return endpoint;
        }

        /// <summary>Sends <paramref name="hex"/> and returns the answer, or null when none was sent.</summary>
        public byte[] Exchange(string hex)
        {
            return Exchange(Hex.Parse(hex), Client);
        }

        /// <summary>Sends a datagram from <paramref name="from"/> and returns the answer, or null.</summary>
        public byte[] Exchange(byte[] datagram, CoapEndpoint from)
        {
            Transport.ClearSent();
            Transport.Inject(datagram, from);
            Assert.IsTrue(Server.Poll(0));
            if (Transport.SentCount == 0)
            {
                return null;
            }

            Assert.AreEqual(1, Transport.SentCount);
            Assert.IsTrue(Transport.SentTo(0).SameAs(from));
            return Transport.Sent(0);
        }

        /// <summary>Parses an answer, asserting it is well-formed.</summary>
        public static CoapMessage Parse(byte[] datagram)
        {
            Assert.IsNotNull(datagram);
            CoapMessage message = new CoapMessage(16);
            Assert.AreEqual((int)CoapParseResult.Ok, (int)message.Parse(datagram, 0, datagram.Length));
            return message;
        }

        /// <summary>The payload of a message as text (ASCII).</summary>
        public static string PayloadText(CoapMessage message)
        {
            char[] text = new char[message.PayloadLength];
            for (int i = 0; i < text.Length; i++)
            {
                text[i] = (char)message.Buffer[message.PayloadOffset + i];
            }

            return new string(text);
        }
    }
}
