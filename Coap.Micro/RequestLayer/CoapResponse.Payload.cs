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

        // Where the payload starts in Buffer once it has a byte: header, token and the options so far,
        // the room for late options, then the marker.
        private int _payloadStart;
        private int _windowLimit;
        private int _representationLength;

        /// <summary>Payload bytes in the buffer.</summary>
        internal int PayloadLength;

        /// <summary>Where in the representation the kept bytes start (while a window is open).</summary>
        internal int WindowStart;

        /// <summary>
        /// Payload bytes that still fit, given the options written so far. While the server sends the
        /// representation block-wise the payload has no limit: it is cut into blocks (RFC 7959).
        /// </summary>
        public int PayloadSpace
        {
            get
            {
                if (_result != CoapWriteResult.Ok)
                {
                    return 0;
                }

                if (_windowLimit != NoWindow)
                {
                    return int.MaxValue - _representationLength;
                }

                int bufferLength = Buffer.Length;
                int payloadLength = PayloadLength;
                int space = bufferLength - LateOptionRoom - _headLength - 1 - payloadLength;
                if (payloadLength > 0 && bufferLength - _payloadStart - payloadLength < space)
                {
                    space = bufferLength - _payloadStart - payloadLength;
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

            if (_result != CoapWriteResult.Ok)
            {
                return false;
            }

            if (count == 0)
            {
                return true;
            }

            int windowLimit = _windowLimit;
            if (windowLimit != NoWindow)
            {
                // Keeps the part of [position, position + count) of the representation inside the window.
                int position = _representationLength;
                if (count > int.MaxValue - position)
                {
                    return Fail(CoapWriteResult.DoesNotFit);
                }

                int end = position + count;
                _representationLength = end;
                int windowStart = WindowStart;
                int windowEnd = windowLimit > int.MaxValue - windowStart ? int.MaxValue : windowStart + windowLimit;
                int from = position > windowStart ? position : windowStart;
                int to = end < windowEnd ? end : windowEnd;
                if (to <= from)
                {
                    return true;
                }

                // Bytes that do not fit the buffer are dropped too: the server then picks a smaller block.
                byte[] windowBuffer = Buffer;
                int kept = PayloadLength;
                int keptStart = kept == 0 ? _headLength + LateOptionRoom + 1 : _payloadStart;
                int keep = to - from;
                int room = windowBuffer.Length - keptStart - kept;
                if (keep > room)
                {
                    keep = room;
                }

                if (keep > 0)
                {
                    _payloadStart = keptStart;
                    System.Array.Copy(payload, offset + (from - position), windowBuffer, keptStart + kept, keep);
                    PayloadLength = kept + keep;
                }

                return true;
            }

            // Appended in place; the payload starts after the head so far, the room for late options and the marker.
            byte[] buffer = Buffer;
            int payloadLength = PayloadLength;
            int space = buffer.Length - LateOptionRoom - _headLength - 1 - payloadLength;
            int start;
            if (payloadLength == 0)
            {
                start = _headLength + LateOptionRoom + 1;
            }
            else
            {
                start = _payloadStart;
                if (buffer.Length - start - payloadLength < space)
                {
                    space = buffer.Length - start - payloadLength;
                }
            }

            if (count > space)
            {
                return Fail(CoapWriteResult.DoesNotFit);
            }

            _payloadStart = start;
            System.Array.Copy(payload, offset, buffer, start + payloadLength, count);
            PayloadLength = payloadLength + count;
            return true;
        }

        /// <summary>Appends all of <paramref name="payload"/>.</summary>
        public bool AddPayload(byte[] payload)
        {
            return payload == null ? Fail(CoapWriteResult.InvalidArgument) : AddPayload(payload, 0, payload.Length);
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

        /// <summary>Bytes of representation written (all of them, kept or not) while the window is open; else the payload length.</summary>
        internal int RepresentationLength
        {
            get { return _windowLimit != NoWindow ? _representationLength : PayloadLength; }
        }

        /// <summary>
        /// Opens a window: from now on AddPayload keeps only representation bytes from
        /// <paramref name="start"/> on, at most <paramref name="limit"/> of them and no more than the buffer holds.
        /// </summary>
        internal void OpenWindow(int start, int limit)
        {
            WindowStart = start;
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
            if (length >= 0 && length < PayloadLength)
            {
                PayloadLength = length;
            }
        }
    }
}
