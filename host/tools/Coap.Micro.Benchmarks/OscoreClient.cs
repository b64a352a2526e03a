using System;
using Coap.Micro;
using Coap.Micro.Oscore;

namespace Coap.Micro.Benchmarks
{
    /// <summary>
    /// An OSCORE client (RFC 8613) of the firmware on a <see cref="FirmwareRig"/>: <see cref="Secure"/> gives the
    /// firmware's server an <see cref="OscoreServerSecurity"/> with one context per client; a client protects its
    /// requests with <see cref="OscoreProtector"/> and takes the Echo step (Appendix B.1.2) once in a set-up.
    /// </summary>
    public sealed class OscoreClient
    {
        private static readonly byte[] MasterSecret = Convert.FromHexString("0102030405060708090A0B0C0D0E0F10");
        private static readonly byte[] MasterSalt = Convert.FromHexString("9E7CA92223786340");
        private static readonly byte[] ServerId = { 0x53 };

        private readonly OscoreProtector _protector;
        private readonly byte[] _plain = new byte[256];
        private long _sequenceNumber;

        private OscoreClient(byte[] senderId, CoapEndpoint endpoint)
        {
            _protector = new OscoreProtector(new OscoreSecurityContext(MasterSecret, MasterSalt, senderId, ServerId, null), 256);
            Endpoint = endpoint;
        }

        /// <summary>Where it sends from.</summary>
        public CoapEndpoint Endpoint { get; }

        /// <summary>
        /// Gives the rig's server OSCORE with a context for each of <paramref name="endpoints"/> (Sender IDs 1, 2, ...)
        /// and returns their clients.
        /// </summary>
        public static OscoreClient[] Secure(FirmwareRig rig, CoapEndpoint[] endpoints)
        {
            var security = new OscoreServerSecurity(endpoints.Length);
            var clients = new OscoreClient[endpoints.Length];
            for (int i = 0; i < endpoints.Length; i++)
            {
                byte[] id = { (byte)(i + 1) };
                security.Add(new OscoreSecurityContext(MasterSecret, MasterSalt, ServerId, id, null), new OscoreSenderSequence(new MemoryStore(), OscoreSenderSequence.DefaultBlock));
                clients[i] = new OscoreClient(id, endpoints[i]);
            }

            rig.Firmware.Server.Security = security;
            return clients;
        }

        /// <summary>Protects <paramref name="request"/> with the next sequence number into <paramref name="output"/>; returns the length.</summary>
        public int Protect(byte[] request, byte[] output)
        {
            return _protector.ProtectRequest(request, 0, request.Length, _sequenceNumber++, output, 0);
        }

        /// <summary>
        /// The Echo step: sends <paramref name="request"/> protected, reads the Echo value of the protected 4.01 and
        /// sends the request again with it inside. Returns the answer to the repetition, unprotected.
        /// </summary>
        public CoapMessage Handshake(FirmwareRig rig, byte[] request)
        {
            var wire = new byte[256];
            CoapMessage first = Exchange(rig, request, wire);
            int at = first.FindOption(CoapOption.Echo);
            if (first.Code != CoapCode.Unauthorized || at < 0)
            {
                throw new InvalidOperationException("the first protected request was not answered 4.01 with Echo");
            }

            var echo = new byte[first.GetOptionLength(at)];
            first.CopyOptionValue(at, echo, 0);
            return Exchange(rig, WithEcho(request, echo), wire);
        }

        /// <summary>Sends <paramref name="request"/> protected and returns the answer, unprotected (for set-up checks: it copies).</summary>
        public CoapMessage Exchange(FirmwareRig rig, byte[] request, byte[] wire)
        {
            long partialIv = _sequenceNumber;
            int length = Protect(request, wire);
            rig.Transport.KeepLastSent = true;
            rig.Transport.Enqueue(wire, length, Endpoint);
            rig.Firmware.Server.Poll(0);
            rig.Transport.KeepLastSent = false;
            int plain = _protector.UnprotectResponse(rig.Transport.LastSent, 0, rig.Transport.LastSentLength, partialIv, _plain, 0);
            if (plain < 0)
            {
                throw new InvalidOperationException("the answer does not verify: " + plain);
            }

            var answer = new CoapMessage(16);
            answer.Parse(_plain.AsSpan(0, plain).ToArray(), 0, plain);
            return answer;
        }

        // The request with an Echo option (252, after every option of the requests built here) added.
        private static byte[] WithEcho(byte[] request, byte[] echo)
        {
            var parsed = new CoapMessage(16);
            parsed.Parse(request, 0, request.Length);
            var buffer = new byte[256];
            var writer = new CoapMessageWriter();
            var token = request.AsSpan(parsed.TokenOffset, parsed.TokenLength).ToArray();
            writer.Begin(buffer, 0, buffer.Length, parsed.Type, parsed.Code, parsed.MessageId, token, 0, token.Length);
            for (int i = 0; i < parsed.OptionCount; i++)
            {
                writer.AddOption(parsed.GetOptionNumber(i), request, parsed.GetOptionOffset(i), parsed.GetOptionLength(i));
            }

            writer.AddOption(CoapOption.Echo, echo, 0, echo.Length);
            if (parsed.PayloadLength > 0)
            {
                writer.AddPayload(request, parsed.PayloadOffset, parsed.PayloadLength);
            }

            return buffer.AsSpan(0, writer.Length).ToArray();
        }

        private sealed class MemoryStore : ISequenceNumberStore
        {
            private long _value;

            public long Load() => _value;

            public void Store(long value) => _value = value;
        }
    }
}
