namespace Coap.Micro
{
    // The payload: written once, in place, after the room kept for the header, token and options.
    // While the server keeps a block window open (RFC 7959 §2.4), a handler still writes its whole
    // representation, every byte counts towards its length, and only the bytes of the block asked for
    // are kept: the server regenerates a large representation block by block and never buffers it.
    public sealed partial class CoapResponse
    {
        // A window's limit is a block size (16 bytes at least) or no limit: 0 marks that none is open.
        private const int NoWindow = 0;

        private int _payloadStart;
        private int _payloadLength;
        private int _windowStart;
        private int _windowLimit;
        private int _representationLength;

        /// <summary>
        /// Payload bytes that still fit, given the options written so far. While the server sends the
        /// representation block-wise the payload has no limit: it is cut into blocks (RFC 7959).
        /// </summary>
        public int PayloadSpace
        {
            get
            {
                if (!IsOk)
                {
                    return 0;
                }

                if (Windowed)
                {
                    return int.MaxValue - _representationLength;
                }

                int used = MessageLength(_payloadLength, -1, 0);
                int space = MaxLength - used - (_payloadLength > 0 ? 0 : 1);
                if (_payloadLength > 0 && _buffer.Length - _payloadStart - _payloadLength < space)
                {
                    space = _buffer.Length - _payloadStart - _payloadLength;
                }

                return space < 0 ? 0 : space;
            }
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

            if (Windowed)
            {
                return AddToWindow(payload, offset, count);
            }

            if (count > PayloadSpace)
            {
                return Fail(CoapWriteResult.DoesNotFit);
            }

            Append(payload, offset, count);
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

        /// <summary>True while a block window is open.</summary>
        internal bool Windowed
        {
            get { return _windowLimit != NoWindow; }
        }

        /// <summary>Where in the representation the kept bytes start.</summary>
        internal int WindowStart
        {
            get { return _windowStart; }
        }

        /// <summary>Bytes of representation written (all of them, kept or not) while the window is open; else the payload length.</summary>
        internal int RepresentationLength
        {
            get { return Windowed ? _representationLength : _payloadLength; }
        }

        /// <summary>Payload bytes in the buffer.</summary>
        internal int PayloadLength
        {
            get { return _payloadLength; }
        }

        /// <summary>
        /// Opens a window: from now on AddPayload keeps only representation bytes from
        /// <paramref name="start"/> on, at most <paramref name="limit"/> of them and no more than the buffer holds.
        /// </summary>
        internal void OpenWindow(int start, int limit)
        {
            _windowStart = start;
            _windowLimit = limit;
            _representationLength = 0;
        }

        /// <summary>Closes the window, keeping the payload as it is.</summary>
        internal void CloseWindow()
        {
            _windowLimit = NoWindow;
        }

        /// <summary>Keeps only the first <paramref name="length"/> payload bytes.</summary>
        internal void TruncatePayload(int length)
        {
            if (length >= 0 && length < _payloadLength)
            {
                _payloadLength = length;
            }
        }

        // Keeps the part of [position, position + count) of the representation inside the window.
        private bool AddToWindow(byte[] payload, int offset, int count)
        {
            int position = _representationLength;
            if (count > int.MaxValue - position)
            {
                return Fail(CoapWriteResult.DoesNotFit);
            }

            _representationLength = position + count;
            int windowEnd = _windowLimit > int.MaxValue - _windowStart ? int.MaxValue : _windowStart + _windowLimit;
            int from = position > _windowStart ? position : _windowStart;
            int to = _representationLength < windowEnd ? _representationLength : windowEnd;
            if (to <= from)
            {
                return true;
            }

            // Bytes that do not fit the buffer are dropped too: the server then picks a smaller block.
            int keep = to - from;
            int room = _payloadLength == 0 ? _buffer.Length - PayloadStartNow() : _buffer.Length - _payloadStart - _payloadLength;
            if (keep > room)
            {
                keep = room;
            }

            if (keep > 0)
            {
                Append(payload, offset + (from - position), keep);
            }

            return true;
        }

        private void Append(byte[] payload, int offset, int count)
        {
            if (_payloadLength == 0)
            {
                _payloadStart = PayloadStartNow();
            }

            System.Array.Copy(payload, offset, _buffer, _payloadStart + _payloadLength, count);
            _payloadLength += count;
        }

        // Header, token and the options so far, the room for late options, then the marker.
        private int PayloadStartNow()
        {
            return CoapMessage.HeaderLength + _tokenLength + _options.EncodedLength(-1, 0) + LateOptionRoom + 1;
        }
    }
}
