using System;
using System.Net;
using System.Text;
using System.Threading;
using Coap.Micro;
using Coap.Micro.Dotnet;
using Coap.Micro.Oscore;
using ThermoDev.HostTests.Interop;
using CoapClient = Coap.Micro.CoapClient;
using ThermoDev.Tests.Server;

namespace ThermoDev.HostTests.Oscore
{
    /// <summary>
    /// A Coap.Micro server with <see cref="OscoreServerSecurity"/> and a Coap.Micro client with <see cref="OscoreClientSecurity"/>,
    /// each on its own UDP socket on 127.0.0.1, sharing one pair of security contexts (RFC 8613 §3.2). The client's transport
    /// is wrapped so a test can see, alter, hold back or replay datagrams.
    /// </summary>
    public sealed class EndToEndOscoreRig : IDisposable
    {
        public static readonly byte[] MasterSecret = Hex("0102030405060708090a0b0c0d0e0f10");
        public static readonly byte[] MasterSalt = Hex("9e7ca92223786340");
        public static readonly byte[] ClientId = { 0x01 };
        public static readonly byte[] ServerId = Array.Empty<byte>();

        private readonly MemoryStore _serverStore = new MemoryStore();

        public EndToEndOscoreRig(bool requireProtectedWrites = false, byte[] clientSenderId = null, bool startClientLoop = true, int reregistrationDelayMilliseconds = 2000)
        {
            ServerTransport = new DotnetUdpTransport(new IPEndPoint(IPAddress.Loopback, 0));
            StartServer(requireProtectedWrites);
            ClientTransport = new TappedTransport(new DotnetUdpTransport(new IPEndPoint(IPAddress.Loopback, 0)));
            Client = new CoapClient(ClientTransport, new MonotonicClock(), new CoapRandom(), new CoapClientOptions { ReceivePollMilliseconds = 50, ReregistrationDelayMilliseconds = reregistrationDelayMilliseconds });
            ClientSecurity = new OscoreClientSecurity(2);
            Context = ClientSecurity.Add(
                new OscoreSecurityContext(MasterSecret, MasterSalt, clientSenderId ?? ClientId, ServerId, null),
                new OscoreSenderSequence(new MemoryStore(), OscoreSenderSequence.DefaultBlock));
            Client.Security = ClientSecurity;
            if (startClientLoop)
            {
                Client.Start();
            }
        }

        public DotnetUdpTransport ServerTransport { get; private set; }

        public CoapServer Server { get; private set; }

        public OscoreServerSecurity ServerSecurity { get; private set; }

        public LoopbackServer.TextResource TextResource { get; private set; }

        public LoopbackServer.CounterResource Observed { get; private set; }

        public SizedResource Big { get; private set; }

        public ShortLivedResource Short { get; private set; }

        public LaterResource Later { get; private set; }

        public TappedTransport ClientTransport { get; }

        public CoapClient Client { get; }

        public OscoreClientSecurity ClientSecurity { get; }

        public int Context { get; }

        public int ServerPort => ServerTransport.LocalEndPoint.Port;

        public CoapEndpoint Target => DotnetUdpTransport.ToEndpoint(new IPEndPoint(IPAddress.Loopback, ServerPort));

        /// <summary>A protected request of <paramref name="path"/> to the server.</summary>
        public CoapRequest Request(string path, byte method = CoapCode.Get, int capacity = 2048)
        {
            var request = new CoapRequest(capacity, 8, 64);
            request.SetEndpoint(Target);
            if (!request.SetPath(path))
            {
                throw new ArgumentException("bad path " + path);
            }

            request.Method = method;
            request.SecurityContext = Context;
            return request;
        }

        /// <summary>Stops the server and starts a new one, with the same contexts and stores, on the same port: its replay windows are new.</summary>
        public void RestartServer(bool requireProtectedWrites = false)
        {
            int port = ServerPort;
            Server.Stop(5000);
            ServerTransport.Dispose();
            ServerTransport = new DotnetUdpTransport(new IPEndPoint(IPAddress.Loopback, port));
            StartServer(requireProtectedWrites);
        }

        public static string Text(CoapRequest request) => Encoding.ASCII.GetString(request.ResponseBuffer, request.PayloadOffset, request.PayloadLength);

        public static OscoreSecurityContext ServerContext(byte[] clientId) => new OscoreSecurityContext(MasterSecret, MasterSalt, ServerId, clientId, null);

        public static byte[] Hex(string hex) => Convert.FromHexString(hex);

        public void Dispose()
        {
            Client.Stop(5000);
            ClientTransport.Dispose();
            Server.Stop(5000);
            ServerTransport.Dispose();
        }

        private void StartServer(bool requireProtectedWrites)
        {
            Server = new CoapServer(ServerTransport, new MonotonicClock(), new CoapRandom(), new CoapServerOptions { ReceivePollMilliseconds = 50 });
            ServerSecurity = new OscoreServerSecurity(2);
            ServerSecurity.Add(ServerContext(ClientId), new OscoreSenderSequence(_serverStore, OscoreSenderSequence.DefaultBlock));
            Server.Security = ServerSecurity;
            Server.RequireProtectedWrites = requireProtectedWrites;
            TextResource = new LoopbackServer.TextResource("test");
            Observed = new LoopbackServer.CounterResource("obs");
            Big = new SizedResource("big", 1000) { Tagged = true };
            Later = new LaterResource();
            Short = new ShortLivedResource();
            Server.Add(Short);
            Server.Add(TextResource);
            Server.Add(Observed);
            Server.Add(Big);
            Server.Add(Later);
            Server.Start();
        }

        /// <summary>Keeps the sequence number's block end in memory (a restart of the rig's server keeps it).</summary>
        public sealed class MemoryStore : ISequenceNumberStore
        {
            private long _value;

