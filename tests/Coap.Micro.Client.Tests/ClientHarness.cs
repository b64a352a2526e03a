using Coap.Micro;
using nanoFramework.TestFramework;
using ThermoDev.Tests.Server;

namespace ThermoDev.Tests.Client
{
    /// <summary>
    /// A client on the in-memory transport with a fake clock and a scripted random source, and helpers
    /// to play the server: read what the client sent, answer it, move time.
    /// </summary>
    public sealed class ClientHarness
    {
        /// <summary>The transport.</summary>
        public readonly InMemoryTransport Transport = new InMemoryTransport();

        /// <summary>The clock.</summary>
        public readonly FakeClock Clock = new FakeClock();

        /// <summary>The random source: Message IDs start at 0x1000, the first token is A1 B2 C3 D4, every first retransmission timeout is 2500 ms.</summary>
        public readonly RepeatingRandom Random = new RepeatingRandom(0x1000, 0xA1, 0xB2, 0xC3, 0xD4, 500);

        /// <summary>The client.</summary>
        public readonly CoapClient Client;

        /// <summary>The server the requests go to.</summary>
        public readonly CoapEndpoint Server = ServerHarness.Endpoint(9);

        /// <summary>Another server.</summary>
        public readonly CoapEndpoint OtherServer = ServerHarness.Endpoint(8);

        /// <summary>Told of the responses of requests made by <see cref="Get"/>.</summary>
        public readonly RecordingHandler Handler = new RecordingHandler();

        /// <summary>A client with default options.</summary>
        public ClientHarness()
            : this(new CoapClientOptions())
        {
        }

        /// <summary>A client with <paramref name="options"/>.</summary>
        public ClientHarness(CoapClientOptions options)
        {
            Client = new CoapClient(Transport, Clock, Random, options);
            Handler.Client = Client;
        }

        /// <summary>A CON GET of <paramref name="path"/> to <see cref="Server"/> with a 256-byte response buffer, told to <see cref="Handler"/>.</summary>
        public CoapRequest Get(string path)
        {
            CoapRequest request = new CoapRequest(256);
            request.SetEndpoint(Server);
            Assert.IsTrue(request.SetPath(path));
            request.Handler = Handler;
            return request;
        }

        /// <summary>Sends <paramref name="request"/> and runs one turn; returns the message it sent.</summary>
        public CoapMessage Send(CoapRequest request)
        {
            Assert.AreEqual((int)CoapClientResult.Pending, (int)Client.Send(request));
            byte[][] sent = Turn();
            Assert.AreEqual(1, sent.Length);
            return ServerHarness.Parse(sent[0]);
        }

        /// <summary>Runs one turn of the client's loop with no datagram; returns what it sent.</summary>
        public byte[][] Turn()
        {
            return Deliver(null, null);
        }

        /// <summary>Delivers <paramref name="datagram"/> from <see cref="Server"/>, runs one turn and returns what the client sent.</summary>
        public byte[][] Deliver(byte[] datagram)
        {
            return Deliver(datagram, Server);
        }

        /// <summary>Delivers <paramref name="datagram"/> from <paramref name="from"/> (nothing when null), runs one turn and returns what the client sent.</summary>
        public byte[][] Deliver(byte[] datagram, CoapEndpoint from)
        {
            Transport.ClearSent();
            if (datagram != null)
            {
                Transport.Inject(datagram, from);
            }

            Client.Poll(0);
            byte[][] sent = new byte[Transport.SentCount][];
            for (int i = 0; i < sent.Length; i++)
            {
                sent[i] = Transport.Sent(i);
            }

            return sent;
        }

        /// <summary>Moves the clock by <paramref name="milliseconds"/> and runs one turn; returns what the client sent.</summary>
        public byte[][] After(long milliseconds)
        {
            Clock.Now += milliseconds;
            return Turn();
        }

        /// <summary>The datagram as hex text.</summary>
        public static string HexOf(byte[] datagram)
        {
            return Hex.Format(datagram, 0, datagram.Length);
        }

        /// <summary>Asserts <paramref name="datagram"/> is an empty message of <paramref name="type"/> with <paramref name="messageId"/>.</summary>
        public static void AssertEmpty(byte[] datagram, CoapMessageType type, int messageId)
        {
            CoapMessage message = ServerHarness.Parse(datagram);
            Assert.AreEqual((int)type, (int)message.Type);
            Assert.AreEqual(CoapCode.Empty, message.Code);
            Assert.AreEqual(messageId, (int)message.MessageId);
        }
    }
}
