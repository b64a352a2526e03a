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
        private CoapWriteResult _result;

        /// <summary>Creates a writer; call <see cref="Begin"/> before writing.</summary>
        public CoapMessageWriter()
        {
            _result = CoapWriteResult.NotStarted;
        }

        /// <summary>First error, or Ok.</summary>
        public CoapWriteResult Result
        {
            get { return _result; }
        }

        /// <summary>True while no error happened.</summary>
        public bool IsOk
        {
            get { return _result == CoapWriteResult.Ok; }
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
            _result = CoapWriteResult.Ok;

            if (buffer == null || offset < 0 || capacity < 0 || offset > buffer.Length)
            {
                return Fail(CoapWriteResult.InvalidArgument);
            }

            int limit = capacity > buffer.Length - offset ? buffer.Length : offset + capacity;
            _limit = limit;
            if (tokenLength < 0 || tokenLength > CoapMessage.MaxTokenLength
                || (tokenLength > 0 && (token == null || tokenOffset < 0 || tokenOffset > token.Length - tokenLength)))
            {
                return Fail(CoapWriteResult.InvalidArgument);
            }

            if (CoapMessage.HeaderLength + tokenLength > limit - offset)
            {
                return Fail(CoapWriteResult.DoesNotFit);
            }

            buffer[offset] = (byte)((CoapMessage.ProtocolVersion << 6) | ((int)type << 4) | tokenLength);
            buffer[offset + 1] = code;
            buffer[offset + 2] = (byte)(messageId >> 8);
            buffer[offset + 3] = (byte)messageId;
            offset += CoapMessage.HeaderLength;
            if (tokenLength > 0)
            {
                System.Array.Copy(token, tokenOffset, buffer, offset, tokenLength);
                offset += tokenLength;
            }

            _position = offset;
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
            if (valueLength < 0 || (valueLength > 0 && (value == null || valueOffset < 0 || valueOffset > value.Length - valueLength)))
            {
                return Fail(CoapWriteResult.InvalidArgument);
            }

            int at = WriteOptionHeader(number, valueLength);
            if (at < 0)
            {
                return false;
            }

            if (valueLength > 0)
            {
                System.Array.Copy(value, valueOffset, _buffer, at, valueLength);
                _position = at + valueLength;
            }

            return true;
        }

        /// <summary>Adds an option without a value (If-None-Match, or uint 0).</summary>
        public bool AddEmptyOption(int number)
        {
            return WriteOptionHeader(number, 0) >= 0;
        }

        /// <summary>Adds a uint option in its shortest form: 0 is zero-length, no leading zeros (RFC 7252 §3.2).</summary>
        public bool AddUIntOption(int number, uint value)
        {
            int length = value == 0 ? 0 : (value < 0x100 ? 1 : (value < 0x10000 ? 2 : (value < 0x1000000 ? 3 : 4)));
            int at = WriteOptionHeader(number, length);
            if (at < 0)
            {
                return false;
            }

            if (length > 0)
            {
                byte[] buffer = _buffer;
                while (length > 0)
                {
                    length--;
                    buffer[at++] = (byte)(value >> (8 * length));
                }

                _position = at;
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

            int at = WriteOptionHeader(number, ascii.Length);
            if (at < 0)
            {
                return false;
            }

            for (int i = 0; i < ascii.Length; i++)
            {
                _buffer[at++] = (byte)ascii[i];
            }

            _position = at;
            return true;
        }

        /// <summary>Appends payload bytes; the first non-empty call writes the payload marker.</summary>
        public bool AddPayload(byte[] payload, int offset, int count)
        {
            if (count < 0 || !RangeOk(payload, offset, count))
            {
                return Fail(CoapWriteResult.InvalidArgument);
            }

            if (_result != CoapWriteResult.Ok || !BeginPayload(count))
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

            if (_result != CoapWriteResult.Ok || !BeginPayload(ascii.Length))
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
                if (_result != CoapWriteResult.Ok)
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
            if (_result != CoapWriteResult.Ok)
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

            if (_result != CoapWriteResult.Ok || !BeginPayload(count))
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

        // Writes an option's nibbles and extended delta and length (RFC 7252 §3.1: 0-12 fit the nibble,
        // 13-268 take one extra byte, 269-65804 two) and returns where its value goes, with room checked
        // for the value too, or -1. The position is left at the value's start.
        private int WriteOptionHeader(int number, int valueLength)
        {
            if (_result != CoapWriteResult.Ok)
            {
                return -1;
            }

            if (_inPayload)
            {
                Fail(CoapWriteResult.OptionAfterPayload);
                return -1;
            }

            if (number < 0 || number > CoapOption.MaxNumber || valueLength < 0 || valueLength > MaxOptionValueLength)
            {
                Fail(CoapWriteResult.InvalidArgument);
                return -1;
            }

            int last = _lastOptionNumber;
            if (number < last)
            {
                Fail(CoapWriteResult.OptionOutOfOrder);
                return -1;
            }

            int delta = number - last;
            int at = _position;
            if (1 + (delta < 13 ? 0 : (delta < 269 ? 1 : 2)) + (valueLength < 13 ? 0 : (valueLength < 269 ? 1 : 2)) + valueLength > _limit - at)
            {
                Fail(CoapWriteResult.DoesNotFit);
                return -1;
            }

            at = WriteOptionHeader(_buffer, at, delta, valueLength);
            _position = at;
            _lastOptionNumber = number;
            return at;
        }

        /// <summary>
        /// Writes an option's header at <paramref name="at"/>: delta and length nibbles, each extended by one
        /// byte from 13 and two from 269 (RFC 7252 §3.1). Returns where its value goes. The caller checked
        /// that it fits. The one encoder of option headers (the response writes its options through it too).
        /// </summary>
        internal static int WriteOptionHeader(byte[] buffer, int at, int delta, int valueLength)
        {
            int nibblesAt = at++;
            int nibbles;
            if (delta < 13)
            {
                nibbles = delta << 4;
            }
            else if (delta < 269)
            {
                nibbles = 13 << 4;
                buffer[at++] = (byte)(delta - 13);
            }
            else
            {
                nibbles = 14 << 4;
                buffer[at++] = (byte)((delta - 269) >> 8);
                buffer[at++] = (byte)(delta - 269);
            }

            if (valueLength < 13)
            {
                nibbles |= valueLength;
            }
            else if (valueLength < 269)
            {
                nibbles |= 13;
                buffer[at++] = (byte)(valueLength - 13);
            }
            else
            {
                nibbles |= 14;
                buffer[at++] = (byte)((valueLength - 269) >> 8);
                buffer[at++] = (byte)(valueLength - 269);
            }

            buffer[nibblesAt] = (byte)nibbles;
            return at;
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
            if (_result == CoapWriteResult.Ok)
            {
                _result = result;
            }

            return false;
        }
    }
}
