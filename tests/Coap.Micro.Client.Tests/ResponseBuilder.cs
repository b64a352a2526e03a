using Coap.Micro;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.Client
{
    /// <summary>Builds a message a server would send to the client under test; options in ascending order (RFC 7252 §3.1).</summary>
    public sealed class ResponseBuilder
    {
        private readonly byte[] _buffer = new byte[1400];
        private readonly CoapMessageWriter _writer = new CoapMessageWriter();

        /// <summary>Starts a message of <paramref name="type"/> and <paramref name="code"/> with the token of <paramref name="request"/>.</summary>
        public ResponseBuilder(CoapMessageType type, byte code, int messageId, CoapMessage request)
        {
            _writer.Begin(_buffer, 0, _buffer.Length, type, code, (ushort)messageId, request.Buffer, request.TokenOffset, request.TokenLength);
        }

        /// <summary>Starts a message with the token given.</summary>
        public ResponseBuilder(CoapMessageType type, byte code, int messageId, byte[] token)
        {
            _writer.Begin(_buffer, 0, _buffer.Length, type, code, (ushort)messageId, token, 0, token.Length);
        }

        /// <summary>The piggybacked response to <paramref name="request"/>: an ACK with its Message ID and token.</summary>
        public static ResponseBuilder Ack(CoapMessage request, byte code)
        {
            return new ResponseBuilder(CoapMessageType.Acknowledgement, code, request.MessageId, request);
        }

        /// <summary>Adds an option with an opaque value.</summary>
        public ResponseBuilder Option(int number, byte[] value)
        {
            Assert.IsTrue(_writer.AddOption(number, value, 0, value.Length));
            return this;
        }

        /// <summary>Adds a uint option.</summary>
        public ResponseBuilder UInt(int number, uint value)
        {
            Assert.IsTrue(_writer.AddUIntOption(number, value));
            return this;
        }

        /// <summary>Adds Block1 or Block2 (<paramref name="number"/>).</summary>
        public ResponseBuilder Block(int number, int num, bool more, int szx)
        {
            return UInt(number, BlockOption.Encode(num, more, szx));
        }

        /// <summary>Adds ASCII payload.</summary>
        public ResponseBuilder Text(string text)
        {
            Assert.IsTrue(_writer.AddPayloadAscii(text));
            return this;
        }

        /// <summary>Adds payload bytes.</summary>
        public ResponseBuilder Payload(byte[] payload, int offset, int count)
        {
            Assert.IsTrue(_writer.AddPayload(payload, offset, count));
            return this;
        }

        /// <summary>The message's bytes.</summary>
        public byte[] ToArray()
        {
            Assert.IsTrue(_writer.IsOk);
            byte[] message = new byte[_writer.Length];
            System.Array.Copy(_buffer, message, message.Length);
            return message;
        }
    }
}
