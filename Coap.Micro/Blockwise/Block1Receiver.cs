namespace Coap.Micro
{
    /// <summary>
    /// Request payloads sent in blocks (Block1, RFC 7959 §2.5). A request whose Block1 says it is the
    /// whole payload (NUM 0, M 0) is served as it is. Otherwise a resource that takes block-wise payloads
    /// (<see cref="CoapResource.BlockwisePayloadCapacity"/>) collects the blocks in its assembly area,
    /// answering 2.31 Continue until the last one, and its handler then runs once on the assembled request;
    /// any other resource refuses with 4.13 and Size1, the payload it takes in one request (§2.9.3).
    /// A success to a request that carried Block1 echoes it, M 0 (§2.3).
    /// </summary>
    internal sealed class Block1Receiver
    {
        private readonly int _maxOptions;
        private readonly int _maxRequestSize;
        private CoapMessage _assembled;
        private bool _carried;
        private uint _block;

        internal Block1Receiver(int maxOptions, int maxRequestSize)
        {
            _maxOptions = maxOptions;
            _maxRequestSize = maxRequestSize;
        }

        /// <summary>
        /// Makes the view an assembled request is read through, when the first resource that takes
        /// block-wise payloads is added (start-up): a server without one does not pay for it.
        /// </summary>
        internal void Prepare()
        {
            if (_assembled == null)
            {
                _assembled = new CoapMessage(_maxOptions);
            }
        }

        /// <summary>
        /// The request the handler is to see: <paramref name="request"/> itself, or the assembled one once
        /// its last block came; null when the answer is already written (2.31 Continue, or an error).
        /// </summary>
        internal CoapMessage Receive(CoapResource resource, CoapMessage request, CoapEndpoint source, CoapResponse response)
        {
            _carried = BlockOption.TryRead(request, CoapOption.Block1, out _block);
            if (!_carried || (BlockOption.NumOf(_block) == 0 && !BlockOption.MoreOf(_block)))
            {
                return request;
            }

            Block1Assembly area = resource.Assembly;
            if (area == null || (request.Code != CoapCode.Put && request.Code != CoapCode.Post))
            {
                Refuse(response, _maxRequestSize - (request.PayloadOffset - request.Offset));
                return null;
            }

            int taken = area.Add(source, request, _block);
            if (taken == Block1Assembly.Complete)
            {
                return area.Compose(request, _assembled);
            }

            _carried = false;
            if (taken == Block1Assembly.Continue)
            {
                response.Reset(CoapCode.Continue);
                response.AddUIntOption(CoapOption.Block1, _block);
            }
            else if (taken == Block1Assembly.TooLarge)
            {
                Refuse(response, area.Capacity);
            }
            else
            {
                response.Reset(taken == Block1Assembly.Incomplete ? CoapCode.RequestEntityIncomplete : CoapCode.BadRequest);
                response.AddPayload(taken == Block1Assembly.Incomplete ? Diagnostics.BlockMissing : Diagnostics.BadBlockSize);
            }

            return null;
        }

        /// <summary>After the handler: a success echoes the request's Block1 with M 0 (§2.3).</summary>
        internal void Complete(CoapResponse response)
        {
            if (_carried && CoapCode.ClassOf(response.Code) == 2)
            {
                response.AddUIntOption(CoapOption.Block1, BlockOption.Encode(BlockOption.NumOf(_block), false, BlockOption.SzxOf(_block)));
            }

            _carried = false;
        }

        // §2.9.3: 4.13 with Size1, the largest payload taken.
        private void Refuse(CoapResponse response, int size)
        {
            _carried = false;
            response.Reset(CoapCode.RequestEntityTooLarge);
            response.AddUIntOption(CoapOption.Size1, size > 0 ? (uint)size : 0);
            response.AddPayload(Diagnostics.RequestTooLarge);
        }
    }
}
