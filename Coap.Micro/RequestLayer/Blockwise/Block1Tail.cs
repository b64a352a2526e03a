namespace Coap.Micro
{
    /// <summary>
    /// Block1 transfers (RFC 7959 §2.5) to a resource without an assembly area of its own, kept at the end
    /// of the server's receive buffer while the blocks come in at its front: any body that fits the request
    /// buffer beside the block being received, at no RAM cost. One transfer at a time per server: a new
    /// one (block 0) replaces an unfinished one, and a datagram long enough to reach the kept bytes ends
    /// it (the message layer sees to that); the client displaced learns it from 4.08 on its next block
    /// (§2.9.2). When the last block comes, its header, token and options are put in front of the body and
    /// the request view is parsed again over the whole: the handler runs once, on the assembled request.
    /// </summary>
    /// <remarks>
    /// Kept at the end of the receive buffer: [body][client endpoint][its length: 1][resource index: 2][body length: 2].
    /// </remarks>
    internal static class Block1Tail
    {
        /// <summary>Bytes kept besides the body and the client's endpoint.</summary>
        internal const int Overhead = 5;

        // The front of the buffer is never given to the body below this: the observe layer writes a
        // notification's GET there (at most 18 bytes: header, 8-byte token, Observe, Accept, Block2).
        private const int FrontRoom = 24;

        /// <summary>
        /// Takes the block <paramref name="request"/> (read from the receive buffer of <paramref name="messages"/>)
        /// carries, Block1 value <paramref name="block"/>, for resource <paramref name="resourceIndex"/>;
        /// returns a <see cref="Block1Assembly"/> result. On <see cref="Block1Assembly.Complete"/>
        /// <paramref name="request"/> shows the assembled request.
        /// </summary>
        internal static int Add(MessageLayer messages, int resourceIndex, CoapEndpoint source, CoapMessage request, uint block)
        {
            byte[] buffer = messages.ReceiveBuffer;
            int end = buffer.Length;
            int size = BlockOption.SizeOf(BlockOption.SzxOf(block));
            int num = BlockOption.NumOf(block);
            bool more = BlockOption.MoreOf(block);
            int length = request.PayloadLength;
            if (more && length != size)
            {
                // §2.3: every block but the last carries exactly the block size.
                return Block1Assembly.BadBlock;
            }

            int endpointLength = source.Length;
            int received = 0;
            if (num > 0)
            {
                int kept = messages.KeptAtEnd;
                if (kept == 0)
                {
                    return Block1Assembly.Incomplete;
                }

                received = (buffer[end - 2] << 8) | buffer[end - 1];
                int ownerLength = buffer[end - 5];
                if ((long)num * size != received || ((buffer[end - 4] << 8) | buffer[end - 3]) != resourceIndex
                    || !ByteCompare.Equal(buffer, end - Overhead - ownerLength, ownerLength, source.Bytes, 0, endpointLength))
                {
                    // §2.9.2: a block the server did not expect next.
                    return Block1Assembly.Incomplete;
                }
            }

            int bodyEnd = end - Overhead - endpointLength;
            int bodyAt = bodyEnd - received - length;
            int headLength = (length > 0 ? request.PayloadOffset - 1 : request.Offset + request.Length) - request.Offset;
            if (bodyAt < request.Offset + request.Length || bodyAt < FrontRoom || (!more && bodyAt - 1 - headLength < request.Offset + headLength))
            {
                // The body would reach the block being read, or leave no room for the next one or the last one's head.
                messages.KeptAtEnd = 0;
                return Block1Assembly.TooLarge;
            }

            System.Array.Copy(buffer, bodyEnd - received, buffer, bodyAt, received);
            System.Array.Copy(buffer, request.PayloadOffset, buffer, bodyAt + received, length);
            received += length;
            if (!more)
            {
                int start = bodyAt - 1 - headLength;
                System.Array.Copy(buffer, request.Offset, buffer, start, headLength);
                buffer[bodyAt - 1] = CoapMessage.PayloadMarker;
                messages.KeptAtEnd = 0;
                request.Parse(buffer, start, headLength + 1 + received);
                return Block1Assembly.Complete;
            }

            if (num == 0)
            {
                System.Array.Copy(source.Bytes, 0, buffer, bodyEnd, endpointLength);
                buffer[end - 5] = (byte)endpointLength;
                buffer[end - 4] = (byte)(resourceIndex >> 8);
                buffer[end - 3] = (byte)resourceIndex;
            }

            buffer[end - 2] = (byte)(received >> 8);
            buffer[end - 1] = (byte)received;
            messages.KeptAtEnd = end - bodyAt;
            return Block1Assembly.Continue;
        }

        /// <summary>
        /// Size1 of a refusal (§2.9.3): a body that surely fits, sent in blocks like <paramref name="request"/>
        /// (same header, token and options, block size <paramref name="size"/>) from <paramref name="source"/>.
        /// </summary>
        internal static int Capacity(MessageLayer messages, CoapEndpoint source, CoapMessage request, int size)
        {
            int capacity = messages.ReceiveBuffer.Length - Overhead - source.Length - 2 * (request.PayloadOffset - request.Offset) - size;
            return capacity > 0 ? capacity : 0;
        }
    }
}
