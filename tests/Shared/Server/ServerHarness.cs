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

        /// <summary>The random source: Message IDs start at 7, Observe values at 500, every first retransmission timeout is 2500 ms.</summary>
        public readonly RepeatingRandom Random;

        /// <summary>The server.</summary>
        public readonly CoapServer Server;

        /// <summary>The /temp-like test resource at "test".</summary>
        public readonly CountingResource Counting = new CountingResource("test");

        /// <summary>The resource at "picky", whose Content-Format check throws.</summary>
        public readonly ThrowingCheckResource Picky = new ThrowingCheckResource();

        /// <summary>The observable resource at "obs".</summary>
        public readonly ObservedResource Observed = new ObservedResource("obs");

        /// <summary>The resource at "sep" that answers separately.</summary>
        public readonly SeparateResource Separate = new SeparateResource();

        /// <summary>Endpoint requests come from.</summary>
        public readonly CoapEndpoint Client = Endpoint(1);

        /// <summary>Creates the server with small tables.</summary>
        public ServerHarness(int deduplicationEntries)
            : this(deduplicationEntries, new RepeatingRandom(7, 500), 4)
        {
        }

        /// <summary>Creates the server with small tables, <paramref name="random"/> and room for <paramref name="observers"/> observers.</summary>
        public ServerHarness(int deduplicationEntries, RepeatingRandom random, int observers)
            : this(deduplicationEntries, random, observers, 250)
        {
        }

        /// <summary>As above, with the loop's poll interval.</summary>
        public ServerHarness(int deduplicationEntries, RepeatingRandom random, int observers, int pollMilliseconds)
        {
            Random = random;
            CoapServerOptions options = new CoapServerOptions();
            options.MaxRequestSize = 64;
            options.MaxResponseSize = 128;
            options.DeduplicationEntries = deduplicationEntries;
            options.MaxObservers = observers;
            options.MaxSeparateResponses = 2;
            options.ReceivePollMilliseconds = pollMilliseconds;
            Server = new CoapServer(Transport, Clock, Random, options);
            Server.Add(Counting);
            Server.Add(new ThrowingResource());
            Server.Add(new HugeResource());
            Server.Add(new CountingResource("a/b"));
            Server.Add(new InvalidCodeResource());
            Server.Add(Picky);
            Server.Add(Observed);
            Server.Add(Separate);
            Server.Add(new UnorderedOptionsResource());
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

        /// <summary>Delivers <paramref name="datagram"/> from <paramref name="from"/> (none when null), runs one turn of the loop and returns everything the server sent in it.</summary>
        public byte[][] Turn(byte[] datagram, CoapEndpoint from)
        {
            Transport.ClearSent();
            if (datagram != null)
            {
                Transport.Inject(datagram, from);
            }

            Server.Poll(0);
            byte[][] sent = new byte[Transport.SentCount][];
            for (int i = 0; i < sent.Length; i++)
            {
                sent[i] = Transport.Sent(i);
            }

            return sent;
        }

        /// <summary>Runs one turn of the loop with no datagram; returns what the server sent.</summary>
        public byte[][] Turn()
        {
            return Turn(null, null);
        }

        /// <summary>Registers <see cref="Client"/> with <paramref name="token"/> on "obs" (CON, Message ID <paramref name="messageId"/>); returns the ACK.</summary>
        public CoapMessage Register(int messageId, byte[] token)
        {
            byte[][] sent = Turn(Requests.Register(messageId, token), Client);
            Assert.AreEqual(1, sent.Length);
            return Parse(sent[0]);
        }

        /// <summary>The Observe value of <paramref name="message"/>, or -1 when it has none.</summary>
        public static int ObserveOf(CoapMessage message)
        {
            uint value;
            return message.TryGetUIntOption(CoapOption.Observe, 0, out value) ? (int)value : -1;
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
