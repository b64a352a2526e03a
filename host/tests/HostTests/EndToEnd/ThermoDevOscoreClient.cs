using System;
using System.Net;
using System.Net.Sockets;
using Coap.Micro;
using Coap.Micro.Oscore;

namespace ThermoDev.HostTests.EndToEnd
{
    /// <summary>
    /// An OSCORE client over UDP on loopback for tests (RFC 8613 §8.1, §8.4), with <see cref="OscoreProtector"/> and the
    /// client's side of a context. Its Sender Sequence Number only grows, across server restarts too (a client keeps its
    /// own). Each answer is unprotected into <see cref="Plain"/>; the server's own Partial IV, if it sent one, is in
    /// <see cref="ResponsePartialIv"/>.
    /// </summary>
    public sealed class ThermoDevOscoreClient : IDisposable
    {
        private const int BufferSize = 1500;

        private readonly OscoreProtector _protector;
        private readonly Socket _socket;
        private readonly byte[] _message = new byte[BufferSize];
        private readonly byte[] _protected = new byte[BufferSize];
        private readonly byte[] _received = new byte[BufferSize];
        private readonly byte[] _plain = new byte[BufferSize];
        private ushort _messageId = 0x2000;

        /// <summary>A client with <paramref name="context"/> (its Sender ID is the server's Recipient ID) talking to server:port.</summary>
        public ThermoDevOscoreClient(OscoreSecurityContext context, IPAddress server, int port, long firstSequenceNumber = 0)
        {
            _protector = new OscoreProtector(context, BufferSize);
            SequenceNumber = firstSequenceNumber;
            _socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 5_000 };
            _socket.Connect(new IPEndPoint(server, port));
        }

        /// <summary>The next Sender Sequence Number this client will use.</summary>
        public long SequenceNumber { get; private set; }

        /// <summary>The Partial IV of the request last sent, which its answers are bound to.</summary>
        public long RequestPartialIv { get; private set; } = -1;

        /// <summary>The last answer, unprotected (valid until the next receive).</summary>
        public CoapMessage Plain { get; } = new CoapMessage(16);

        /// <summary>The last answer's own Partial IV (a notification's, RFC 8613 §4.1.3.5.2), -1 when it had none.</summary>
        public long ResponsePartialIv => _protector.ResponsePartialIv;

        /// <summary>
        /// Sends a protected CON request: <paramref name="code"/> on /<paramref name="path"/>, with Observe
        /// <paramref name="observe"/> when not null, an Echo option (inner) when <paramref name="echo"/> is not null, and a
        /// text payload when not null. Returns the token.
        /// </summary>
        public byte[] Send(byte code, string path, uint? observe = null, byte[] echo = null, string payload = null)
        {
            var token = new byte[] { 0x51, (byte)(_messageId >> 8), (byte)_messageId };
            var writer = new CoapMessageWriter();
            writer.Begin(_message, 0, _message.Length, CoapMessageType.Confirmable, code, _messageId++, token, 0, token.Length);
            if (observe.HasValue)
            {
                writer.AddUIntOption(CoapOption.Observe, observe.Value);
            }

            writer.AddAsciiOption(CoapOption.UriPath, path);
            if (echo != null)
            {
                writer.AddOption(CoapOption.Echo, echo, 0, echo.Length);
            }

            if (payload != null)
            {
                writer.AddPayloadAscii(payload);
            }

            long sequence = SequenceNumber++;
            int length = _protector.ProtectRequest(_message, 0, writer.Length, sequence, _protected, 0);
            RequestPartialIv = sequence;
            _socket.Send(_protected, 0, length, SocketFlags.None);
            return token;
        }

        /// <summary>Sends a plain (unprotected) datagram, as a client without OSCORE would.</summary>
        public void SendPlain(byte[] datagram) => _socket.Send(datagram);

        /// <summary>
        /// Waits (bounded by the socket's 5 s timeout) for the next datagram, acknowledges it when it is a CON, and
        /// unprotects it as an answer to the request with Partial IV <paramref name="requestPartialIv"/> (by default the
        /// last request sent) into <see cref="Plain"/>. Returns false when it is not protected or does not verify; then
        /// <see cref="Received"/> holds it as it came.
        /// </summary>
        public bool Receive(long requestPartialIv = -1)
        {
            int length = _socket.Receive(_received);
            Received.Parse(_received, 0, length);
            if (Received.Type == CoapMessageType.Confirmable)
            {
                var ack = new byte[] { 0x60, 0x00, (byte)(Received.MessageId >> 8), (byte)Received.MessageId };
                _socket.Send(ack);
            }

            int plainLength = _protector.UnprotectResponse(_received, 0, length, requestPartialIv < 0 ? RequestPartialIv : requestPartialIv, _plain, 0);
            if (plainLength < 0)
            {
                return false;
            }

            Plain.Parse(_plain, 0, plainLength);
            return true;
        }

        /// <summary>The last datagram as received (outer message).</summary>
        public CoapMessage Received { get; } = new CoapMessage(16);

        /// <summary>The payload of <see cref="Plain"/> as text.</summary>
        public string PlainText => System.Text.Encoding.UTF8.GetString(Plain.Buffer, Plain.PayloadOffset, Plain.PayloadLength);

        /// <summary>The Echo option's value in <see cref="Plain"/>, or null.</summary>
        public byte[] Echo()
        {
            int at = Plain.FindOption(CoapOption.Echo);
            if (at < 0)
            {
                return null;
            }

            var value = new byte[Plain.GetOptionLength(at)];
            Plain.CopyOptionValue(at, value, 0);
            return value;
        }

        /// <summary>A Partial IV or Echo value (big-endian, RFC 8613 §6.1) as a number.</summary>
        public static long Number(byte[] value)
        {
            long number = 0;
            foreach (byte b in value)
            {
                number = (number << 8) | b;
            }

            return number;
        }

        /// <inheritdoc />
        public void Dispose() => _socket.Dispose();
    }
}
