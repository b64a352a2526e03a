using Coap.Micro;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.Server
{
    /// <summary>Builds a request for the server tests; options must be added in ascending number order (RFC 7252 §3.1).</summary>
    public sealed class RequestBuilder
    {
        private readonly byte[] _buffer = new byte[1400];
        private readonly CoapMessageWriter _writer = new CoapMessageWriter();

        /// <summary>Starts a request of <paramref name="type"/> and method <paramref name="code"/> with a one-byte token.</summary>
        public RequestBuilder(CoapMessageType type, byte code, int messageId)
        {
            byte[] token = { (byte)(0x70 + (messageId & 0x0F)) };
            _writer.Begin(_buffer, 0, _buffer.Length, type, code, (ushort)messageId, token, 0, token.Length);
        }

        /// <summary>Starts a CON GET.</summary>
        public static RequestBuilder Get(int messageId)
        {
            return new RequestBuilder(CoapMessageType.Confirmable, CoapCode.Get, messageId);
        }

        /// <summary>Adds an option with an opaque value.</summary>
        public RequestBuilder Option(int number, byte[] value)
        {
            Assert.IsTrue(_writer.AddOption(number, value, 0, value.Length));
            return this;
        }

        /// <summary>Adds an option without a value.</summary>
        public RequestBuilder Empty(int number)
        {
            Assert.IsTrue(_writer.AddEmptyOption(number));
            return this;
        }

        /// <summary>Adds a uint option.</summary>
        public RequestBuilder UInt(int number, uint value)
        {
            Assert.IsTrue(_writer.AddUIntOption(number, value));
            return this;
        }

        /// <summary>Adds one Uri-Path option per segment of <paramref name="path"/> ("a/b").</summary>
        public RequestBuilder Path(string path)
        {
            int start = 0;
            for (int i = 0; i <= path.Length; i++)
            {
                if (i == path.Length || path[i] == '/')
                {
                    Assert.IsTrue(_writer.AddAsciiOption(CoapOption.UriPath, path.Substring(start, i - start)));
                    start = i + 1;
                }
            }

            return this;
        }

        /// <summary>Adds a Uri-Query option.</summary>
        public RequestBuilder Query(string argument)
        {
            Assert.IsTrue(_writer.AddAsciiOption(CoapOption.UriQuery, argument));
            return this;
        }

        /// <summary>Adds Block1 or Block2 (<paramref name="number"/>) for block <paramref name="num"/>.</summary>
        public RequestBuilder Block(int number, int num, bool more, int szx)
        {
            return UInt(number, BlockOption.Encode(num, more, szx));
        }

        /// <summary>Adds the payload.</summary>
        public RequestBuilder Payload(byte[] payload, int offset, int count)
        {
            Assert.IsTrue(_writer.AddPayload(payload, offset, count));
            return this;
        }

        /// <summary>The request's bytes.</summary>
        public byte[] ToArray()
        {
            Assert.IsTrue(_writer.IsOk);
            byte[] request = new byte[_writer.Length];
            System.Array.Copy(_buffer, request, request.Length);
            return request;
        }
    }
}
