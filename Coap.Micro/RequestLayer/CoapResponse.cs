namespace Coap.Micro
{
    /// <summary>
    /// The response a handler writes: a code, options in any order and a payload. Options are kept in a
    /// small table and the payload is written once, in place, into the server's send buffer; the header,
    /// token and options are serialised last, in ascending order (RFC 7252 §3.1), right before the payload.
    /// So the server can add options of its own after the handler has run (Observe, ETag, Block2, Size2)
    /// without copying the payload, can keep only one block of a large representation (RFC 7959), and a
    /// handler never sees the raw buffer.
    /// Nothing here allocates: the table, its value bytes and the buffer are sized at start-up.
    /// </summary>
    /// <remarks>
    /// This file holds what handlers call for the code and options; CoapResponse.Options.cs the option
    /// table; CoapResponse.Payload.cs the payload and its block window; CoapResponse.Message.cs how the
    /// server begins and finishes a message.
    /// </remarks>
    public sealed partial class CoapResponse
    {
        /// <summary>Bytes kept free in front of the payload for options added after it (Observe, ETag, Block2, Size2, Block1).</summary>
        public const int LateOptionRoom = 24;

        /// <summary>Largest number of option value bytes a response can hold (values are indexed by one byte).</summary>
        public const int MaxOptionValueBytes = 255;

        /// <summary>The send buffer the message is composed in (for the server): the maximum length plus <see cref="LateOptionRoom"/>.</summary>
        internal readonly byte[] Buffer;

        /// <summary>
        /// SZX of the largest block a response is cut into (RFC 7959 §2.2), kept here because every block
        /// is cut from this response's buffer, whoever writes it (a request or a notification).
        /// </summary>
        internal int MaxBlockSzx;

        private readonly byte[] _digits = new byte[20];
        // Read in place by the request layer after each handler (a property read is a call on nanoFramework).
        internal CoapWriteResult _result;
        private SeparateResponseTable _separate;

        // What DeferredTicket holds when Defer was not called, or was refused (a refusal is a mark, not a
        // flag of its own: on nanoFramework every field takes 12 bytes).
        internal const int NotDeferred = -1;

        /// <summary>What <see cref="DeferredTicket"/> holds when <see cref="Defer"/> was refused because no more responses can wait.</summary>
        internal const int DeferRefusedMark = -2;

        /// <summary>
        /// The ticket <see cref="Defer"/> handed out for this response; negative when there is none
        /// (<see cref="DeferRefusedMark"/> when it was refused). A field: the server reads it for every request.
        /// </summary>
        internal int DeferredTicket;

        /// <summary>
        /// Creates a response of at most <paramref name="maxLength"/> bytes with room for <paramref name="maxOptions"/>
        /// options holding <paramref name="optionValueBytes"/> bytes of values, cut into blocks of at most
        /// <paramref name="blockSize"/> bytes when it is larger (RFC 7959 §2.4).
        /// </summary>
        internal CoapResponse(int maxLength, int maxOptions, int optionValueBytes, int blockSize)
        {
            MaxBlockSzx = BlockOption.SzxOf(blockSize);
            Buffer = new byte[maxLength + LateOptionRoom];
            _entries = new int[maxOptions];
            _values = new byte[optionValueBytes];
            _result = CoapWriteResult.NotStarted;
        }

        /// <summary>
        /// Response code; starts as 2.05 Content for GET and notifications, 2.04 Changed for PUT and POST,
        /// 2.02 Deleted for DELETE. A field, not a property: every layer reads it, and on nanoFramework a
        /// property read is a call.
        /// </summary>
        public byte Code;

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

            byte[] values = _values;
            int end = offset + length;
            while (offset < end)
            {
                values[at++] = value[offset++];
            }

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
            int length = value == 0 ? 0 : (value < 0x100 ? 1 : (value < 0x10000 ? 2 : (value < 0x1000000 ? 3 : 4)));
            int at = Reserve(number, length);
            if (at < 0)
            {
                return false;
            }

            byte[] values = _values;
            while (length > 0)
            {
                length--;
                values[at++] = (byte)(value >> (8 * length));
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

            byte[] values = _values;
            for (int i = 0; i < ascii.Length; i++)
            {
                values[at + i] = (byte)ascii[i];
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

            int length = contentFormat == 0 ? 0 : (contentFormat < 0x100 ? 1 : 2);
            int at = Reserve(CoapOption.ContentFormat, length);
            if (at < 0)
            {
                return false;
            }

            byte[] values = _values;
            if (length == 2)
            {
                values[at++] = (byte)(contentFormat >> 8);
            }

            if (length > 0)
            {
                values[at] = (byte)contentFormat;
            }

            return true;
        }

        /// <summary>Adds Max-Age in seconds (RFC 7252 §5.10.5).</summary>
        public bool SetMaxAge(uint seconds)
        {
            int length = seconds == 0 ? 0 : (seconds < 0x100 ? 1 : (seconds < 0x10000 ? 2 : (seconds < 0x1000000 ? 3 : 4)));
            int at = Reserve(CoapOption.MaxAge, length);
            if (at < 0)
            {
                return false;
            }

            byte[] values = _values;
            while (length > 0)
            {
                length--;
                values[at++] = (byte)(seconds >> (8 * length));
            }

            return true;
        }

        /// <summary>
        /// Adds one segment of the path of a resource a POST created, for a 2.01 Created response
        /// (Location-Path, RFC 7252 §5.10.7): one call per segment, unescaped; "." and ".." are refused.
        /// </summary>
        public bool AddLocationPath(byte[] segment)
        {
            if (segment == null || IsDotSegment(segment, 0, segment.Length))
            {
                return Fail(CoapWriteResult.InvalidArgument);
            }

            return AddOption(CoapOption.LocationPath, segment, 0, segment.Length);
        }

        /// <summary>Adds a Location-Path segment written as the decimal digits of <paramref name="number"/> (for example a created item's id).</summary>
        public bool AddLocationPathNumber(long number)
        {
            int count = AsciiNumber.Write(number, _digits, 0);
            return AddOption(CoapOption.LocationPath, _digits, 0, count);
        }

        /// <summary>Adds one argument of the query of the created resource (Location-Query, RFC 7252 §5.10.7), "key=value" or "key".</summary>
        public bool AddLocationQuery(byte[] argument)
        {
            if (argument == null)
            {
                return Fail(CoapWriteResult.InvalidArgument);
            }

            return AddOption(CoapOption.LocationQuery, argument, 0, argument.Length);
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
            int deferred = DeferredTicket;
            if (deferred >= 0)
            {
                return deferred;
            }

            SeparateResponseTable separate = _separate;
            int ticket = separate == null ? -1 : separate.Reserve();
            DeferredTicket = ticket >= 0 || separate == null ? ticket : DeferRefusedMark;
            return ticket;
        }

        /// <summary>True when <see cref="Defer"/> was refused because no more responses can wait.</summary>
        internal bool DeferRefused
        {
            get { return DeferredTicket == DeferRefusedMark; }
        }

        // RFC 7252 §5.10.7: a Location-Path segment may not be "." or "..".
        private static bool IsDotSegment(byte[] segment, int offset, int length)
        {
            return (length == 1 && segment[offset] == (byte)'.')
                || (length == 2 && segment[offset] == (byte)'.' && segment[offset + 1] == (byte)'.');
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
