using System;
using System.Net;
using System.Net.Sockets;
using Coap.Micro;

namespace ThermoDev.HostTests.EndToEnd
{
    /// <summary>A UDP socket on loopback that sends hand-made datagrams to the PC build and reads its answers.</summary>
    public sealed class RawCoapSocket : IDisposable
    {
        private readonly Socket _socket;
        private readonly byte[] _buffer = new byte[1500];
        private ushort _messageId = 0x4000;

        public RawCoapSocket(IPAddress server, int port)
        {
            _socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 5_000 };
            _socket.Connect(new IPEndPoint(server, port));
        }

        /// <summary>The answer last received (valid until the next receive).</summary>
        public CoapMessage Answer { get; } = new CoapMessage(16);

        /// <summary>Sends a GET of <paramref name="path"/> of the given type with a fresh Message ID.</summary>
        public void SendGet(string path, CoapMessageType type)
        {
            var buffer = new byte[64];
            var token = new byte[] { 0x7E, (byte)_messageId };
            var writer = new CoapMessageWriter();
            writer.Begin(buffer, 0, buffer.Length, type, CoapCode.Get, _messageId++, token, 0, token.Length);
            writer.AddAsciiOption(CoapOption.UriPath, path);
            Send(buffer[..writer.Length]);
        }

        /// <summary>Sends a CON PUT of <paramref name="payload"/> (text) to <paramref name="path"/> with a fresh Message ID.</summary>
        public void SendPut(string path, string payload)
        {
            var buffer = new byte[64];
            var token = new byte[] { 0x7F, (byte)_messageId };
            var writer = new CoapMessageWriter();
            writer.Begin(buffer, 0, buffer.Length, CoapMessageType.Confirmable, CoapCode.Put, _messageId++, token, 0, token.Length);
            writer.AddAsciiOption(CoapOption.UriPath, path);
            writer.AddPayloadAscii(payload);
            Send(buffer[..writer.Length]);
        }

        /// <summary>The payload of <see cref="Answer"/> as text.</summary>
        public string AnswerText => System.Text.Encoding.UTF8.GetString(Answer.Buffer, Answer.PayloadOffset, Answer.PayloadLength);

        public void Send(byte[] datagram) => _socket.Send(datagram);

        /// <summary>Waits (bounded by the socket's 5 s timeout) for the next datagram and parses it into <see cref="Answer"/>.</summary>
        public CoapMessage Receive()
        {
            int length = _socket.Receive(_buffer);
            Answer.Parse(_buffer, 0, length);
            return Answer;
        }

        public void Dispose() => _socket.Dispose();
    }
}
