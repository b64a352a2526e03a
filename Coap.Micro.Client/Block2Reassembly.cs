namespace Coap.Micro
{
    /// <summary>
    /// Block2 on the client (RFC 7959 §2.4): copies each response payload into the request's buffer at
    /// its place, checks that blocks come in sequence, full-sized but for the last, and of one
    /// representation (the same ETag on every block, §2.4: a change starts the transfer over), and says
    /// which block to ask for next.
    /// </summary>
    internal static class Block2Reassembly
    {
        /// <summary>The representation is whole in the buffer.</summary>
        internal const int Complete = -1;

        /// <summary>Ask for the next block (<see cref="ExchangeState.Block2Num"/> and Szx are set).</summary>
        internal const int More = -2;

        /// <summary>
        /// Takes the payload of <paramref name="message"/>; returns <see cref="Complete"/>, <see cref="More"/>,
        /// or the <see cref="CoapClientResult"/> that ends the transfer.
        /// </summary>
        internal static int Accept(CoapRequest request, CoapMessage message, int maxRestarts)
        {
            ExchangeState exchange = request.Exchange;
            int index = message.FindOption(CoapOption.Block2);

            // Errors are not sent in blocks; a response without Block2 is the whole representation.
            if (index < 0 || CoapCode.ClassOf(message.Code) != 2)
            {
                return CopyWhole(request, message);
            }

            uint value;
            if (!BlockOption.IsUsable(message, index) || !message.TryGetUInt(index, out value))
            {
                return (int)CoapClientResult.Malformed;
            }

            int num = BlockOption.NumOf(value);
            bool more = BlockOption.MoreOf(value);
            int szx = BlockOption.SzxOf(value);
            int size = BlockOption.SizeOf(szx);
            int length = message.PayloadLength;
            if (num == 0)
            {
                request.Received = 0;
                RecordETag(request, message);
                uint total;
                if (message.TryGetUIntOption(CoapOption.Size2, 0, out total) && total > (uint)request.ResponseCapacity)
                {
                    // RFC 7959 §4: Size2 gives the whole size at once.
                    return (int)CoapClientResult.TooLarge;
                }
            }
            else if ((long)num * size != request.Received)
            {
                return (int)CoapClientResult.Malformed;
            }
            else if (!SameETag(request, message))
            {
                // §2.4: the representation changed between blocks: start over, a few times at most.
                if (exchange.Restarts >= maxRestarts)
                {
                    return (int)CoapClientResult.RepresentationChanged;
                }

                exchange.Restarts++;
                request.Received = 0;
                exchange.Block2Num = 0;
                exchange.Block2Szx = szx;
                return More;
            }

            // §2.2: every block but the last has the full size.
            if ((more && length != size) || length > size)
            {
                return (int)CoapClientResult.Malformed;
            }

            if (length > request.ResponseCapacity - request.Received)
            {
                return (int)CoapClientResult.TooLarge;
            }

            System.Array.Copy(message.Buffer, message.PayloadOffset, request.ResponseBuffer, request.PayloadOffset + request.Received, length);
            request.Received += length;
            if (!more)
            {
                return Complete;
            }

            // The next block in the size the server chose (§2.4: never larger than asked for).
            exchange.Block2Szx = szx;
            exchange.Block2Num = request.Received / size;
            return More;
        }

        /// <summary>Copies a whole (unblocked) payload; <see cref="Complete"/> or TooLarge.</summary>
        internal static int CopyWhole(CoapRequest request, CoapMessage message)
        {
            if (message.PayloadLength > request.ResponseCapacity)
            {
                return (int)CoapClientResult.TooLarge;
            }

            System.Array.Copy(message.Buffer, message.PayloadOffset, request.ResponseBuffer, request.PayloadOffset, message.PayloadLength);
            request.Received = message.PayloadLength;
            RecordETag(request, message);
            return Complete;
        }

        private static void RecordETag(CoapRequest request, CoapMessage message)
        {
            int index = message.FindOption(CoapOption.ETag);
            int length = index < 0 ? 0 : message.GetOptionLength(index);
            if (length > 8)
            {
                length = 8;
            }

            if (length > 0)
            {
                System.Array.Copy(message.Buffer, message.GetOptionOffset(index), request.ETagBytes, 0, length);
            }

            request.ETagLengthValue = length;
        }

        private static bool SameETag(CoapRequest request, CoapMessage message)
        {
            int index = message.FindOption(CoapOption.ETag);
            if (index < 0)
            {
                return request.ETagLengthValue == 0;
            }

            return message.OptionValueEquals(index, request.ETagBytes, 0, request.ETagLengthValue);
        }
    }
}
