namespace Coap.Micro
{
    /// <summary>
    /// Writes the message a request sends next into the client's send buffer: header and token, the
    /// caller's options merged in ascending order with the client's own (Observe, Uri-Path, Uri-Query,
    /// Block2, Block1, Size1, and Echo in the repeat of a challenged request; RFC 7252 §3.1), then the payload or the block of it being sent. Writing the
    /// same state again gives the same bytes, which is how a CON is retransmitted.
    /// </summary>
    internal sealed class RequestWriter
    {
        // The client's own options, in ascending order.
        private static readonly int[] OwnOptions =
        {
            CoapOption.Observe, CoapOption.UriPath, CoapOption.UriQuery, CoapOption.Block2, CoapOption.Block1, CoapOption.Size1,
            CoapOption.Echo
        };

        private readonly CoapMessageWriter _writer = new CoapMessageWriter();
        private readonly byte[] _buffer;

        internal RequestWriter(int size)
        {
            _buffer = new byte[size];
        }

        internal byte[] Buffer
        {
            get { return _buffer; }
        }

        /// <summary>True for the methods whose request is repeated whole for each response block (RFC 7959 §2.4; FETCH, RFC 8132 §2).</summary>
        internal static bool RepeatsForBlocks(byte method)
        {
            return method == CoapCode.Get || method == CoapCode.Fetch;
        }

        /// <summary>The request's next message with <paramref name="messageId"/> and the token given; its length, or -1 when it does not fit.</summary>
        internal int Write(CoapRequest request, int messageId, byte[] token, int tokenOffset, int tokenLength)
        {
            CoapMessageType type = request.Confirmable ? CoapMessageType.Confirmable : CoapMessageType.NonConfirmable;
            if (!_writer.Begin(_buffer, 0, _buffer.Length, type, request.Method, (ushort)messageId, token, tokenOffset, tokenLength))
            {
                return -1;
            }

            RequestOptionList options = request.Options;
            int stage = 0;
            for (int i = 0; i < options.Count; i++)
            {
                stage = WriteOwn(request, stage, options.NumberAt(i));
                _writer.AddOption(options.NumberAt(i), options.BufferAt(i), options.OffsetAt(i), options.LengthAt(i));
            }

            WriteOwn(request, stage, int.MaxValue);
            int offset;
            int length = PayloadSlice(request, out offset);
            if (length > 0)
            {
                _writer.AddPayload(request.Payload, offset, length);
            }

            return _writer.IsOk ? _writer.Length : -1;
        }

        /// <summary>The part of the payload the next message carries: all of it, the Block1 block being sent, or none for a later Block2 request that does not repeat it.</summary>
        internal static int PayloadSlice(CoapRequest request, out int offset)
        {
            ExchangeState exchange = request.Exchange;
            offset = request.SendPayloadOffset;
            int total = request.SendPayloadLength;
            if (exchange.Kind == ExchangeState.Deregister || exchange.Kind == ExchangeState.NotificationBlocks
                || (exchange.Block2Num > 0 && !RepeatsForBlocks(request.Method)))
            {
                return 0;
            }

            if (exchange.Block1Szx < 0)
            {
                return total;
            }

            int size = BlockOption.SizeOf(exchange.Block1Szx);
            int start = exchange.Block1Num * size;
            if (start >= total)
            {
                return 0;
            }

            offset += start;
            return total - start < size ? total - start : size;
        }

        // Writes the client's options numbered below limit, from stage on; returns the next stage.
        private int WriteOwn(CoapRequest request, int stage, int limit)
        {
            ExchangeState exchange = request.Exchange;
            for (; stage < OwnOptions.Length && OwnOptions[stage] < limit; stage++)
            {
                int number = OwnOptions[stage];
                if (number == CoapOption.Observe)
                {
                    // RFC 7641 §2: 0 registers (again), 1 deregisters.
                    if (exchange.Kind == ExchangeState.Register || exchange.Kind == ExchangeState.Reregister)
                    {
                        _writer.AddEmptyOption(CoapOption.Observe);
                    }
                    else if (exchange.Kind == ExchangeState.Deregister)
                    {
                        _writer.AddUIntOption(CoapOption.Observe, 1);
                    }
                }
                else if (number == CoapOption.UriPath || number == CoapOption.UriQuery)
                {
                    WritePath(request.Path, number);
                }
                else if (number == CoapOption.Block2)
                {
                    if (exchange.Block2Szx >= 0)
                    {
                        _writer.AddUIntOption(CoapOption.Block2, BlockOption.Encode(exchange.Block2Num, false, exchange.Block2Szx));
                    }
                }
                else if (number == CoapOption.Echo)
                {
                    // RFC 9175 §2.3: the repeat of a request a server challenged carries its Echo value (protected, an
                    // inner option: RFC 8613 Appendix B.1.2).
                    if (exchange.EchoState != ExchangeState.EchoNone)
                    {
                        _writer.AddOption(CoapOption.Echo, exchange.Echo, 0, exchange.EchoLength);
                    }
                }
                else if (IsBlock1Message(request))
                {
                    int size = BlockOption.SizeOf(exchange.Block1Szx);
                    if (number == CoapOption.Block1)
                    {
                        bool more = (exchange.Block1Num + 1) * size < request.SendPayloadLength;
                        _writer.AddUIntOption(CoapOption.Block1, BlockOption.Encode(exchange.Block1Num, more, exchange.Block1Szx));
                    }
                    else if (exchange.Block1Num == 0)
                    {
                        // RFC 7959 §4: Size1 with the first block tells the server the whole size.
                        _writer.AddUIntOption(CoapOption.Size1, (uint)request.SendPayloadLength);
                    }
                }
            }

            return stage;
        }

        private static bool IsBlock1Message(CoapRequest request)
        {
            int offset;
            return request.Exchange.Block1Szx >= 0 && PayloadSlice(request, out offset) > 0;
        }

        private void WritePath(CoapPath path, int number)
        {
            byte[] data = path.Data;
            for (int i = 0; i < path.Length; i += 2 + data[i + 1])
            {
                if (data[i] == number)
                {
                    _writer.AddOption(number, data, i + 2, data[i + 1]);
                }
            }
        }
    }
}
