using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Coap.Micro;

namespace ThermoDev.Gateway.Tests.Support
{
    /// <summary>A CoAP message as the peer saw it: type, code, Message ID, token, options (number, value) and payload.</summary>
    public sealed record RawMessage(CoapMessageType Type, byte Code, ushort MessageId, byte[] Token, List<(int Number, byte[] Value)> Options, byte[] Payload)
    {
        /// <summary>The payload as UTF-8.</summary>
        public string Text => Encoding.UTF8.GetString(Payload);

        /// <summary>The values of option <paramref name="number"/> as UTF-8.</summary>
        public List<string> Strings(int number) => Options.Where(o => o.Number == number).Select(o => Encoding.UTF8.GetString(o.Value)).ToList();

        /// <summary>The Location-Path as a path: /rd/3.</summary>
        public string Location => "/" + string.Join("/", Strings(CoapOption.LocationPath));

        /// <summary>"2.01" and so on.</summary>
        public string CodeText => $"{Code >> 5}.{Code & 0x1F:00}";
    }

    /// <summary>
    /// A CoAP peer on its own UDP socket for the Resource Directory tests: sends a confirmable request and
    /// waits (bounded) for its answer, piggybacked or separate (RFC 7252 §5.2.2, the separate one ACKed),
    /// serving requests that arrive meanwhile (the RD's GET /.well-known/core of a simple registration)
    /// with a handler. Written with Coap.Micro's writer and parser.
    /// </summary>
    public sealed class RawCoapPeer : IDisposable
    {
        private readonly Socket _socket;
        private int _messageId = RandomNumberGenerator.GetInt32(65536);

        /// <summary>A peer bound to <paramref name="bind"/> (port 0: a free one).</summary>
        public RawCoapPeer(IPEndPoint bind)
        {
            _socket = new Socket(bind.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            _socket.Bind(bind);
        }

        /// <summary>The bound address and port.</summary>
        public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

        /// <summary>Requests served while waiting for an answer.</summary>
        public List<RawMessage> Served { get; } = new List<RawMessage>();

        /// <summary>
        /// Sends a CON <paramref name="method"/> to <paramref name="path"/>?<paramref name="query"/> at
        /// <paramref name="target"/> and returns its answer; null when none came within <paramref name="timeout"/>.
        /// Requests arriving meanwhile get what <paramref name="serve"/> says (code, Content-Format, payload).
        /// </summary>
        public async Task<RawMessage?> RequestAsync(IPEndPoint target, byte method, string path, IEnumerable<string>? query = null, string? payload = null,
            int contentFormat = CoapContentFormat.None, Func<RawMessage, (byte Code, int ContentFormat, string Payload)>? serve = null, TimeSpan? timeout = null)
        {
            byte[] token = RandomNumberGenerator.GetBytes(4);
            ushort id = (ushort)Interlocked.Increment(ref _messageId);
            var options = new List<(int, byte[])>();
            foreach (string segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                options.Add((CoapOption.UriPath, Encoding.UTF8.GetBytes(segment)));
            }

            if (contentFormat != CoapContentFormat.None)
            {
                options.Add((CoapOption.ContentFormat, UInt(contentFormat)));
            }

            foreach (string argument in query ?? Array.Empty<string>())
            {
                options.Add((CoapOption.UriQuery, Encoding.UTF8.GetBytes(argument)));
            }

            byte[] request = Write(CoapMessageType.Confirmable, method, id, token, options, payload == null ? Array.Empty<byte>() : Encoding.UTF8.GetBytes(payload));
            await _socket.SendToAsync(request, target);
            using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
            var buffer = new byte[4096];
            while (true)
            {
                SocketReceiveFromResult received;
                try
                {
                    using var turn = CancellationTokenSource.CreateLinkedTokenSource(cancel.Token);
                    turn.CancelAfter(TimeSpan.FromMilliseconds(500));
                    received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(target.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0), turn.Token);
                }
                catch (OperationCanceledException)
                {
                    if (cancel.IsCancellationRequested)
                    {
                        return null;
                    }

                    continue;
                }

                RawMessage? message = Parse(buffer, received.ReceivedBytes);
                if (message == null)
                {
                    continue;
                }

                bool isRequest = message.Code >= 1 && message.Code <= 31;
                if (isRequest)
                {
                    Served.Add(message);
                    (byte code, int format, string text) = serve != null ? serve(message) : (CoapCode.NotFound, CoapContentFormat.None, string.Empty);
                    var answerOptions = new List<(int, byte[])>();
                    if (format != CoapContentFormat.None)
                    {
                        answerOptions.Add((CoapOption.ContentFormat, UInt(format)));
                    }

                    await _socket.SendToAsync(Write(CoapMessageType.Acknowledgement, code, message.MessageId, message.Token, answerOptions, Encoding.UTF8.GetBytes(text)), received.RemoteEndPoint);
                    continue;
                }

                if (message.Type == CoapMessageType.Confirmable && message.Token.SequenceEqual(token))
                {
                    // A separate response: acknowledged (RFC 7252 §5.2.2).
                    await _socket.SendToAsync(Write(CoapMessageType.Acknowledgement, CoapCode.Empty, message.MessageId, Array.Empty<byte>(), new List<(int, byte[])>(), Array.Empty<byte>()), received.RemoteEndPoint);
                    return message;
                }

                if (message.Type == CoapMessageType.Acknowledgement && message.MessageId == id && message.Code != CoapCode.Empty)
                {
                    return message;
                }
            }
        }

        /// <summary>Closes the socket.</summary>
        public void Dispose() => _socket.Dispose();

        private static byte[] UInt(int value) =>
            value == 0 ? Array.Empty<byte>() : value < 256 ? new[] { (byte)value } : new[] { (byte)(value >> 8), (byte)value };

        private static byte[] Write(CoapMessageType type, byte code, ushort id, byte[] token, List<(int Number, byte[] Value)> options, byte[] payload)
        {
            var buffer = new byte[2048];
            var writer = new CoapMessageWriter();
            writer.Begin(buffer, 0, buffer.Length, type, code, id, token, 0, token.Length);
            foreach ((int number, byte[] value) in options.OrderBy(o => o.Number))
            {
                writer.AddOption(number, value, 0, value.Length);
            }

            if (payload.Length > 0)
            {
                writer.AddPayload(payload, 0, payload.Length);
            }

            if (!writer.IsOk)
            {
                throw new InvalidOperationException("the message does not fit: " + writer.Result);
            }

            return buffer.AsSpan(0, writer.Length).ToArray();
        }

        private static RawMessage? Parse(byte[] buffer, int length)
        {
            var message = new CoapMessage(64);
            if (message.Parse(buffer, 0, length) != CoapParseResult.Ok)
            {
                return null;
            }

            var token = new byte[message.TokenLength];
            message.CopyToken(token, 0);
            var options = new List<(int, byte[])>();
            for (int i = 0; i < message.OptionCount; i++)
            {
                options.Add((message.GetOptionNumber(i), buffer.AsSpan(message.GetOptionOffset(i), message.GetOptionLength(i)).ToArray()));
            }

            return new RawMessage(message.Type, message.Code, message.MessageId, token, options, buffer.AsSpan(message.PayloadOffset, message.PayloadLength).ToArray());
        }
    }
}
