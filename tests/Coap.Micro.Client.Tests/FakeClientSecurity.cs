using Coap.Micro;

namespace ThermoDev.Tests.Client
{
    /// <summary>
    /// A stand-in for OSCORE that makes the client's rules visible: a request is "protected" by copying it unchanged
    /// (its Partial IV is recorded), and a response is "protected" when it carries option 9 whose first byte is the low
    /// byte of the request's Partial IV and whose second byte, if any, is the response's own Partial IV. Anything else
    /// does not verify. Contexts 0 and 1 exist.
    /// </summary>
    public sealed class FakeClientSecurity : ICoapClientSecurity
    {
        /// <summary>The Partial IV each request was sent with, in order (the first 32).</summary>
        public readonly long[] Sent = new long[32];

        /// <summary>Number of requests protected (retransmissions too).</summary>
        public int Protected;

        /// <summary>The next Sender Sequence Number; -1: none left.</summary>
        public long Next;

        private byte[] _plain;
        private byte[] _wire;
        private CoapMessage _view;
        private long _responsePartialIv = -1;

        public byte[] WireBuffer
        {
            get { return _wire; }
        }

        public byte[] PlainBuffer
        {
            get { return _plain; }
        }

        public long ResponsePartialIv
        {
            get { return _responsePartialIv; }
        }

        public void Attach(int maxMessageSize)
        {
            _plain = new byte[maxMessageSize];
            _wire = new byte[maxMessageSize];
            _view = new CoapMessage(16);
        }

        public bool HasContext(int context)
        {
            return context == 0 || context == 1;
        }

        public long NextPartialIv(int context)
        {
            if (Next < 0)
            {
                return -1;
            }

            return Next++;
        }

        public int ProtectRequest(int context, byte[] message, int length, long partialIv)
        {
            if (Protected < Sent.Length)
            {
                Sent[Protected] = partialIv;
            }

            Protected++;
            System.Array.Copy(message, 0, _wire, 0, length);
            return length;
        }

        public int UnprotectResponse(int context, byte[] message, int length, long requestPartialIv)
        {
            _responsePartialIv = -1;
            _view.Parse(message, 0, length);
            int at = _view.FindOption(9);
            if (at < 0)
            {
                return -1;
            }

            int valueLength = _view.GetOptionLength(at);
            int valueOffset = _view.GetOptionOffset(at);
            if (valueLength < 1 || message[valueOffset] != (byte)requestPartialIv)
            {
                return -2;
            }

            if (valueLength > 1)
            {
                _responsePartialIv = message[valueOffset + 1];
            }

            System.Array.Copy(message, 0, _plain, 0, length);
            return length;
        }
    }
}
