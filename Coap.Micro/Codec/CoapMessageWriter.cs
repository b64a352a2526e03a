namespace Coap.Micro
{
    /// <summary>
    /// Writes a CoAP message in place into a caller's buffer (RFC 7252 §3): header, token,
    /// options in ascending order as deltas, then payload marker and payload.
    /// Never writes outside [offset, offset + capacity) and never allocates; the first error
    /// is kept in <see cref="Result"/> and every later call does nothing and returns false.
    /// </summary>
    public sealed class CoapMessageWriter
    {
        /// <summary>Longest option value the extended length can express: 65535 + 269 (RFC 7252 §3.1).</summary>
        public const int MaxOptionValueLength = 65535 + 269;

        private byte[] _buffer;
        private int _start;
        private int _limit;
        private int _position;
        private int _lastOptionNumber;
        private bool _inPayload;

        /// <summary>Creates a writer; call <see cref="Begin"/> before writing.</summary>
        public CoapMessageWriter()
        {
            Result = CoapWriteResult.NotStarted;
        }

        /// <summary>First error, or Ok.</summary>
        public CoapWriteResult Result { get; private set; }

        /// <summary>True while no error happened.</summary>
        public bool IsOk
        {
            get { return Result == CoapWriteResult.Ok; }
        }

        /// <summary>Bytes written so far (the message length once complete).</summary>
        public int Length
        {
            get { return _position - _start; }
        }

        /// <summary>The buffer being written.</summary>
        public byte[] Buffer
        {
            get { return _buffer; }
        }

        /// <summary>Offset of the message in <see cref="Buffer"/>.</summary>
        public int Offset
        {
            get { return _start; }
        }

        /// <summary>Number of the last option written (0 before any).</summary>
        public int LastOptionNumber
        {
            get { return _lastOptionNumber; }
        }

        /// <summary>True once payload bytes have been written.</summary>
        public bool HasPayload
        {
            get { return _inPayload; }
        }

        /// <summary>Writes the 4-byte header and the token.</summary>
        public bool Begin(byte[] buffer, int offset, int capacity, CoapMessageType type, byte code, ushort messageId, byte[] token, int tokenOffset, int tokenLength)
        {
            _buffer = buffer;
            _start = offset;
            _position = offset;
            _limit = offset;
            _lastOptionNumber = 0;
            _inPayload = false;
            Result = CoapWriteResult.Ok;

            if (buffer == null || offset < 0 || capacity < 0 || offset > buffer.Length)
            {
                return Fail(CoapWriteResult.InvalidArgument);
            }

            _limit = capacity > buffer.Length - offset ? buffer.Length : offset + capacity;
            if (tokenLength < 0 || tokenLength > CoapMessage.MaxTokenLength || !RangeOk(token, tokenOffset, tokenLength))
            {
                return Fail(CoapWriteResult.InvalidArgument);
            }

            if (!Reserve(CoapMessage.HeaderLength + tokenLength))
            {
                return false;
            }

            buffer[_position++] = (byte)((CoapMessage.ProtocolVersion << 6) | ((int)type << 4) | tokenLength);
            buffer[_position++] = code;
            buffer[_position++] = (byte)(messageId >> 8);
            buffer[_position++] = (byte)messageId;
            if (tokenLength > 0)
            {
                System.Array.Copy(token, tokenOffset, buffer, _position, tokenLength);
                _position += tokenLength;
            }

            return true;
        }

        /// <summary>Overwrites the code byte of the message begun (for example to turn a response into an error).</summary>
        public void SetCode(byte code)
        {
            if (_buffer != null && _position >= _start + CoapMessage.HeaderLength)
            {
                _buffer[_start + 1] = code;
            }
        }

        /// <summary>Adds an option with an opaque or string value.</summary>
        public bool AddOption(int number, byte[] value, int valueOffset, int valueLength)
        {
            if (valueLength < 0 || !RangeOk(value, valueOffset, valueLength))
            {
                return Fail(CoapWriteResult.InvalidArgument);
            }

            if (!WriteOptionHeader(number, valueLength))
            {
                return false;
            }

            if (valueLength > 0)
            {
                System.Array.Copy(value, valueOffset, _buffer, _position, valueLength);
                _position += valueLength;
            }

            return true;
        }

        /// <summary>Adds an option without a value (If-None-Match, or uint 0).</summary>
        public bool AddEmptyOption(int number)
        {
            return WriteOptionHeader(number, 0);
        }

        /// <summary>Adds a uint option in its shortest form: 0 is zero-length, no leading zeros (RFC 7252 §3.2).</summary>
        public bool AddUIntOption(int number, uint value)
        {
            int length = UIntLength(value);
            if (!WriteOptionHeader(number, length))
            {
                return false;
            }

            for (int i = length - 1; i >= 0; i--)
            {
                _buffer[_position++] = (byte)(value >> (8 * i));
            }

            return true;
        }

        /// <summary>Adds a string option from ASCII text (characters above 0x7F are rejected).</summary>
        public bool AddAsciiOption(int number, string ascii)
        {
            if (ascii == null || !IsAscii(ascii))
            {
                return Fail(CoapWriteResult.InvalidArgument);
            }

            if (!WriteOptionHeader(number, ascii.Length))
            {
                return false;
            }

            for (int i = 0; i < ascii.Length; i++)
            {
                _buffer[_position++] = (byte)ascii[i];
            }

            return true;
        }

        /// <summary>Appends payload bytes; the first non-empty call writes the payload marker.</summary>
        public bool AddPayload(byte[] payload, int offset, int count)
        {
            if (count < 0 || !RangeOk(payload, offset, count))
            {
                return Fail(CoapWriteResult.InvalidArgument);
            }

            if (!IsOk || !BeginPayload(count))
            {
                return false;
            }

            System.Array.Copy(payload, offset, _buffer, _position, count);
            _position += count;
            return true;
        }

        /// <summary>Appends ASCII text to the payload.</summary>
        public bool AddPayloadAscii(string ascii)
        {
            if (ascii == null || !IsAscii(ascii))
            {
                return Fail(CoapWriteResult.InvalidArgument);
            }

            if (!IsOk || !BeginPayload(ascii.Length))
            {
                return false;
            }

            for (int i = 0; i < ascii.Length; i++)
            {
                _buffer[_position++] = (byte)ascii[i];
            }

            return true;
        }

        /// <summary>Room left for payload bytes, counting the marker if it is not written yet.</summary>
        public int PayloadSpace
        {
            get
            {
                if (!IsOk)
                {
                    return 0;
                }

                int space = _limit - _position - (_inPayload ? 0 : 1);
                return space < 0 ? 0 : space;
            }
        }

        /// <summary>
        /// Opens the payload for direct writing: writes the marker if needed and returns the offset in
        /// <see cref="Buffer"/> where up to <see cref="PayloadSpace"/> bytes may be written; then call
        /// <see cref="CommitPayload"/>. Returns -1 on error.
        /// </summary>
        public int OpenPayload()
        {
            if (!IsOk)
            {
                return -1;
            }

            return _limit - _position - (_inPayload ? 0 : 1) < 0 ? -1 : _position + (_inPayload ? 0 : 1);
        }

        /// <summary>Accepts <paramref name="count"/> bytes written at the offset <see cref="OpenPayload"/> returned.</summary>
        public bool CommitPayload(int count)
        {
            if (count < 0)
            {
                return Fail(CoapWriteResult.InvalidArgument);
            }

            if (!IsOk || !BeginPayload(count))
            {
                return false;
            }

            _position += count;
            return true;
        }

        private bool BeginPayload(int count)
        {
            if (count == 0)
            {
                return true;
            }

            if (!_inPayload)
            {
                // Compared without adding, so no count can overflow the check.
                if (count > _limit - _position - 1)
                {
                    return Fail(CoapWriteResult.DoesNotFit);
                }

                _buffer[_position++] = CoapMessage.PayloadMarker;
                _inPayload = true;
                return true;
            }

            return Reserve(count);
        }

        private bool WriteOptionHeader(int number, int valueLength)
        {
            if (!IsOk)
            {
                return false;
            }

            if (_inPayload)
            {
                return Fail(CoapWriteResult.OptionAfterPayload);
            }

            if (number < 0 || number > CoapOption.MaxNumber || valueLength < 0 || valueLength > MaxOptionValueLength)
            {
                return Fail(CoapWriteResult.InvalidArgument);
            }

            if (number < _lastOptionNumber)
            {
                return Fail(CoapWriteResult.OptionOutOfOrder);
            }

            int delta = number - _lastOptionNumber;
            if (!Reserve(1 + ExtendedSize(delta) + ExtendedSize(valueLength) + valueLength))
            {
                return false;
            }

            int headerPosition = _position++;
            int deltaNibble = WriteExtended(delta);
            int lengthNibble = WriteExtended(valueLength);
            _buffer[headerPosition] = (byte)((deltaNibble << 4) | lengthNibble);
            _lastOptionNumber = number;
            return true;
        }

        // RFC 7252 §3.1: values 0-12 fit the nibble, 13-268 take one extra byte, 269-65804 two.
        private static int ExtendedSize(int value)
        {
            return value < 13 ? 0 : (value < 269 ? 1 : 2);
        }

        private int WriteExtended(int value)
        {
            if (value < 13)
            {
                return value;
            }

            if (value < 269)
            {
                _buffer[_position++] = (byte)(value - 13);
                return 13;
            }

            int extended = value - 269;
            _buffer[_position++] = (byte)(extended >> 8);
            _buffer[_position++] = (byte)extended;
            return 14;
        }

        /// <summary>Bytes a uint option value takes in its shortest form (RFC 7252 §3.2).</summary>
        public static int UIntLength(uint value)
        {
            if (value == 0)
            {
                return 0;
            }

            if (value < 0x100)
            {
                return 1;
            }

            if (value < 0x10000)
            {
                return 2;
            }

            return value < 0x1000000 ? 3 : 4;
        }

        // True when [offset, offset + count) lies inside the array (no array is needed for count 0).
        private static bool RangeOk(byte[] array, int offset, int count)
        {
            if (count == 0)
            {
                return true;
            }

            return array != null && offset >= 0 && offset <= array.Length - count;
        }

        private static bool IsAscii(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] > 0x7F)
                {
                    return false;
                }
            }

            return true;
        }

        private bool Reserve(int count)
        {
            if (count > _limit - _position)
            {
                return Fail(CoapWriteResult.DoesNotFit);
            }

            return true;
        }

        private bool Fail(CoapWriteResult result)
        {
            if (Result == CoapWriteResult.Ok)
            {
                Result = result;
            }

            return false;
        }
    }
}
