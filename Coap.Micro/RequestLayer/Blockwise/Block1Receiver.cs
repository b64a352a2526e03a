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
    /// <remarks>
    /// Nothing is kept here between the calls of one request: <see cref="Complete"/> reads the request's
    /// Block1 again, and the view an assembled request is read through belongs to the caller, made at
    /// start-up only when a resource takes block-wise payloads.
    /// </remarks>
    internal static class Block1Receiver
    {
        /// <summary>
        /// The request the handler is to see: <paramref name="request"/> itself, or the assembled one once
        /// its last block came, read through <paramref name="assembled"/>; null when the answer is already
        /// written (2.31 Continue, or an error). <paramref name="maxRequestSize"/> is the payload-and-header
        /// room of one request, for the Size1 of a refusal.
        /// </summary>
        internal static CoapMessage Receive(CoapResource resource, CoapMessage request, CoapEndpoint source, CoapResponse response, CoapMessage assembled, int maxRequestSize)
        {
            uint block;
            if (!BlockOption.TryRead(request, CoapOption.Block1, out block) || (BlockOption.NumOf(block) == 0 && !BlockOption.MoreOf(block)))
            {
                return request;
            }

            Block1Assembly area = resource.Assembly;
            if (area == null || assembled == null || (request.Code != CoapCode.Put && request.Code != CoapCode.Post))
            {
                Refuse(response, maxRequestSize - (request.PayloadOffset - request.Offset));
                return null;
            }

            int taken = area.Add(source, request, block);
            if (taken == Block1Assembly.Complete)
            {
                return area.Compose(request, assembled);
            }

            if (taken == Block1Assembly.Continue)
            {
                response.Reset(CoapCode.Continue);
                response.AddUIntOption(CoapOption.Block1, block);
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

        /// <summary>
        /// After the handler ran on what <see cref="Receive"/> returned for <paramref name="request"/> (the
        /// request as received: the whole payload, or the last block): a success echoes its Block1 with M 0 (§2.3).
        /// </summary>
        internal static void Complete(CoapMessage request, CoapResponse response)
        {
            uint block;
            if (CoapCode.ClassOf(response.Code) == 2 && BlockOption.TryRead(request, CoapOption.Block1, out block))
            {
                response.AddUIntOption(CoapOption.Block1, BlockOption.Encode(BlockOption.NumOf(block), false, BlockOption.SzxOf(block)));
            }
        }

        // §2.9.3: 4.13 with Size1, the largest payload taken.
        private static void Refuse(CoapResponse response, int size)
        {
            response.Reset(CoapCode.RequestEntityTooLarge);
            response.AddUIntOption(CoapOption.Size1, size > 0 ? (uint)size : 0);
            response.AddPayload(Diagnostics.RequestTooLarge);
        }
    }
}
