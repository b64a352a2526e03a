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

        // The option index: three ushorts per option, its number (at most 65535, RFC 7252 §3.1), the
        // offset of its value from the start of the message and the value's length. One array of 16-bit
        // values: on nanoFramework every array costs a 20-byte header and packs its elements.
        private const int IndexStride = 3;
        private readonly ushort[] _options;

        /// <summary>Creates a view that can index up to <paramref name="maxOptions"/> options.</summary>
        public CoapMessage(int maxOptions)
        {
            if (maxOptions < 1)
            {
                maxOptions = 1;
            }

            _options = new ushort[maxOptions * IndexStride];
        }

        /// <summary>The buffer the message was parsed from.</summary>
        public byte[] Buffer { get; private set; }

        /// <summary>Offset of the first header byte in <see cref="Buffer"/>.</summary>
        public int Offset { get; private set; }

        /// <summary>Length of the whole datagram.</summary>
        public int Length { get; private set; }

        /// <summary>Result of the last <see cref="Parse"/>.</summary>
        public CoapParseResult Result { get; private set; }

        // The header fields are read once, when the message is parsed: on nanoFramework a property that
        // re-derives them from the buffer costs a call per level on every read (RAM traded for interpreter time).
        private int _version;
        private int _type;
        private int _code;
        private int _messageId;
        private bool _hasHeader;

        /// <summary>Version field; valid whenever at least one byte was parsed.</summary>
        public int Version
        {
            get { return _version; }
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
            get { return TokenOffset > Offset ? Buffer[Offset] & 0x0F : 0; }
        }

        /// <summary>Offset of the token in <see cref="Buffer"/>.</summary>
        public int TokenOffset { get; private set; }

        /// <summary>Number of options indexed.</summary>
        public int OptionCount { get; private set; }

        /// <summary>Capacity of the option index.</summary>
        public int MaxOptions
        {
            get { return _options.Length / IndexStride; }
        }

        /// <summary>Offset of the payload in <see cref="Buffer"/> (end of message when there is none).</summary>
        public int PayloadOffset { get; private set; }

        /// <summary>Payload length; 0 when there is no payload (the payload runs to the end of the message).</summary>
        public int PayloadLength
        {
            get { return Offset + Length - PayloadOffset; }
        }

        /// <summary>True when the header could be read, so Type and Message ID are meaningful (needed to answer with RST).</summary>
        public bool HasHeader
        {
            get { return _hasHeader; }
        }

        /// <summary>
        /// Parses <paramref name="length"/> bytes at <paramref name="offset"/> in place.
        /// The buffer is referenced, not copied: it must not change while the view is used.
        /// </summary>
        public CoapParseResult Parse(byte[] buffer, int offset, int length)
        {
            Buffer = buffer;
            Offset = offset;
            Length = length;
            TokenOffset = offset;
            OptionCount = 0;
            PayloadOffset = offset + length;
            ReadHeader(buffer, offset, length);
            Result = ParseInto(buffer, offset, length);
            return Result;
        }

        // Without a header (shorter than one, or an unknown version) Type reads Confirmable, Code and Message ID 0.
        private void ReadHeader(byte[] buffer, int offset, int length)
        {
            bool inRange = buffer != null && offset >= 0 && length > 0 && offset < buffer.Length && length <= buffer.Length - offset;
            int first = inRange ? buffer[offset] : 0;
            _version = first >> 6;
            if (!inRange || length < HeaderLength || _version != ProtocolVersion)
            {
                _hasHeader = false;
                _type = 0;
                _code = 0;
                _messageId = 0;
                return;
            }

            _hasHeader = true;
            _type = (first >> 4) & 0x03;
            _code = buffer[offset + 1];
            _messageId = (buffer[offset + 2] << 8) | buffer[offset + 3];
        }

        private CoapParseResult ParseInto(byte[] buffer, int offset, int length)
        {
            if (buffer == null || offset < 0 || length < 0 || offset > buffer.Length || length > buffer.Length - offset)
            {
                Length = 0;
                PayloadOffset = offset;
                return CoapParseResult.TooShort;
            }

            if (length < HeaderLength)
            {
                return CoapParseResult.TooShort;
            }

            // RFC 7252 §3: unknown versions are silently ignored.
            if (Version != ProtocolVersion)
            {
                return CoapParseResult.BadVersion;
            }

            int tokenLength = buffer[offset] & 0x0F;

            // RFC 7252 §3: token lengths 9-15 are a message format error.
            if (tokenLength > MaxTokenLength)
            {
                return CoapParseResult.BadTokenLength;
            }

            int end = offset + length;
            int position = offset + HeaderLength;

            // RFC 7252 §4.1: an Empty message has no token and nothing after the Message ID.
            if (buffer[offset + 1] == CoapCode.Empty && (tokenLength != 0 || length != HeaderLength))
            {
                return CoapParseResult.EmptyMessageNotEmpty;
            }

            if (position + tokenLength > end)
            {
                return CoapParseResult.TruncatedToken;
            }

            TokenOffset = position;
            position += tokenLength;
            return ParseOptions(buffer, position, end);
        }

        private CoapParseResult ParseOptions(byte[] buffer, int position, int end)
        {
            int number = 0;
            while (position < end)
            {
                byte header = buffer[position];
                if (header == PayloadMarker)
                {
                    position++;

                    // RFC 7252 §3: a marker followed by a zero-length payload is a format error.
                    if (position == end)
                    {
                        return CoapParseResult.EmptyPayloadAfterMarker;
                    }

                    PayloadOffset = position;
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

                delta = ReadExtended(buffer, ref position, end, delta);
                if (delta < 0)
                {
                    return CoapParseResult.TruncatedOption;
                }

                valueLength = ReadExtended(buffer, ref position, end, valueLength);
                if (valueLength < 0)
                {
                    return CoapParseResult.TruncatedOption;
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
                int at = OptionCount * IndexStride;
                if (at == _options.Length || position + valueLength - Offset > MaxIndexedLength)
                {
                    return CoapParseResult.TooManyOptions;
                }

                _options[at] = (ushort)number;
                _options[at + 1] = (ushort)(position - Offset);
                _options[at + 2] = (ushort)valueLength;
                OptionCount++;
                position += valueLength;
            }

            PayloadOffset = end;
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
            return _options[index * IndexStride];
        }

        /// <summary>Offset of the option value in <see cref="Buffer"/>.</summary>
        public int GetOptionOffset(int index)
        {
            return Offset + _options[index * IndexStride + 1];
        }

        /// <summary>Length of the option value.</summary>
        public int GetOptionLength(int index)
        {
            return _options[index * IndexStride + 2];
        }

        /// <summary>Index of the first option numbered <paramref name="number"/> at or after <paramref name="startIndex"/>, or -1.</summary>
        public int FindOption(int number, int startIndex)
        {
            for (int i = startIndex < 0 ? 0 : startIndex; i < OptionCount; i++)
            {
                int optionNumber = _options[i * IndexStride];
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
            return FindOption(number, 0);
        }

        /// <summary>True when at least one option numbered <paramref name="number"/> is present.</summary>
        public bool HasOption(int number)
        {
            return FindOption(number, 0) >= 0;
        }

        /// <summary>How many options numbered <paramref name="number"/> are present.</summary>
        public int CountOptions(int number)
        {
            int count = 0;
            for (int i = FindOption(number, 0); i >= 0 && i < OptionCount && GetOptionNumber(i) == number; i++)
            {
                count++;
            }

            return count;
        }

        /// <summary>
        /// Reads the option at <paramref name="index"/> as a uint: big-endian, leading zeros allowed,
        /// zero-length is 0 (RFC 7252 §3.2). False when the value is longer than 4 bytes.
        /// </summary>
        public bool TryGetUInt(int index, out uint value)
        {
            value = 0;
            int length = GetOptionLength(index);
            if (length > 4)
            {
                return false;
            }

            int position = GetOptionOffset(index);
            for (int i = 0; i < length; i++)
            {
                value = (value << 8) | Buffer[position + i];
            }

            return true;
        }

        /// <summary>
        /// Reads the first option numbered <paramref name="number"/> as a uint.
        /// Returns false (value = <paramref name="absentValue"/>) when absent or longer than 4 bytes.
        /// </summary>
        public bool TryGetUIntOption(int number, uint absentValue, out uint value)
        {
            int index = FindOption(number, 0);
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

            System.Array.Copy(Buffer, GetOptionOffset(index), destination, destinationOffset, length);
            return length;
        }

        /// <summary>True when the option value equals the bytes given.</summary>
        public bool OptionValueEquals(int index, byte[] expected, int expectedOffset, int expectedLength)
        {
            return ByteCompare.Equal(Buffer, GetOptionOffset(index), GetOptionLength(index), expected, expectedOffset, expectedLength);
        }

        /// <summary>
        /// True when the option value equals <paramref name="ascii"/> byte for byte
        /// (characters above 0x7F never match: use the byte overload for UTF-8).
        /// </summary>
        public bool OptionValueEquals(int index, string ascii)
        {
            return ByteCompare.EqualsAscii(Buffer, GetOptionOffset(index), GetOptionLength(index), ascii);
        }

        /// <summary>Copies the token into <paramref name="destination"/>; returns its length, or -1 when it does not fit.</summary>
        public int CopyToken(byte[] destination, int destinationOffset)
        {
            if (destination == null || destinationOffset < 0 || destinationOffset > destination.Length - TokenLength)
            {
                return -1;
            }

            System.Array.Copy(Buffer, TokenOffset, destination, destinationOffset, TokenLength);
            return TokenLength;
        }

        /// <summary>True when the token equals the bytes given.</summary>
        public bool TokenEquals(byte[] token, int tokenOffset, int tokenLength)
        {
            return ByteCompare.Equal(Buffer, TokenOffset, TokenLength, token, tokenOffset, tokenLength);
        }
    }
}
