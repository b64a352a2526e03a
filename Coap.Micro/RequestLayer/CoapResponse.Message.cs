namespace Coap.Micro
{
    // The message around the payload: the server begins it (type, code, Message ID, token) and
    // finishes it by serialising header, token and options right in front of the payload (RFC 7252 §3).
    public sealed partial class CoapResponse
    {
        /// <summary>A writer free for the server's own use (the response itself is serialised without it).</summary>
        internal readonly CoapMessageWriter Writer = new CoapMessageWriter();

        // Type and Message ID in one int (RFC 7252 §3): type in bits 24-25, Message ID in bits 0-15. One
        // field instead of two because on nanoFramework every field of an object takes 12 bytes, whatever its type.
        private int _header;

        // The token is referenced where it lies, not copied: in the request's buffer, or in the table of
        // the observer or waiting response it goes to, neither of which changes until the message is finished.
        // _token is its offset << 4 | its length (0-8, RFC 7252 §3).
        private const int TokenLengthMask = 0x0F;
        private byte[] _tokenSource;
        private int _token;

        /// <summary>Largest message length: the send buffer less the room kept for late options.</summary>
        internal int MaxLength
        {
            get { return Buffer.Length - LateOptionRoom; }
        }

        /// <summary>Fills in the options this response was sized with (see <see cref="CoapServer.Options"/>).</summary>
        internal void CopySizesTo(CoapServerOptions options)
        {
            options.MaxResponseSize = Buffer.Length - LateOptionRoom;
            options.MaxResponseOptions = _entries.Length;
            options.ResponseOptionBytes = _values.Length;
            options.BlockSize = BlockOption.SizeOf(MaxBlockSzx);
        }

        /// <summary>Type of the message being composed.</summary>
        internal CoapMessageType Type
        {
            get { return (CoapMessageType)((_header >> 24) & 0x03); }
        }

        /// <summary>Message ID of the message being composed.</summary>
        internal ushort MessageId
        {
            get { return (ushort)_header; }
        }

        /// <summary>
        /// Starts a new message: header fields and token (a parsed one: 0-8 bytes); no options, no payload.
        /// </summary>
        internal void Begin(CoapMessageType type, byte code, ushort messageId, byte[] token, int tokenOffset, int tokenLength, SeparateResponseTable separate)
        {
            _header = ((int)type << 24) | messageId;
            Code = code;
            _tokenSource = token;
            _token = (tokenOffset << 4) | tokenLength;
            _separate = separate;
            _optionCount = 0;
            _valuesUsed = 0;
            _headLength = CoapMessage.HeaderLength + tokenLength;
            PayloadLength = 0;
            _windowLimit = NoWindow;
            DeferredTicket = NotDeferred;
            _result = CoapWriteResult.Ok;
        }

        /// <summary>Discards options, payload, the block window and errors, keeping header and token.</summary>
        internal void Reset(byte code)
        {
            Code = code;
            _optionCount = 0;
            _valuesUsed = 0;
            _headLength = CoapMessage.HeaderLength + (_token & TokenLengthMask);
            PayloadLength = 0;
            _windowLimit = NoWindow;
            DeferredTicket = NotDeferred;
            _result = CoapWriteResult.Ok;
        }

        /// <summary>Turns the message into another type with another Message ID (a separate response, RFC 7252 §5.2.2).</summary>
        internal void Readdress(CoapMessageType type, ushort messageId)
        {
            _header = ((int)type << 24) | messageId;
        }

        /// <summary>Drops the payload, keeping code and options.</summary>
        internal void ClearPayload()
        {
            PayloadLength = 0;
        }

        /// <summary>Marks the message as not fitting: <see cref="Finish"/> then fails.</summary>
        internal void MarkTooLarge()
        {
            Fail(CoapWriteResult.DoesNotFit);
        }

        /// <summary>
        /// Length the message would have with <paramref name="payloadLength"/> payload bytes and one more
        /// option numbered <paramref name="extraNumber"/> of <paramref name="extraLength"/> bytes (-1: none).
        /// </summary>
        internal int MessageLength(int payloadLength, int extraNumber, int extraLength)
        {
            int length = payloadLength > 0 ? _headLength + 1 + payloadLength : _headLength;
            return extraNumber < 0 ? length : length + ExtraSize(extraNumber, extraLength);
        }

        /// <summary>
        /// Serialises header, token and options in front of the payload. Returns the message length and
        /// its offset in <see cref="Buffer"/>, or -1 when it does not fit or is malformed.
        /// </summary>
        internal int Finish(out int offset)
        {
            offset = 0;
            _windowLimit = NoWindow;
            if (_result != CoapWriteResult.Ok)
            {
                return -1;
            }

            byte[] buffer = Buffer;
            int headLength = _headLength;
            int payloadLength = PayloadLength;
            int length = payloadLength > 0 ? headLength + 1 + payloadLength : headLength;
            if (length > buffer.Length - LateOptionRoom)
            {
                Fail(CoapWriteResult.DoesNotFit);
                return -1;
            }

            int at = 0;
            if (payloadLength > 0)
            {
                int payloadStart = _payloadStart;
                at = payloadStart - 1 - headLength;
                if (at < 0)
                {
                    // More options came after the payload than the room kept for them: move it once.
                    MovePayload(-at);
                    payloadStart -= at;
                    at = 0;
                }

                buffer[payloadStart - 1] = CoapMessage.PayloadMarker;
            }

            offset = at;

            // RFC 7252 §3: Ver (1), T, TKL | Code | Message ID; then the token.
            int header = _header;
            int token = _token;
            int tokenLength = token & TokenLengthMask;
            buffer[at] = (byte)((CoapMessage.ProtocolVersion << 6) | ((header >> 20) & 0x30) | tokenLength);
            buffer[at + 1] = Code;
            buffer[at + 2] = (byte)(header >> 8);
            buffer[at + 3] = (byte)header;
            at += CoapMessage.HeaderLength;
            if (tokenLength > 0)
            {
                System.Array.Copy(_tokenSource, token >> 4, buffer, at, tokenLength);
                at += tokenLength;
            }

            // RFC 7252 §3.1: each option as delta and length nibbles, extended when 13 or more, then its value.
            // The table is sorted, its numbers and lengths were checked when added, and the length fits.
            int count = _optionCount;
            if (count > 0)
            {
                int[] entries = _entries;
                byte[] values = _values;
                int previous = 0;
                for (int i = 0; i < count; i++)
                {
                    int entry = entries[i];
                    int number = (int)((uint)entry >> 16);
                    int valueAt = (entry >> 8) & 0xFF;
                    int valueLength = entry & 0xFF;
                    int valueEnd = valueAt + valueLength;
                    int delta = number - previous;
                    previous = number;
                    at = CoapMessageWriter.WriteOptionHeader(buffer, at, delta, valueLength);
                    while (valueAt < valueEnd)
                    {
                        buffer[at++] = values[valueAt++];
                    }
                }
            }

            return length;
        }

        private void MovePayload(int shift)
        {
            // Backwards, as source and destination overlap.
            byte[] buffer = Buffer;
            int start = _payloadStart;
            for (int i = PayloadLength - 1; i >= 0; i--)
            {
                buffer[start + shift + i] = buffer[start + i];
            }

            _payloadStart = start + shift;
        }
    }
}
