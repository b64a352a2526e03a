namespace Coap.Micro
{
    /// <summary>
    /// The response a handler writes: a code, options in any order and a payload. Options are kept in a
    /// small table and the payload is written once, in place, into the server's send buffer; the header,
    /// token and options are serialised last, in ascending order (RFC 7252 §3.1), right before the payload.
    /// So the server can add options of its own after the handler has run (Observe, RFC 7641 §2) without
    /// copying the payload, and a handler never sees the raw buffer.
    /// Nothing here allocates: the table, its value bytes and the buffer are sized at start-up.
    /// </summary>
    public sealed class CoapResponse
    {
        /// <summary>Bytes kept free in front of the payload for options added after it (Observe, ETag, Block2, Size2).</summary>
        public const int LateOptionRoom = 16;

        /// <summary>Largest number of option value bytes a response can hold (values are indexed by one byte).</summary>
        public const int MaxOptionValueBytes = 255;

        private readonly byte[] _buffer;
        private readonly int _maxLength;

        // One entry per option, sorted by number (stable, so repeated options keep their order):
        // number << 16 | value offset in _values << 8 | value length.
        private readonly int[] _options;
        private readonly byte[] _values;
        private readonly byte[] _token = new byte[CoapMessage.MaxTokenLength];
        private readonly byte[] _digits = new byte[20];
        private readonly CoapMessageWriter _writer = new CoapMessageWriter();
        private int _optionCount;
        private int _valuesUsed;
        private CoapMessageType _type;
        private ushort _messageId;
        private int _tokenLength;
        private byte _code;
        private int _payloadStart;
        private int _payloadLength;
        private CoapWriteResult _result;
        private SeparateResponseTable _separate;
        private int _deferred;
        private bool _deferRefused;

        /// <summary>Creates a response of at most <paramref name="maxLength"/> bytes with room for <paramref name="maxOptions"/> options holding <paramref name="optionValueBytes"/> bytes of values.</summary>
        internal CoapResponse(int maxLength, int maxOptions, int optionValueBytes)
        {
            _maxLength = maxLength;
            _buffer = new byte[maxLength + LateOptionRoom];
            _options = new int[maxOptions];
            _values = new byte[optionValueBytes];
            _result = CoapWriteResult.NotStarted;
        }

        /// <summary>Response code; starts as 2.05 Content for GET and notifications, 2.04 Changed for PUT and POST, 2.02 Deleted for DELETE.</summary>
        public byte Code
        {
            get { return _code; }
            set { _code = value; }
        }

        /// <summary>True while every option and payload byte written fits and is well-formed.</summary>
        public bool IsOk
        {
            get { return _result == CoapWriteResult.Ok; }
        }

        /// <summary>The first error met, or Ok.</summary>
        public CoapWriteResult Result
        {
            get { return _result; }
        }

        /// <summary>Payload bytes that still fit, given the options written so far.</summary>
        public int PayloadSpace
        {
            get
            {
                if (!IsOk)
                {
                    return 0;
                }

                int used = CoapMessage.HeaderLength + _tokenLength + EncodedOptionsLength() + 1 + _payloadLength;
                int space = _maxLength - used;
                if (_payloadLength > 0 && _buffer.Length - _payloadStart - _payloadLength < space)
                {
                    space = _buffer.Length - _payloadStart - _payloadLength;
                }

                return space < 0 ? 0 : space;
            }
        }

        /// <summary>The send buffer the message is composed in (for the server).</summary>
        internal byte[] Buffer
        {
            get { return _buffer; }
        }

        /// <summary>The writer <see cref="Finish"/> serialises with; free for the server's own use before then.</summary>
        internal CoapMessageWriter Writer
        {
            get { return _writer; }
        }

        /// <summary>Type of the message being composed.</summary>
        internal CoapMessageType Type
        {
            get { return _type; }
        }

        /// <summary>Message ID of the message being composed.</summary>
        internal ushort MessageId
        {
            get { return _messageId; }
        }

        /// <summary>The ticket <see cref="Defer"/> handed out for this response, or -1.</summary>
        internal int DeferredTicket
        {
            get { return _deferred; }
        }

        /// <summary>True when <see cref="Defer"/> was refused because no more responses can wait.</summary>
        internal bool DeferRefused
        {
            get { return _deferRefused; }
        }

        /// <summary>Adds an option with an opaque or string value (copied).</summary>
        public bool AddOption(int number, byte[] value, int offset, int length)
        {
            if (length < 0 || (length > 0 && (value == null || offset < 0 || offset > value.Length - length)))
            {
                return Fail(CoapWriteResult.InvalidArgument);
            }

            int at = Reserve(number, length);
            if (at < 0)
            {
                return false;
            }

            System.Array.Copy(value, offset, _values, at, length);
            return true;
        }

        /// <summary>Adds an option without a value (If-None-Match, or a uint 0).</summary>
        public bool AddEmptyOption(int number)
        {
            return Reserve(number, 0) >= 0;
        }

        /// <summary>Adds a uint option in its shortest form (RFC 7252 §3.2).</summary>
        public bool AddUIntOption(int number, uint value)
        {
            int length = CoapMessageWriter.UIntLength(value);
            int at = Reserve(number, length);
            if (at < 0)
            {
                return false;
            }

            for (int i = length - 1; i >= 0; i--)
            {
                _values[at++] = (byte)(value >> (8 * i));
            }

            return true;
        }

        /// <summary>Adds a string option from ASCII text (characters above 0x7F are refused).</summary>
        public bool AddAsciiOption(int number, string ascii)
        {
            if (ascii == null)
            {
                return Fail(CoapWriteResult.InvalidArgument);
            }

            for (int i = 0; i < ascii.Length; i++)
            {
                if (ascii[i] > 0x7F)
                {
                    return Fail(CoapWriteResult.InvalidArgument);
                }
            }

            int at = Reserve(number, ascii.Length);
            if (at < 0)
            {
                return false;
            }

            for (int i = 0; i < ascii.Length; i++)
            {
                _values[at + i] = (byte)ascii[i];
            }

            return true;
        }

        /// <summary>Adds Content-Format (RFC 7252 §5.10.3).</summary>
        public bool SetContentFormat(int contentFormat)
        {
            if (contentFormat < 0 || contentFormat > 0xFFFF)
            {
                return Fail(CoapWriteResult.InvalidArgument);
            }

            return AddUIntOption(CoapOption.ContentFormat, (uint)contentFormat);
        }

        /// <summary>Adds Max-Age in seconds (RFC 7252 §5.10.5).</summary>
        public bool SetMaxAge(uint seconds)
        {
            return AddUIntOption(CoapOption.MaxAge, seconds);
        }

        /// <summary>Appends payload bytes.</summary>
        public bool AddPayload(byte[] payload, int offset, int count)
        {
            if (count < 0 || (count > 0 && (payload == null || offset < 0 || offset > payload.Length - count)))
            {
                return Fail(CoapWriteResult.InvalidArgument);
            }

            if (!IsOk)
            {
                return false;
            }

            if (count == 0)
            {
                return true;
            }

            if (count > PayloadSpace)
            {
                return Fail(CoapWriteResult.DoesNotFit);
            }

            if (_payloadLength == 0)
            {
                // Header, token and the options so far, the room for late options, then the marker.
                _payloadStart = CoapMessage.HeaderLength + _tokenLength + EncodedOptionsLength() + LateOptionRoom + 1;
            }

            System.Array.Copy(payload, offset, _buffer, _payloadStart + _payloadLength, count);
            _payloadLength += count;
            return true;
        }

        /// <summary>Appends all of <paramref name="payload"/>.</summary>
        public bool AddPayload(byte[] payload)
        {
            if (payload == null)
            {
                return Fail(CoapWriteResult.InvalidArgument);
            }

            return AddPayload(payload, 0, payload.Length);
        }

        /// <summary>
        /// Appends ASCII text. On nanoFramework a string literal allocates each time it is evaluated:
        /// for text sent per request prefer <see cref="AddPayload(byte[])"/> with a static byte array.
        /// </summary>
        public bool AddPayloadAscii(string ascii)
        {
            if (ascii == null)
            {
                return Fail(CoapWriteResult.InvalidArgument);
            }

            for (int i = 0; i < ascii.Length; i++)
            {
                char c = ascii[i];
                if (c > 0x7F)
                {
                    return Fail(CoapWriteResult.InvalidArgument);
                }

                _digits[0] = (byte)c;
                if (!AddPayload(_digits, 0, 1))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Appends <paramref name="value"/> as decimal digits.</summary>
        public bool AddPayloadNumber(long value)
        {
            int count = AsciiNumber.Write(value, _digits, 0);
            return AddPayload(_digits, 0, count);
        }

        /// <summary>
        /// Answers later (RFC 7252 §5.2.2): the server acknowledges a CON request at once with an empty
        /// ACK, and sends the response when the resource calls <see cref="CoapResource.SeparateReady"/>
        /// with the ticket returned here; the server then asks <see cref="CoapResource.WriteSeparate"/>
        /// to write it. Returns -1 when no more responses can wait (the request is then answered with
        /// 5.03 Service Unavailable and Max-Age) or when called outside a request handler.
        /// </summary>
        public int Defer()
        {
            if (_deferred >= 0)
            {
                return _deferred;
            }

            _deferred = _separate == null ? -1 : _separate.Reserve();
            _deferRefused = _separate != null && _deferred < 0;
            return _deferred;
        }

        /// <summary>Starts a new message: header fields and token; no options, no payload.</summary>
        internal void Begin(CoapMessageType type, byte code, ushort messageId, byte[] token, int tokenOffset, int tokenLength, SeparateResponseTable separate)
        {
            _type = type;
            _messageId = messageId;
            _tokenLength = tokenLength;
            if (tokenLength > 0)
            {
                System.Array.Copy(token, tokenOffset, _token, 0, tokenLength);
            }

            _separate = separate;
            Reset(code);
        }

        /// <summary>Discards options, payload and errors, keeping header and token.</summary>
        internal void Reset(byte code)
        {
            _code = code;
            _optionCount = 0;
            _valuesUsed = 0;
            _payloadStart = 0;
            _payloadLength = 0;
            _deferred = -1;
            _deferRefused = false;
            _result = CoapWriteResult.Ok;
        }

        /// <summary>Turns the message into another type with another Message ID (a separate response, RFC 7252 §5.2.2).</summary>
        internal void Readdress(CoapMessageType type, ushort messageId)
        {
            _type = type;
            _messageId = messageId;
        }

        /// <summary>True when an option numbered <paramref name="number"/> was added.</summary>
        internal bool HasOption(int number)
        {
            for (int i = 0; i < _optionCount; i++)
            {
                if (NumberOf(_options[i]) == number)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Serialises header, token and options in front of the payload. Returns the message length and
        /// its offset in <see cref="Buffer"/>, or -1 when it does not fit or is malformed.
        /// </summary>
        internal int Finish(out int offset)
        {
            offset = 0;
            if (!IsOk)
            {
                return -1;
            }

            int headerLength = CoapMessage.HeaderLength + _tokenLength;
            int optionsLength = EncodedOptionsLength();
            int length = headerLength + optionsLength + (_payloadLength > 0 ? 1 + _payloadLength : 0);
            if (length > _maxLength)
            {
                Fail(CoapWriteResult.DoesNotFit);
                return -1;
            }

            if (_payloadLength > 0)
            {
                offset = _payloadStart - 1 - optionsLength - headerLength;
                if (offset < 0)
                {
                    // More options came after the payload than the room kept for them: move it once.
                    MovePayload(-offset);
                    offset = 0;
                }

                _buffer[_payloadStart - 1] = CoapMessage.PayloadMarker;
            }

            _writer.Begin(_buffer, offset, headerLength + optionsLength, _type, _code, _messageId, _token, 0, _tokenLength);
            for (int i = 0; i < _optionCount; i++)
            {
                int entry = _options[i];
                _writer.AddOption(NumberOf(entry), _values, (entry >> 8) & 0xFF, entry & 0xFF);
            }

            if (!_writer.IsOk)
            {
                Fail(_writer.Result);
                return -1;
            }

            return length;
        }

        // Stores a new option in the table (sorted, stable) and returns where its value goes, or -1.
        private int Reserve(int number, int length)
        {
            if (!IsOk)
            {
                return -1;
            }

            if (number < 0 || number > CoapOption.MaxNumber || length > 0xFF)
            {
                Fail(CoapWriteResult.InvalidArgument);
                return -1;
            }

            if (_optionCount == _options.Length || length > _values.Length - _valuesUsed)
            {
                Fail(CoapWriteResult.DoesNotFit);
                return -1;
            }

            int at = _valuesUsed;
            int i = _optionCount;
            while (i > 0 && NumberOf(_options[i - 1]) > number)
            {
                _options[i] = _options[i - 1];
                i--;
            }

            _options[i] = (number << 16) | (at << 8) | length;
            _optionCount++;
            _valuesUsed += length;
            return at;
        }

        // Bytes the options take on the wire: delta-encoded headers plus values (RFC 7252 §3.1).
        private int EncodedOptionsLength()
        {
            int total = 0;
            int previous = 0;
            for (int i = 0; i < _optionCount; i++)
            {
                int entry = _options[i];
                int number = NumberOf(entry);
                int length = entry & 0xFF;
                total += 1 + ExtendedSize(number - previous) + ExtendedSize(length) + length;
                previous = number;
            }

            return total;
        }

        private void MovePayload(int shift)
        {
            // Backwards, as source and destination overlap.
            for (int i = _payloadLength - 1; i >= 0; i--)
            {
                _buffer[_payloadStart + shift + i] = _buffer[_payloadStart + i];
            }

            _payloadStart += shift;
        }

        private static int NumberOf(int entry)
        {
            return (int)((uint)entry >> 16);
        }

        private static int ExtendedSize(int value)
        {
            return value < 13 ? 0 : (value < 269 ? 1 : 2);
        }

        private bool Fail(CoapWriteResult result)
        {
            if (_result == CoapWriteResult.Ok)
            {
                _result = result;
            }

            return false;
        }
    }
}
