using System;
using System.Net;
using System.Net.Sockets;
using Coap.Micro;

namespace ThermoDev.HostTests.Observe
{
    /// <summary>A minimal observing client on a UDP socket for tests: registers, reads notifications, acknowledges CONs on request.</summary>
    public sealed class ObserveClient : IDisposable
    {
        private readonly Socket _socket;
        private readonly byte[] _token;
        private readonly byte[] _buffer = new byte[1500];
        private readonly CoapMessage _message = new CoapMessage(16);
        private ushort _messageId;
        private int _lastMessageId = -1;

        public ObserveClient(IPEndPoint server, int id)
        {
            _socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 5_000 };
            _socket.Connect(server);
            _token = BitConverter.GetBytes(0x5EED0000 + id);
            _messageId = (ushort)(id * 100);
        }

        public int LastObserve { get; private set; } = -1;

        /// <summary>Sends GET Observe 0 for <paramref name="path"/> and returns the answer's payload; fails unless it carries Observe.</summary>
        public string Register(string path)
        {
            Send(Request(0, path));
            CoapMessage ack = Receive();
            if (ack.Type != CoapMessageType.Acknowledgement || ack.Code != CoapCode.Content || !ack.TryGetUIntOption(CoapOption.Observe, 0, out uint observe))
            {
                throw new InvalidOperationException("registration not accepted");
            }

            LastObserve = (int)observe;
            return Payload(ack);
        }

        /// <summary>
        /// Waits for the next notification with this client's token; checks its Observe value is newer;
        /// acknowledges it when it is a CON and <paramref name="acknowledge"/>. Returns it, or null on timeout.
        /// </summary>
        public CoapMessage NextNotification(bool acknowledge, int timeoutMilliseconds = 5_000)
        {
            _socket.ReceiveTimeout = timeoutMilliseconds;
            CoapMessage notification;
            try
            {
                notification = Receive();
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
            {
                return null;
            }

            if (!notification.TokenEquals(_token, 0, _token.Length))
            {
                throw new InvalidOperationException("notification with another token");
            }

            // A retransmission (same Message ID) repeats its Observe value (RFC 7252 §4.5).
            bool duplicate = notification.MessageId == _lastMessageId;
            _lastMessageId = notification.MessageId;
            if (!duplicate && notification.TryGetUIntOption(CoapOption.Observe, 0, out uint observe))
            {
                int previous = LastObserve;
                if (previous >= 0 && !IsNewer((int)observe, previous))
                {
                    throw new InvalidOperationException($"Observe {observe} is not newer than {previous}");
                }

                LastObserve = (int)observe;
            }

            if (acknowledge && notification.Type == CoapMessageType.Confirmable)
            {
                Send(new byte[] { 0x60, 0x00, (byte)(notification.MessageId >> 8), (byte)notification.MessageId });
            }

            return notification;
        }

        public static string Payload(CoapMessage message) =>
            System.Text.Encoding.UTF8.GetString(message.Buffer, message.PayloadOffset, message.PayloadLength);

        public void Dispose() => _socket.Dispose();

        // RFC 7641 §3.4: V2 is newer than V1 when it is ahead by less than 2^23, modulo 2^24.
        private static bool IsNewer(int v2, int v1) => (v1 < v2 && v2 - v1 < (1 << 23)) || (v1 > v2 && v1 - v2 > (1 << 23));

        private byte[] Request(int observe, string path)
        {
            var buffer = new byte[64];
            var writer = new CoapMessageWriter();
            writer.Begin(buffer, 0, buffer.Length, CoapMessageType.Confirmable, CoapCode.Get, _messageId++, _token, 0, _token.Length);
            writer.AddUIntOption(CoapOption.Observe, (uint)observe);
            writer.AddAsciiOption(CoapOption.UriPath, path);
            return buffer[..writer.Length];
        }

        private void Send(byte[] datagram) => _socket.Send(datagram);

        private CoapMessage Receive()
        {
            int n = _socket.Receive(_buffer);
            if (_message.Parse(_buffer, 0, n) != CoapParseResult.Ok)
            {
                throw new InvalidOperationException("malformed message from the server");
            }

            return _message;
        }
    }
}
