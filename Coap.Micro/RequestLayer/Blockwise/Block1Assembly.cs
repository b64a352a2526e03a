namespace Coap.Micro
{
    /// <summary>
    /// The assembly area of one resource that takes request payloads in blocks (RFC 7959 §2.5): blocks
    /// are copied in, in order, from one client at a time, up to a fixed capacity; when the last one has
    /// come the whole request is put together in front of them, so the handler reads one request whose
    /// payload is the assembled body. Sized when the resource is added; nothing grows.
    /// </summary>
    /// <remarks>
    /// Layout: [room for the final request's header, token and options, and the payload marker][body].
    /// A new transfer (block 0) replaces an unfinished one, whoever sent it, so an abandoned transfer
    /// never blocks the resource; the client displaced learns it from 4.08 on its next block.
    /// </remarks>
    internal sealed class Block1Assembly
    {
        /// <summary>A block was taken and more are expected: answer 2.31 Continue.</summary>
        internal const int Continue = 0;

        /// <summary>The last block was taken: the assembled request is ready.</summary>
        internal const int Complete = 1;

        /// <summary>A block out of order, from another client, or with no transfer going on: 4.08.</summary>
        internal const int Incomplete = 2;

        /// <summary>The body would exceed the capacity: 4.13.</summary>
        internal const int TooLarge = 3;

        /// <summary>A block that is not the last and not of its block size: 4.00.</summary>
        internal const int BadBlock = 4;

        private readonly byte[] _buffer;
        private readonly int _bodyStart;
        private readonly CoapEndpoint _owner = new CoapEndpoint();
        private int _received = -1;

        /// <summary>An area for bodies of up to <paramref name="capacity"/> bytes sent in requests of up to <paramref name="maxRequestSize"/> bytes.</summary>
        internal Block1Assembly(int capacity, int maxRequestSize)
        {
            _bodyStart = maxRequestSize + 1;
            _buffer = new byte[_bodyStart + capacity];
        }

        /// <summary>Largest body taken.</summary>
        internal int Capacity
        {
            get { return _buffer.Length - _bodyStart; }
        }

        /// <summary>
        /// Takes the block <paramref name="request"/> carries (Block1 value <paramref name="block"/>)
        /// from <paramref name="source"/>; returns <see cref="Continue"/>, <see cref="Complete"/> or why not.
        /// </summary>
        internal int Add(CoapEndpoint source, CoapMessage request, uint block)
        {
            int size = BlockOption.SizeOf(BlockOption.SzxOf(block));
            int num = BlockOption.NumOf(block);
            bool more = BlockOption.MoreOf(block);
            int length = request.PayloadLength;
            if (more && length != size)
            {
                // §2.3: every block but the last carries exactly the block size.
                return BadBlock;
            }

            long offset = (long)num * size;
            if (num == 0)
            {
                _owner.CopyFrom(source);
                _received = 0;
            }
            else if (_received < 0 || offset != _received || !_owner.SameAs(source))
            {
                // §2.9.2: a block the server did not expect next.
                return Incomplete;
            }

            if (offset + length > Capacity)
            {
                _received = -1;
                return TooLarge;
            }

            System.Array.Copy(request.Buffer, request.PayloadOffset, _buffer, _bodyStart + (int)offset, length);
            _received = (int)offset + length;
            return more ? Continue : Complete;
        }

        /// <summary>
        /// Puts the final block's request (header, token, options) in front of the assembled body and
        /// parses the whole into <paramref name="finalBlock"/>'s view; the transfer is over.
        /// </summary>
        internal CoapMessage Compose(CoapMessage finalBlock)
        {
            int headEnd = finalBlock.PayloadLength > 0 ? finalBlock.PayloadOffset - 1 : finalBlock.Offset + finalBlock.Length;
            int headLength = headEnd - finalBlock.Offset;
            int start = _bodyStart - 1 - headLength;
            System.Array.Copy(finalBlock.Buffer, finalBlock.Offset, _buffer, start, headLength);
            _buffer[_bodyStart - 1] = CoapMessage.PayloadMarker;
            int body = _received;
            _received = -1;
            finalBlock.Parse(_buffer, start, body > 0 ? headLength + 1 + body : headLength);
            return finalBlock;
        }
    }
}
