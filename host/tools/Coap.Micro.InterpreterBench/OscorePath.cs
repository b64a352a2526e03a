#if !NO_OSCORE
using Coap.Micro;
using Coap.Micro.Oscore;

namespace Coap.Micro.InterpreterBench
{
    /// <summary>
    /// CON GET /temp protected with OSCORE (RFC 8613) through a device whose server has an
    /// <see cref="OscoreServerSecurity"/>: verified and decrypted, the replay window checked and moved, handled, the
    /// 2.05 protected (outer code 2.04, §4.2). Every request needs a Partial IV of its own, so the set-up takes the
    /// Echo step (Appendix B.1.2) and protects a pool of requests beforehand; an operation is one of them in and
    /// its answer out, as for the plain GET.
    /// </summary>
    public sealed class OscoreGetPath : BenchPath
    {
        private static readonly byte[] MasterSecret = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
        private static readonly byte[] MasterSalt = { 0x9E, 0x7C, 0xA9, 0x22, 0x23, 0x78, 0x63, 0x40 };
        private static readonly byte[] ServerId = { 0x53 };
        private static readonly byte[] ClientId = { 0x01 };

        private Device _device;
        private CoapEndpoint _client;
        private OscoreProtector _protector;
        private byte[][] _pool;
        private int _next;
        private int _sentBefore;
        private long _sequenceNumber;

        /// <summary>The path, timed over <paramref name="operations"/> operations by default (its pool holds twice as many).</summary>
        public OscoreGetPath(string name, int operations)
            : base(name, operations)
        {
        }

        /// <inheritdoc/>
        public override string Setup()
        {
            _device = new Device(4, 5);
            var security = new OscoreServerSecurity(1);
            security.Add(new OscoreSecurityContext(MasterSecret, MasterSalt, ServerId, ClientId, null), new OscoreSenderSequence(new NoStore(), OscoreSenderSequence.DefaultBlock));
            _device.Server.Security = security;
            _protector = new OscoreProtector(new OscoreSecurityContext(MasterSecret, MasterSalt, ClientId, ServerId, null), 256);
            _client = Datagrams.Peer(1);

            // The Echo step: the first request is answered with a protected 4.01 carrying Echo; its repetition with
            // that value (an inner option) sets the replay window up and is answered 2.05.
            byte[] get = Datagrams.Request(Datagrams.Confirmable, CoapCode.Get, 0x0001, 0x7A01, "temp", -1, null);
            byte[] plain = new byte[256];
            int answer = Send(get, plain);
            var parsed = new CoapMessage(8);
            parsed.Parse(plain, 0, answer < 0 ? 0 : answer);
            int at = answer < 0 ? -1 : parsed.FindOption(CoapOption.Echo);
            if (at < 0 || parsed.Code != CoapCode.Unauthorized)
            {
                return "the first protected request was not answered 4.01 with Echo";
            }

            byte[] echo = new byte[parsed.GetOptionLength(at)];
            parsed.CopyOptionValue(at, echo, 0);
            answer = Send(WithEcho(get, echo), plain);
            parsed.Parse(plain, 0, answer < 0 ? 0 : answer);
            if (answer < 0 || parsed.Code != CoapCode.Content)
            {
                return "the repetition with Echo was not answered 2.05";
            }

            _pool = new byte[Operations * 2 + 64][];
            for (int i = 0; i < _pool.Length; i++)
            {
                get[2] = (byte)(i >> 8);
                get[3] = (byte)i;
                _pool[i] = Protect(get);
                int mid = 0x8000 + (i & 0x3FFF);
                _pool[i][2] = (byte)(mid >> 8);
                _pool[i][3] = (byte)mid;
            }

            _sentBefore = _device.Transport.Sent;
            return null;
        }

        /// <inheritdoc/>
        public override void Run(int operations)
        {
            BenchTransport transport = _device.Transport;
            CoapServer server = _device.Server;
            byte[][] pool = _pool;
            for (int i = 0; i < operations; i++)
            {
                transport.Prepare(pool[_next++ % pool.Length], null, _client, false);
                transport.Ready = true;
                server.Poll(0);
            }
        }

        /// <inheritdoc/>
        public override string Verify(int operations)
        {
            BenchTransport transport = _device.Transport;
            int sent = transport.Sent - _sentBefore;
            _sentBefore = transport.Sent;
            if (_next > _pool.Length)
            {
                return "the pool of " + _pool.Length + " protected requests is used up (a smaller --scale)";
            }

            if (sent != operations)
            {
                return sent + " answers to " + operations + " requests";
            }

            if (((transport.LastFirstByte >> 4) & 3) != Datagrams.Acknowledgement || transport.LastCode != CoapCode.Changed)
            {
                return "the last answer was type " + ((transport.LastFirstByte >> 4) & 3) + " code " + transport.LastCode;
            }

            return null;
        }

        // Protects `request`, sends it, unprotects the answer into `plain`: its length, or a negative number.
        private int Send(byte[] request, byte[] plain)
        {
            long partialIv = _sequenceNumber;
            byte[] wire = Protect(request);
            BenchTransport transport = _device.Transport;
            transport.Prepare(wire, null, _client, false);
            transport.KeepLastSent = true;
            transport.Ready = true;
            _device.Server.Poll(0);
            transport.KeepLastSent = false;
            return _protector.UnprotectResponse(transport.LastSent, 0, transport.LastLength, partialIv, plain, 0);
        }

        private byte[] Protect(byte[] request)
        {
            byte[] output = new byte[request.Length + OscoreProtector.MaxOverhead + 8];
            int length = _protector.ProtectRequest(request, 0, request.Length, _sequenceNumber++, output, 0);
            byte[] wire = new byte[length];
            System.Array.Copy(output, wire, length);
            return wire;
        }

        // The request with an Echo option (252) after its options.
        private static byte[] WithEcho(byte[] request, byte[] echo)
        {
            var parsed = new CoapMessage(8);
            parsed.Parse(request, 0, request.Length);
            byte[] buffer = new byte[128];
            var writer = new CoapMessageWriter();
            byte[] token = new byte[parsed.TokenLength];
            parsed.CopyToken(token, 0);
            writer.Begin(buffer, 0, buffer.Length, parsed.Type, parsed.Code, parsed.MessageId, token, 0, token.Length);
            for (int i = 0; i < parsed.OptionCount; i++)
            {
                writer.AddOption(parsed.GetOptionNumber(i), request, parsed.GetOptionOffset(i), parsed.GetOptionLength(i));
            }

            writer.AddOption(CoapOption.Echo, echo, 0, echo.Length);
            byte[] result = new byte[writer.Length];
            System.Array.Copy(buffer, result, result.Length);
            return result;
        }

        private sealed class NoStore : ISequenceNumberStore
        {
            private long _value;

            public long Load()
            {
                return _value;
            }

            public void Store(long value)
            {
                _value = value;
            }
        }
    }
}
#endif
