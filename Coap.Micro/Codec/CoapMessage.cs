namespace Coap.Micro
{
    /// <summary>
    /// A parsed CoAP message: a reusable view over the datagram it was parsed from.
    /// Header fields are decoded; the token, option values and payload stay in the buffer and are
    /// addressed by offset and length. Parsing never allocates and never throws on bad input.
    /// </summary>
    public sealed class CoapMessage
    {
        /// <summary>CoAP version this implementation speaks (RFC 7252 §3).</summary>
        public const int ProtocolVersion = 1;

        /// <summary>Size of the fixed header (RFC 7252 §3).</summary>
        public const int HeaderLength = 4;

        /// <summary>Longest token (RFC 7252 §3, §5.3.1).</summary>
        public const int MaxTokenLength = 8;

        /// <summary>The byte that separates options from the payload (RFC 7252 §3).</summary>
        public const byte PayloadMarker = 0xFF;

        /// <summary>Options are indexed within this many bytes from the start of the message (a UDP datagram is shorter).</summary>
        public const int MaxIndexedLength = 0xFFFF;

        // The option index: one array of 16-bit values (on nanoFramework every array costs a 20-byte
        // header and packs its elements). First the known slots: for each option the server asks about,
        // 1 + the index of its first occurrence (0: absent), noted while the options are indexed, so a
        // look-up is an array read instead of a walk. Then three ushorts per option: its number (at most
        // 65535, RFC 7252 §3.1), the offset of its value from the start of the message and the value's length.
        internal const int UriPathEndAt = 0;
        internal const int UriPathAt = 1;
        internal const int IfMatchAt = 2;
        internal const int ETagAt = 3;
        internal const int IfNoneMatchAt = 4;
        internal const int ObserveAt = 5;
        internal const int ContentFormatAt = 6;
        internal const int AcceptAt = 7;
        internal const int Block2At = 8;
        internal const int Block1At = 9;
        internal const int ProxyUriAt = 10;
        internal const int ProxySchemeAt = 11;
        internal const int NoResponseAt = 12;

        /// <summary>1 + the index of the first critical option other than a Uri-Path or Uri-Query of 0-255 bytes (RFC 7252 §5.10 Table 4); 0: none.</summary>
        internal const int OtherCriticalAt = 13;

        /// <summary>Where the entries of the options start in the index (14 known slots: the array fills whole 12-byte heap blocks).</summary>
        internal const int IndexStart = 14;

        /// <summary>Ushorts per option in the index: number, offset, length.</summary>
        internal const int IndexStride = 3;

        /// <summary>The option index (see above); read directly by the request layer.</summary>
        internal readonly ushort[] _options;

        // The state of the last Parse: fields read directly by the library (a property is a call on
        // nanoFramework), returned by the public properties.
        internal byte[] _buffer;
        internal int _offset;
        internal int _length;
        internal CoapParseResult _result;
        internal int _type;
        internal int _code;
        internal int _messageId;
        internal int _tokenOffset;
        internal int _optionCount;
        internal int _payloadOffset;

        // True when the message was unprotected with OSCORE before it was parsed (RFC 8613); set by the message layer.
        internal bool _protected;

        /// <summary>Creates a view that can index up to <paramref name="maxOptions"/> options.</summary>
        public CoapMessage(int maxOptions)
        {
            if (maxOptions < 1)
            {
                maxOptions = 1;
            }

            _options = new ushort[IndexStart + maxOptions * IndexStride];
        }

        // The known slot of an option number, 0 when it has none (a switch: no table in RAM).
        private static int KnownSlot(int number)
        {
            switch (number)
            {
                case CoapOption.IfMatch: return IfMatchAt;
                case CoapOption.ETag: return ETagAt;
                case CoapOption.IfNoneMatch: return IfNoneMatchAt;
                case CoapOption.Observe: return ObserveAt;
                case CoapOption.UriPath: return UriPathAt;
                case CoapOption.ContentFormat: return ContentFormatAt;
                case CoapOption.Accept: return AcceptAt;
                case CoapOption.Block2: return Block2At;
                case CoapOption.Block1: return Block1At;
                case CoapOption.ProxyUri: return ProxyUriAt;
                case CoapOption.ProxyScheme: return ProxySchemeAt;
                case CoapOption.NoResponse: return NoResponseAt;
                default: return 0;
            }
        }

        /// <summary>The buffer the message was parsed from.</summary>
        public byte[] Buffer
        {
            get { return _buffer; }
        }

        /// <summary>Offset of the first header byte in <see cref="Buffer"/>.</summary>
        public int Offset
        {
            get { return _offset; }
        }

        /// <summary>Length of the whole datagram.</summary>
        public int Length
        {
            get { return _length; }
        }

        /// <summary>
        /// True when the request was protected with OSCORE and verified (RFC 8613 §8.2): the server's
        /// <see cref="ICoapMessageSecurity"/> decrypted it, and this view shows the plain request.
        /// </summary>
        public bool IsProtected
        {
            get { return _protected; }
        }

        /// <summary>Result of the last <see cref="Parse"/>.</summary>
        public CoapParseResult Result
        {
            get { return _result; }
        }

        /// <summary>Version field; valid whenever at least one byte was parsed.</summary>
        public int Version
        {
            // A parse in range keeps a length above 0; one out of range keeps 0.
            get { return _length > 0 ? _buffer[_offset] >> 6 : 0; }
        }

        /// <summary>Message type (Confirmable when there is no header).</summary>
        public CoapMessageType Type
        {
            get { return (CoapMessageType)_type; }
        }

        /// <summary>Code byte (class and detail, see <see cref="CoapCode"/>); 0 when there is no header.</summary>
        public byte Code
        {
            get { return (byte)_code; }
        }

        /// <summary>Message ID; 0 when there is no header.</summary>
        public ushort MessageId
        {
            get { return (ushort)_messageId; }
        }

        /// <summary>Token length 0-8 (0 until a token was parsed: its offset is then past the header).</summary>
        public int TokenLength
        {
            get { return _tokenOffset > _offset ? _buffer[_offset] & 0x0F : 0; }
        }

        /// <summary>Offset of the token in <see cref="Buffer"/>.</summary>
        public int TokenOffset
        {
            get { return _tokenOffset; }
        }

        /// <summary>Number of options indexed.</summary>
        public int OptionCount
        {
            get { return _optionCount; }
        }

        /// <summary>Capacity of the option index.</summary>
        public int MaxOptions
        {
            get { return (_options.Length - IndexStart) / IndexStride; }
        }

        /// <summary>Offset of the payload in <see cref="Buffer"/> (end of message when there is none).</summary>
        public int PayloadOffset
        {
            get { return _payloadOffset; }
        }

        /// <summary>Payload length; 0 when there is no payload (the payload runs to the end of the message).</summary>
        public int PayloadLength
        {
            get { return _offset + _length - _payloadOffset; }
        }

        /// <summary>True when the header could be read, so Type and Message ID are meaningful (needed to answer with RST).</summary>
        public bool HasHeader
        {
            get { return _length >= HeaderLength && _buffer[_offset] >> 6 == ProtocolVersion; }
        }

        /// <summary>
        /// Parses <paramref name="length"/> bytes at <paramref name="offset"/> in place.
        /// The buffer is referenced, not copied: it must not change while the view is used.
        /// </summary>
        public CoapParseResult Parse(byte[] buffer, int offset, int length)
        {
            ushort[] options = _options;
            System.Array.Clear(options, 0, IndexStart);
            _buffer = buffer;
            _offset = offset;
            _length = length;
            _protected = false;
            _tokenOffset = offset;
            _optionCount = 0;
            _payloadOffset = offset + length;
            _type = 0;
            _code = 0;
            _messageId = 0;
            if (buffer == null || offset < 0 || length < 0 || offset > buffer.Length || length > buffer.Length - offset)
            {
                _length = 0;
                _payloadOffset = offset;
                _result = CoapParseResult.TooShort;
                return CoapParseResult.TooShort;
            }

            if (length < HeaderLength)
            {
                _result = CoapParseResult.TooShort;
                return CoapParseResult.TooShort;
            }

            // RFC 7252 §3: unknown versions are silently ignored. Without a header (shorter than one, or
            // an unknown version) Type reads Confirmable, Code and Message ID 0.
            int first = buffer[offset];
            if (first >> 6 != ProtocolVersion)
            {
                _result = CoapParseResult.BadVersion;
                return CoapParseResult.BadVersion;
            }

            _type = (first >> 4) & 0x03;
            int code = buffer[offset + 1];
            _code = code;
            _messageId = (buffer[offset + 2] << 8) | buffer[offset + 3];
            int tokenLength = first & 0x0F;

            CoapParseResult result;
            int end = offset + length;
            if (tokenLength > MaxTokenLength)
            {
                // RFC 7252 §3: token lengths 9-15 are a message format error.
                result = CoapParseResult.BadTokenLength;
            }
            else if (code == CoapCode.Empty && (tokenLength != 0 || length != HeaderLength))
            {
                // RFC 7252 §4.1: an Empty message has no token and nothing after the Message ID.
                result = CoapParseResult.EmptyMessageNotEmpty;
            }
            else if (offset + HeaderLength + tokenLength > end)
            {
                result = CoapParseResult.TruncatedToken;
            }
            else
            {
                _tokenOffset = offset + HeaderLength;
                result = ParseOptions(buffer, offset + HeaderLength + tokenLength, end, options);
            }

            _result = result;
            return result;
        }

        private CoapParseResult ParseOptions(byte[] buffer, int position, int end, ushort[] options)
        {
            int offset = _offset;
            int at = IndexStart;
            int count = 0;
            int number = 0;
            while (position < end)
            {
                int header = buffer[position];
                if (header == PayloadMarker)
                {
                    position++;

                    // RFC 7252 §3: a marker followed by a zero-length payload is a format error.
                    if (position == end)
                    {
                        return CoapParseResult.EmptyPayloadAfterMarker;
                    }

                    _payloadOffset = position;
                    return CoapParseResult.Ok;
                }

                position++;
                int delta = header >> 4;
                int valueLength = header & 0x0F;

                // RFC 7252 §3.1: nibble 15 is reserved except in the payload marker.
                if (delta == 15 || valueLength == 15)
                {
                    return CoapParseResult.ReservedOptionNibble;
                }

                if (delta >= 13)
                {
                    delta = ReadExtended(buffer, ref position, end, delta);
                    if (delta < 0)
                    {
                        return CoapParseResult.TruncatedOption;
                    }
                }

                if (valueLength >= 13)
                {
                    valueLength = ReadExtended(buffer, ref position, end, valueLength);
                    if (valueLength < 0)
                    {
                        return CoapParseResult.TruncatedOption;
                    }
                }

                number += delta;
                if (number > CoapOption.MaxNumber)
                {
                    return CoapParseResult.OptionNumberTooLarge;
                }

                if (valueLength > end - position)
                {
                    return CoapParseResult.OptionValueOverrun;
                }

                // An option ending past what the index can address is beyond this view's capacity, as
                // one more option than it indexes is (never in a datagram: those are shorter).
                if (at == options.Length || position + valueLength - offset > MaxIndexedLength)
                {
                    return CoapParseResult.TooManyOptions;
                }

                options[at] = (ushort)number;
                options[at + 1] = (ushort)(position - offset);
                options[at + 2] = (ushort)valueLength;
                at += IndexStride;
                count++;
                _optionCount = count;

                // The switch of KnownSlot, inline: every option of every message passes here.
                int slot;
                switch (number)
                {
                    case CoapOption.IfMatch: slot = IfMatchAt; break;
                    case CoapOption.ETag: slot = ETagAt; break;
                    case CoapOption.IfNoneMatch: slot = IfNoneMatchAt; break;
                    case CoapOption.Observe: slot = ObserveAt; break;
                    case CoapOption.UriPath: slot = UriPathAt; break;
                    case CoapOption.ContentFormat: slot = ContentFormatAt; break;
                    case CoapOption.Accept: slot = AcceptAt; break;
                    case CoapOption.Block2: slot = Block2At; break;
                    case CoapOption.Block1: slot = Block1At; break;
                    case CoapOption.ProxyUri: slot = ProxyUriAt; break;
                    case CoapOption.ProxyScheme: slot = ProxySchemeAt; break;
                    case CoapOption.NoResponse: slot = NoResponseAt; break;
                    default: slot = 0; break;
                }

                if (slot != 0 && options[slot] == 0)
                {
                    options[slot] = (ushort)count;
                }

                if (slot == UriPathAt)
                {
                    options[UriPathEndAt] = (ushort)count;
                }

                if ((number & 0x01) != 0 && options[OtherCriticalAt] == 0
                    && ((slot != UriPathAt && number != CoapOption.UriQuery) || valueLength > 255))
                {
                    options[OtherCriticalAt] = (ushort)count;
                }

                position += valueLength;
            }

            return CoapParseResult.Ok;
        }

        // RFC 7252 §3.1: nibble 13 adds one byte (+13), 14 adds two bytes (+269). -1 when truncated.
        private static int ReadExtended(byte[] buffer, ref int position, int end, int nibble)
        {
            if (nibble == 13)
            {
                if (position + 1 > end)
                {
                    return -1;
                }

                return buffer[position++] + 13;
            }

            if (nibble == 14)
            {
                if (position + 2 > end)
                {
                    return -1;
                }

                int value = (buffer[position] << 8) | buffer[position + 1];
                position += 2;
                return value + 269;
            }

            return nibble;
        }

        /// <summary>Number of the option at <paramref name="index"/> (0..OptionCount-1).</summary>
        public int GetOptionNumber(int index)
        {
            return _options[IndexStart + index * IndexStride];
        }

        /// <summary>Offset of the option value in <see cref="Buffer"/>.</summary>
        public int GetOptionOffset(int index)
        {
            return _offset + _options[IndexStart + index * IndexStride + 1];
        }

        /// <summary>Length of the option value.</summary>
        public int GetOptionLength(int index)
        {
            return _options[IndexStart + index * IndexStride + 2];
        }

        /// <summary>Index of the first option numbered <paramref name="number"/> at or after <paramref name="startIndex"/>, or -1.</summary>
        public int FindOption(int number, int startIndex)
        {
            if (startIndex <= 0)
            {
                return FindOption(number);
            }

            ushort[] options = _options;
            int count = _optionCount;
            for (int i = startIndex; i < count; i++)
            {
                int optionNumber = options[IndexStart + i * IndexStride];
                if (optionNumber == number)
                {
                    return i;
                }

                if (optionNumber > number)
                {
                    return -1;
                }
            }

            return -1;
        }

        /// <summary>Index of the first option numbered <paramref name="number"/>, or -1.</summary>
        public int FindOption(int number)
        {
            ushort[] options = _options;
            int slot = KnownSlot(number);
            if (slot != 0)
            {
                // Noted while indexing.
                return options[slot] - 1;
            }

            int count = _optionCount;
            for (int i = 0; i < count; i++)
            {
                int optionNumber = options[IndexStart + i * IndexStride];
                if (optionNumber == number)
                {
                    return i;
                }

                if (optionNumber > number)
                {
                    return -1;
                }
            }

            return -1;
        }

        /// <summary>True when at least one option numbered <paramref name="number"/> is present.</summary>
        public bool HasOption(int number)
        {
            return FindOption(number) >= 0;
        }

        /// <summary>How many options numbered <paramref name="number"/> are present.</summary>
        public int CountOptions(int number)
        {
            int first = FindOption(number);
            if (first < 0)
            {
                return 0;
            }

            ushort[] options = _options;
            if (number == CoapOption.UriPath)
            {
                return options[UriPathEndAt] - first;
            }

            int count = _optionCount;
            int end = first + 1;
            while (end < count && options[IndexStart + end * IndexStride] == number)
            {
                end++;
            }

            return end - first;
        }

        /// <summary>
        /// Reads the option at <paramref name="index"/> as a uint: big-endian, leading zeros allowed,
        /// zero-length is 0 (RFC 7252 §3.2). False when the value is longer than 4 bytes.
        /// </summary>
        public bool TryGetUInt(int index, out uint value)
        {
            value = 0;
            ushort[] options = _options;
            int at = IndexStart + index * IndexStride;
            int length = options[at + 2];
            if (length > 4)
            {
                return false;
            }

            byte[] buffer = _buffer;
            int position = _offset + options[at + 1];
            uint read = 0;
            for (int i = 0; i < length; i++)
            {
                read = (read << 8) | buffer[position + i];
            }

            value = read;
            return true;
        }

        /// <summary>
        /// Reads the first option numbered <paramref name="number"/> as a uint.
        /// Returns false (value = <paramref name="absentValue"/>) when absent or longer than 4 bytes.
        /// </summary>
        public bool TryGetUIntOption(int number, uint absentValue, out uint value)
        {
            int index = FindOption(number);
            if (index < 0)
            {
                value = absentValue;
                return false;
            }

            if (!TryGetUInt(index, out value))
            {
                value = absentValue;
                return false;
            }

            return true;
        }

        /// <summary>
        /// Copies the value of the option at <paramref name="index"/> into <paramref name="destination"/>.
        /// Returns the number of bytes copied, or -1 when it does not fit.
        /// </summary>
        public int CopyOptionValue(int index, byte[] destination, int destinationOffset)
        {
            int length = GetOptionLength(index);
            if (destination == null || destinationOffset < 0 || destinationOffset > destination.Length - length)
            {
                return -1;
            }

            System.Array.Copy(_buffer, GetOptionOffset(index), destination, destinationOffset, length);
            return length;
        }

        /// <summary>True when the option value equals the bytes given.</summary>
        public bool OptionValueEquals(int index, byte[] expected, int expectedOffset, int expectedLength)
        {
            int at = IndexStart + index * IndexStride;
            return ByteCompare.Equal(_buffer, _offset + _options[at + 1], _options[at + 2], expected, expectedOffset, expectedLength);
        }

        /// <summary>
        /// True when the option value equals <paramref name="ascii"/> byte for byte
        /// (characters above 0x7F never match: use the byte overload for UTF-8).
        /// </summary>
        public bool OptionValueEquals(int index, string ascii)
        {
            int at = IndexStart + index * IndexStride;
            return ByteCompare.EqualsAscii(_buffer, _offset + _options[at + 1], _options[at + 2], ascii);
        }

        /// <summary>Copies the token into <paramref name="destination"/>; returns its length, or -1 when it does not fit.</summary>
        public int CopyToken(byte[] destination, int destinationOffset)
        {
            int tokenLength = TokenLength;
            if (destination == null || destinationOffset < 0 || destinationOffset > destination.Length - tokenLength)
            {
                return -1;
            }

            System.Array.Copy(_buffer, _tokenOffset, destination, destinationOffset, tokenLength);
            return tokenLength;
        }

        /// <summary>True when the token equals the bytes given.</summary>
        public bool TokenEquals(byte[] token, int tokenOffset, int tokenLength)
        {
            return ByteCompare.Equal(_buffer, _tokenOffset, TokenLength, token, tokenOffset, tokenLength);
        }
    }
}
