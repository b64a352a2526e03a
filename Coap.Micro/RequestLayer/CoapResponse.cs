namespace Coap.Micro
{
    /// <summary>
    /// What a handler writes its response through: code, options (ascending numbers) and payload,
    /// straight into the server's send buffer. The header, Message ID and token are already written.
    /// </summary>
    public sealed class CoapResponse
    {
        private readonly CoapMessageWriter _writer;
        private byte _code;

        internal CoapResponse(CoapMessageWriter writer)
        {
            _writer = writer;
        }

        /// <summary>Response code; defaults to 2.05 Content for GET, 2.04 Changed otherwise.</summary>
        public byte Code
        {
            get
            {
                return _code;
            }

            set
            {
                _code = value;
                _writer.SetCode(value);
            }
        }

        /// <summary>True while everything written fits and is well-formed.</summary>
        public bool IsOk
        {
            get { return _writer.IsOk; }
        }

        /// <summary>Room left for payload bytes.</summary>
        public int PayloadSpace
        {
            get { return _writer.PayloadSpace; }
        }

        /// <summary>The buffer <see cref="OpenPayload"/> returns offsets into.</summary>
        public byte[] Buffer
        {
            get { return _writer.Buffer; }
        }

        internal void Reset(byte code)
        {
            _code = code;
        }

        /// <summary>Adds a uint option (shortest form).</summary>
        public bool AddUIntOption(int number, uint value)
        {
            return _writer.AddUIntOption(number, value);
        }

        /// <summary>Adds an opaque option.</summary>
        public bool AddOption(int number, byte[] value, int offset, int length)
        {
            return _writer.AddOption(number, value, offset, length);
        }

        /// <summary>Adds a string option from ASCII text.</summary>
        public bool AddAsciiOption(int number, string ascii)
        {
            return _writer.AddAsciiOption(number, ascii);
        }

        /// <summary>Adds Content-Format (RFC 7252 §5.10.3).</summary>
        public bool SetContentFormat(int contentFormat)
        {
            return _writer.AddUIntOption(CoapOption.ContentFormat, (uint)contentFormat);
        }

        /// <summary>Adds Max-Age in seconds (RFC 7252 §5.10.5).</summary>
        public bool SetMaxAge(uint seconds)
        {
            return _writer.AddUIntOption(CoapOption.MaxAge, seconds);
        }

        /// <summary>Appends payload bytes.</summary>
        public bool AddPayload(byte[] payload, int offset, int count)
        {
            return _writer.AddPayload(payload, offset, count);
        }

        /// <summary>Appends ASCII text to the payload.</summary>
        public bool AddPayloadAscii(string ascii)
        {
            return _writer.AddPayloadAscii(ascii);
        }

        /// <summary>Offset in <see cref="Buffer"/> where up to <see cref="PayloadSpace"/> bytes may be written; then <see cref="CommitPayload"/>.</summary>
        public int OpenPayload()
        {
            return _writer.OpenPayload();
        }

        /// <summary>Accepts bytes written after <see cref="OpenPayload"/>.</summary>
        public bool CommitPayload(int count)
        {
            return _writer.CommitPayload(count);
        }
    }
}
