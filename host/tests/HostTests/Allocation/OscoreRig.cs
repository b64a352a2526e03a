using System;
using Coap.Micro;
using Coap.Micro.Oscore;
using ThermoDev.HostTests.Support;

namespace ThermoDev.HostTests.Allocation
{
    /// <summary>
    /// A <see cref="CoapServer"/> with <see cref="OscoreServerSecurity"/> on a <see cref="MemoryTransport"/>, and OSCORE
    /// clients built on <see cref="OscoreProtector"/> (RFC 8613) that talk to it: requests are protected into a
    /// buffer of the client's, answers unprotected into another, so a client allocates nothing per request either.
    /// </summary>
    public sealed class OscoreRig
    {
        /// <summary>The server's Sender ID (every client's Recipient ID).</summary>
        public static readonly byte[] ServerId = { 0x53 };

        private static readonly byte[] MasterSecret = Convert.FromHexString("0102030405060708090A0B0C0D0E0F10");
        private static readonly byte[] MasterSalt = Convert.FromHexString("9E7CA92223786340");

        /// <summary>A server with room for <paramref name="maxContexts"/> contexts, protected reads and writes required.</summary>
        public OscoreRig(int maxContexts, CoapServerOptions options)
        {
            Transport = new MemoryTransport();
            Server = new CoapServer(Transport, new FixedClock(), new CoapRandom(new Random(7)), options);
            Security = new OscoreServerSecurity(maxContexts);
            Server.Security = Security;
            Server.RequireProtectedReads = true;
            Server.RequireProtectedWrites = true;
        }

        /// <summary>The transport.</summary>
        public MemoryTransport Transport { get; }

        /// <summary>The server.</summary>
        public CoapServer Server { get; }

        /// <summary>Its OSCORE.</summary>
        public OscoreServerSecurity Security { get; }

        /// <summary>The server's context for the client with Sender ID <paramref name="clientId"/> (and ID Context, or null).</summary>
        public static OscoreSecurityContext ServerContext(byte[] clientId, byte[] idContext) =>
            new OscoreSecurityContext(MasterSecret, MasterSalt, ServerId, clientId, idContext);

        /// <summary>Adds a client's context to the server and returns that client, at endpoint 10.0.0.<paramref name="peer"/>.</summary>
        public Client AddClient(byte[] clientId, byte[] idContext, int peer)
        {
            Security.Add(ServerContext(clientId, idContext), new OscoreSenderSequence(new MemoryStore(), OscoreSenderSequence.DefaultBlock));
            return new Client(new OscoreSecurityContext(MasterSecret, MasterSalt, clientId, ServerId, idContext), peer);
        }

        /// <summary>Delivers the client's last protected request and runs one turn; returns the datagrams sent.</summary>
        public int Send(Client client)
        {
            Transport.ClearSent();
            Transport.Deliver(client.Wire, client.WireLength, client.Endpoint);
            Server.Poll(0);
            return Transport.SentCount;
        }

        /// <summary>Delivers <paramref name="datagram"/> from the client's endpoint and runs one turn; returns the datagrams sent.</summary>
        public int Send(Client client, byte[] datagram)
        {
            Transport.ClearSent();
            Transport.Deliver(datagram, client.Endpoint);
            Server.Poll(0);
            return Transport.SentCount;
        }

        /// <summary>
        /// The Echo step (RFC 8613 Appendix B.1.2, RFC 9175 §2.4): a first request is answered with a protected 4.01
        /// carrying Echo, its repetition with that value inside sets the window up. Throws if the server does otherwise.
        /// </summary>
        public void Handshake(Client client, string path)
        {
            client.Build(CoapMessageType.Confirmable, CoapCode.Get, path, -1, null, null);
            if (Send(client) != 1 || client.Unprotect(Transport.SentBuffer(0), Transport.SentLength(0)) < 0)
            {
                throw new InvalidOperationException("no protected answer to the first request");
            }

            var answer = new CoapMessage(8);
            answer.Parse(client.Plain, 0, client.PlainLength);
            int at = answer.FindOption(CoapOption.Echo);
            if (answer.Code != CoapCode.Unauthorized || at < 0)
            {
                throw new InvalidOperationException("the first request was not answered 4.01 with Echo");
            }

            var echo = new byte[answer.GetOptionLength(at)];
            answer.CopyOptionValue(at, echo, 0);
            client.Build(CoapMessageType.Confirmable, CoapCode.Get, path, -1, null, echo);
            if (Send(client) != 1 || client.Unprotect(Transport.SentBuffer(0), Transport.SentLength(0)) < 0)
            {
                throw new InvalidOperationException("no protected answer to the repetition with Echo");
            }

            answer.Parse(client.Plain, 0, client.PlainLength);
            if (answer.Code != CoapCode.Content)
            {
                throw new InvalidOperationException("the repetition with Echo was answered " + answer.Code.ToString("X2"));
            }
        }