            public long Load() => Interlocked.Read(ref _value);

            public void Store(long value) => Interlocked.Exchange(ref _value, value);
        }

        /// <summary>/short: an observable number whose representations are fresh for 1 s (Max-Age 1).</summary>
        public sealed class ShortLivedResource : CoapResource
        {
            private int _value;

            public ShortLivedResource()
                : base("short", CoapMethods.Get)
            {
                ContentFormat = CoapContentFormat.TextPlain;
                Observable = true;
            }

            public void Set(int value)
            {
                Volatile.Write(ref _value, value);
                Changed();
            }

            public override void Get(CoapMessage request, CoapResponse response)
            {
                response.SetContentFormat(CoapContentFormat.TextPlain);
                response.SetMaxAge(1);
                response.AddPayloadNumber(Volatile.Read(ref _value));
            }
        }

        /// <summary>/later: GET is answered separately (RFC 7252 §5.2.2) when the test calls <see cref="Answer"/>.</summary>
        public sealed class LaterResource : CoapResource
        {
            public static readonly byte[] Payload = Encoding.ASCII.GetBytes("answered later");
            private int _ticket = -1;

            public LaterResource()
                : base("later", CoapMethods.Get)
            {
                ContentFormat = CoapContentFormat.TextPlain;
            }

            public int Ticket => Volatile.Read(ref _ticket);

            public override void Get(CoapMessage request, CoapResponse response)
            {
                Volatile.Write(ref _ticket, response.Defer());
            }

            public bool Answer() => SeparateReady(Ticket);

            public override void WriteSeparate(int ticket, CoapResponse response)
            {
                response.Code = CoapCode.Content;
                response.SetContentFormat(CoapContentFormat.TextPlain);
                response.AddPayload(Payload);
            }
        }

        /// <summary>
        /// The client's UDP transport, with taps: the datagrams it sends are kept (<see cref="LastSent"/>); the next one
        /// may be corrupted (<see cref="CorruptNextSend"/>); the next notification received may be held back and handed
        /// over after the one that follows it (<see cref="HoldNextNotification"/>).
        /// </summary>
        public sealed class TappedTransport : ICoapTransport, IDisposable
        {
            private readonly DotnetUdpTransport _inner;
            private readonly object _gate = new object();
            private byte[] _lastSent;
            private byte[] _held;
            private bool _releaseHeld;

            public TappedTransport(DotnetUdpTransport inner)
            {
                _inner = inner;
            }

            public volatile bool CorruptNextSend;

            /// <summary>False: nothing is copied (for allocation measurements); <see cref="LastSent"/> stays as it was.</summary>
            public volatile bool Record = true;

            public volatile bool HoldNextNotification;

            public int Held;

            /// <summary>Notifications received while this says so are lost.</summary>
            public volatile Func<bool> DropNotificationsWhile;

            public int MaxEndpointLength => _inner.MaxEndpointLength;

            public byte[] LastSent
            {
                get
                {
                    lock (_gate)
                    {
                        return _lastSent;
                    }
                }
            }

            public int Receive(byte[] buffer, int offset, int count, CoapEndpoint source, int timeoutMilliseconds)
            {
                byte[] held = null;
                lock (_gate)
                {
                    if (_releaseHeld && _held != null)
                    {
                        held = _held;
                        _held = null;
                        _releaseHeld = false;
                    }
                }

                if (held != null)
                {
                    // The source is the server's, as it was when held.
                    source.CopyFrom(_heldSource);
                    Array.Copy(held, 0, buffer, offset, held.Length);
                    return held.Length;
                }

                int length = _inner.Receive(buffer, offset, count, source, timeoutMilliseconds);
                if (length > 0 && HoldNextNotification && IsNotification(buffer, offset, length))
                {
                    HoldNextNotification = false;
                    lock (_gate)
                    {
                        _held = new byte[length];
                        Array.Copy(buffer, offset, _held, 0, length);
                        _heldSource.CopyFrom(source);
                    }

                    Interlocked.Increment(ref Held);
                    return -1;
                }

                Func<bool> drop = DropNotificationsWhile;
                if (length > 0 && drop != null && drop() && IsNotification(buffer, offset, length))
                {
                    return -1;
                }

                if (length > 0)
                {
                    lock (_gate)
                    {
                        _releaseHeld = _held != null;
                    }
                }

                return length;
            }

            private readonly CoapEndpoint _heldSource = new CoapEndpoint();

            public bool Send(byte[] buffer, int offset, int count, CoapEndpoint destination)
            {
                if (!Record)
                {
                    return _inner.Send(buffer, offset, count, destination);
                }

                byte[] copy = new byte[count];
                Array.Copy(buffer, offset, copy, 0, count);
                lock (_gate)
                {
                    _lastSent = copy;
                }

                if (CorruptNextSend && count > 8)
                {
                    CorruptNextSend = false;
                    copy = (byte[])copy.Clone();
                    copy[count - 1] ^= 0x5A; // the last byte of the tag (RFC 8613 §5.3)
                    return _inner.Send(copy, 0, count, destination);
                }

                return _inner.Send(buffer, offset, count, destination);
            }

            public void Wake() => _inner.Wake();

            public void Dispose() => _inner.Dispose();

            // A 2.05 with an Observe option: the outer form of a protected notification (RFC 8613 §4.1.3.5.2).
            private static bool IsNotification(byte[] buffer, int offset, int length)
            {
                var message = new CoapMessage(16);
                return message.Parse(buffer, offset, length) == CoapParseResult.Ok && message.Code == CoapCode.Content
                    && message.HasOption(CoapOption.Observe);
            }
        }
    }
}
