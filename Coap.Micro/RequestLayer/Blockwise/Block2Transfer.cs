namespace Coap.Micro
{
    /// <summary>
    /// Block-wise GET responses (RFC 7959 §2.4), the nanocoap way: the resource's GET code runs for every
    /// block and writes its whole representation into a window of the response (<see cref="Open"/>), which
    /// keeps only the block asked for; afterwards the block is fitted to the send buffer and described by
    /// Block2 and, when asked, Size2 (<see cref="Close"/>). Nothing is kept between the requests of one
    /// transfer: the resource's ETag (the same on every block while the representation is the same, §2.4)
    /// lets a client notice a change under it. Nor is anything kept between <see cref="Open"/> and
    /// <see cref="Close"/>: both read the request's Block2 and the largest block size from the response
    /// (<see cref="CoapResponse.MaxBlockSzx"/>), so requests and notifications need no state of their own.
    /// </summary>
    internal static class Block2Transfer
    {
        /// <summary>
        /// Before the GET code runs: opens the window on the block <paramref name="request"/> asks for
        /// (early negotiation, or a later block: §2.4), at most the server's block size, or on the start
        /// of the representation when it asks for none (late negotiation: whatever fits is kept, and
        /// <see cref="Close"/> decides).
        /// </summary>
        internal static void Open(CoapMessage request, CoapResponse response)
        {
            uint block;
            if (request._options[CoapMessage.Block2At] != 0 && BlockOption.TryRead(request, CoapOption.Block2, out block))
            {
                // A smaller block than asked for starts where the asked one starts (§2.4): NUM scales up.
                response.OpenWindow(BlockOption.NumOf(block) * BlockOption.SizeOf(BlockOption.SzxOf(block)), BlockOption.SizeOf(SzxFor(block, response)));
            }
            else
            {
                response.OpenWindow(0, int.MaxValue);
            }
        }

        /// <summary>
        /// After the GET code ran: a success whose requested block lies past the end of the representation
        /// becomes 4.00 (there is no such block; libcoap and aiocoap answer the same). False then.
        /// </summary>
        internal static bool InRange(CoapResponse response)
        {
            if (!response.Windowed || CoapCode.ClassOf(response.Code) != 2)
            {
                return true;
            }

            int start = response.WindowStart;
            if (start == 0 || start < response.RepresentationLength)
            {
                return true;
            }

            response.Reset(CoapCode.BadRequest);
            response.AddPayload(Diagnostics.NoSuchBlock);
            return false;
        }

        /// <summary>
        /// Last, when every other option is in: a success larger than the block size, or asked for
        /// block-wise, keeps one block, with Block2 (NUM, M, SZX) and Size2 when the request carried
        /// Size2 (§4); the block size shrinks until the message fits the send buffer. A response that
        /// fits and was not asked for in blocks goes whole. Errors are never sent in blocks: their
        /// payload goes when it was kept whole, else they go without one.
        /// </summary>
        internal static void Close(CoapMessage request, CoapResponse response)
        {
            if (!response.Windowed)
            {
                return;
            }

            uint block = 0;
            bool requested = request._options[CoapMessage.Block2At] != 0 && BlockOption.TryRead(request, CoapOption.Block2, out block);
            int maxSzx = requested ? SzxFor(block, response) : response.MaxBlockSzx;

            int total = response.RepresentationLength;
            int kept = response.PayloadLength;
            int start = response.WindowStart;
            response.CloseWindow();
            if (CoapCode.ClassOf(response.Code) != 2 || response.Code == CoapCode.Valid)
            {
                if (start > 0 || kept < total || response.Code == CoapCode.Valid)
                {
                    response.ClearPayload();
                }

                return;
            }

            if (request.HasOption(CoapOption.Size2))
            {
                response.AddUIntOption(CoapOption.Size2, (uint)total);
            }

            if (!requested && kept == total && total <= BlockOption.SizeOf(maxSzx)
                && response.MessageLength(kept, -1, 0) <= response.MaxLength)
            {
                return;
            }

            for (int szx = maxSzx; szx >= 0; szx--)
            {
                int size = BlockOption.SizeOf(szx);
                int length = total - start < size ? total - start : size;
                uint value = BlockOption.Encode(start / size, start + size < total, szx);
                if (length <= kept && response.MessageLength(length, CoapOption.Block2, CoapMessageWriter.UIntLength(value)) <= response.MaxLength)
                {
                    response.TruncatePayload(length);
                    response.AddUIntOption(CoapOption.Block2, value);
                    return;
                }
            }

            // Not even a 16-byte block fits next to the options: the server answers 5.00.
            response.MarkTooLarge();
        }

        // The block size served for a requested Block2: the one asked for, at most the server's.
        private static int SzxFor(uint block, CoapResponse response)
        {
            int szx = BlockOption.SzxOf(block);
            return szx < response.MaxBlockSzx ? szx : response.MaxBlockSzx;
        }
    }
}