        /// <summary>An OSCORE client: its context, Sender Sequence Number and buffers, made once.</summary>
        public sealed class Client
        {
            private readonly OscoreProtector _protector;
            private readonly CoapMessageWriter _writer = new CoapMessageWriter();
            private readonly byte[] _token = { 0x0C, 0x01 };
            private readonly byte[][] _segments = new byte[4][];

            internal Client(OscoreSecurityContext context, int peer)
            {
                Context = context;
                _protector = new OscoreProtector(context, 1024);
                Endpoint = new CoapEndpoint();
                Endpoint.Set(new byte[] { 10, 0, 0, (byte)peer }, 0, 4);
            }

            /// <summary>The client's context.</summary>
            public OscoreSecurityContext Context { get; }

            /// <summary>Where it sends from.</summary>
            public CoapEndpoint Endpoint { get; }

            /// <summary>Its next Sender Sequence Number (the next request's Partial IV).</summary>
            public long SequenceNumber { get; set; }

            /// <summary>The Partial IV of the last request built.</summary>
            public long RequestPartialIv { get; private set; }

            /// <summary>The last request, unprotected (<see cref="RequestLength"/> bytes).</summary>
            public byte[] Request { get; } = new byte[1024];

            /// <summary>Length of <see cref="Request"/>.</summary>
            public int RequestLength { get; private set; }

            /// <summary>The last request, protected (<see cref="WireLength"/> bytes).</summary>
            public byte[] Wire { get; } = new byte[1100];

            /// <summary>Length of <see cref="Wire"/>.</summary>
            public int WireLength { get; private set; }

            /// <summary>The last answer unprotected by <see cref="Unprotect"/> (<see cref="PlainLength"/> bytes).</summary>
            public byte[] Plain { get; } = new byte[1100];

            /// <summary>Length of <see cref="Plain"/>.</summary>
            public int PlainLength { get; private set; }

            /// <summary>The Message ID of the next request.</summary>
            public int MessageId { get; set; } = 1;

            /// <summary>
            /// Builds a request to <paramref name="path"/> (one segment) with Observe when <paramref name="observe"/> is
            /// 0 or more, an inner Echo when given, and a text payload when given; protects it with the next sequence
            /// number into <see cref="Wire"/>. Returns the protected length. Allocates nothing after the first call per path.
            /// </summary>
            public int Build(CoapMessageType type, byte code, string path, int observe, byte[] payload, byte[] echo)
            {
                _writer.Begin(Request, 0, Request.Length, type, code, (ushort)(MessageId++ & 0xFFFF), _token, 0, _token.Length);
                if (observe >= 0)
                {
                    _writer.AddUIntOption(CoapOption.Observe, (uint)observe);
                }

                byte[] segment = Segment(path);
                _writer.AddOption(CoapOption.UriPath, segment, 0, segment.Length);
                if (payload != null)
                {
                    _writer.AddUIntOption(CoapOption.ContentFormat, CoapContentFormat.TextPlain);
                }

                if (echo != null)
                {
                    _writer.AddOption(CoapOption.Echo, echo, 0, echo.Length);
                }

                if (payload != null)
                {
                    _writer.AddPayload(payload, 0, payload.Length);
                }

                RequestLength = _writer.Length;
                RequestPartialIv = SequenceNumber++;
                WireLength = _protector.ProtectRequest(Request, 0, RequestLength, RequestPartialIv, Wire, 0);
                return WireLength;
            }

            /// <summary>Unprotects an answer to the last request into <see cref="Plain"/>: its length or an <see cref="OscoreProtector"/> Result.</summary>
            public int Unprotect(byte[] answer, int length) => Unprotect(answer, length, RequestPartialIv);

            /// <summary>Unprotects an answer to the request with Partial IV <paramref name="requestPartialIv"/> into <see cref="Plain"/>.</summary>
            public int Unprotect(byte[] answer, int length, long requestPartialIv)
            {
                int result = _protector.UnprotectResponse(answer, 0, length, requestPartialIv, Plain, 0);
                PlainLength = result < 0 ? 0 : result;
                return result;
            }

            private byte[] Segment(string path)
            {
                for (int i = 0; i < _segments.Length; i++)
                {
                    byte[] s = _segments[i];
                    if (s == null)
                    {
                        return _segments[i] = System.Text.Encoding.ASCII.GetBytes(path);
                    }

                    if (Same(s, path))
                    {
                        return s;
                    }
                }

                throw new InvalidOperationException("too many paths");
            }

            private static bool Same(byte[] bytes, string text)
            {
                if (bytes.Length != text.Length)
                {
                    return false;
                }

                for (int i = 0; i < bytes.Length; i++)
                {
                    if (bytes[i] != text[i])
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        private sealed class MemoryStore : ISequenceNumberStore
        {
            private long _value;

            public long Load() => _value;

            public void Store(long value) => _value = value;
        }

        private sealed class FixedClock : ICoapClock
        {
            public long NowMilliseconds => 0;
        }
    }
}
