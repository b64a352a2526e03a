namespace Coap.Micro
{
    // The message around the payload: the server begins it (type, code, Message ID, token) and
    // finishes it by serialising header, token and options right in front of the payload (RFC 7252 §3).
    public sealed partial class CoapResponse
    {
        private readonly CoapMessageWriter _writer = new CoapMessageWriter();

        // Type, code and Message ID in one int, in the order of the header on the wire (RFC 7252 §3):
        // type in bits 24-25, code in bits 16-23, Message ID in bits 0-15. One field instead of three
        // because on nanoFramework every field of an object takes 12 bytes, whatever its type.
        private int _header;

        // The token is referenced where it lies, not copied: in the request's buffer, or in the table of
        // the observer or waiting response it goes to, neither of which changes until the message is finished.
        private byte[] _tokenSource;
        private int _tokenOffset;
        private int _tokenLength;

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

        /// <summary>Largest message length: the send buffer less the room kept for late options.</summary>
        internal int MaxLength
        {
            get { return _buffer.Length - LateOptionRoom; }
        }

        /// <summary>
        /// SZX of the largest block a response is cut into (RFC 7959 §2.2), kept here because every block
        /// is cut from this response's buffer, whoever writes it (a request or a notification).
        /// </summary>
        internal int MaxBlockSzx
        {
            get { return _maxBlockSzx; }
        }

        /// <summary>Fills in the options this response was sized with (see <see cref="CoapServer.Options"/>).</summary>
        internal void CopySizesTo(CoapServerOptions options)
        {
            options.MaxResponseSize = MaxLength;
            options.MaxResponseOptions = _options.Capacity;
            options.ResponseOptionBytes = _options.Values.Length;
            options.BlockSize = BlockOption.SizeOf(_maxBlockSzx);
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

        /// <summary>Starts a new message: header fields and token; no options, no payload.</summary>
        internal void Begin(CoapMessageType type, byte code, ushort messageId, byte[] token, int tokenOffset, int tokenLength, SeparateResponseTable separate)
        {
            Readdress(type, messageId);
            _tokenSource = token;
            _tokenOffset = tokenOffset;
            _tokenLength = tokenLength;

            _separate = separate;
            Reset(code);
        }

        /// <summary>Discards options, payload, the block window and errors, keeping header and token.</summary>
        internal void Reset(byte code)
        {
            Code = code;
            _options.Clear();
            _payloadStart = 0;
            _payloadLength = 0;
            _windowLimit = NoWindow;
            _deferred = NotDeferred;
            _result = CoapWriteResult.Ok;
        }

        /// <summary>Turns the message into another type with another Message ID (a separate response, RFC 7252 §5.2.2).</summary>
        internal void Readdress(CoapMessageType type, ushort messageId)
        {
            _header = ((int)type << 24) | (_header & 0x00FF0000) | messageId;
        }

        /// <summary>Drops the payload, keeping code and options.</summary>
        internal void ClearPayload()
        {
            _payloadLength = 0;
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
            return CoapMessage.HeaderLength + _tokenLength + _options.EncodedLength(extraNumber, extraLength)
                + (payloadLength > 0 ? 1 + payloadLength : 0);
        }

        /// <summary>
        /// Serialises header, token and options in front of the payload. Returns the message length and
        /// its offset in <see cref="Buffer"/>, or -1 when it does not fit or is malformed.
        /// </summary>
        internal int Finish(out int offset)
        {
            offset = 0;
            _windowLimit = NoWindow;
            if (!IsOk)
            {
                return -1;
            }

            int headerLength = CoapMessage.HeaderLength + _tokenLength;
            int optionsLength = _options.EncodedLength(-1, 0);
            int length = MessageLength(_payloadLength, -1, 0);
            if (length > MaxLength)
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

            _writer.Begin(_buffer, offset, headerLength + optionsLength, Type, Code, MessageId, _tokenSource, _tokenOffset, _tokenLength);
            for (int i = 0; i < _options.Count; i++)
            {
                _writer.AddOption(_options.NumberAt(i), _options.Values, _options.ValueOffset(i), _options.ValueLength(i));
            }

            if (!_writer.IsOk)
            {
                Fail(_writer.Result);
                return -1;
            }

            return length;
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
    }
}
