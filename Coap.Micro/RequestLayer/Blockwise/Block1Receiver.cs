namespace Coap.Micro
{
    /// <summary>
    /// Request payloads sent in blocks (Block1, RFC 7959 §2.5) of a PUT or POST. A request whose Block1 says
    /// it is the whole payload (NUM 0, M 0) is served as it is. Otherwise the blocks are collected, with
    /// 2.31 Continue until the last one, and the handler then runs once on the assembled request: in the
    /// resource's own assembly area when it has one (<see cref="CoapResource.BlockwisePayloadCapacity"/>),
    /// else at the end of the receive buffer (<see cref="Block1Tail"/>: a body that fits the request buffer).
    /// A body too large gets 4.13 with Size1 (§2.9.3). A success to a request that carried Block1 echoes
    /// it, M 0 (§2.3).
    /// </summary>
    /// <remarks>
    /// Nothing is kept here between the calls of one request: <see cref="Complete"/> reads the request's
    /// Block1 again, and the assembled request is read through the request view itself.
    /// </remarks>
    internal static class Block1Receiver
    {
        /// <summary>
        /// The request the handler is to see: <paramref name="request"/> itself (the message layer's request
        /// view), parsed again over the assembled request once its last block came; null when the answer
        /// is already written (2.31 Continue, or an error).
        /// </summary>
        internal static CoapMessage Receive(CoapResource resource, CoapMessage request, CoapEndpoint source, CoapResponse response, MessageLayer messages)
        {
            // Most requests carry no Block1: the known slot the parse noted says so.
            uint block;
            int index = request._options[CoapMessage.Block1At] - 1;
            if (index < 0 || !BlockOption.IsUsable(request, index) || !request.TryGetUInt(index, out block) || (block & 0xFFFFFFF8u) == 0)
            {
                // Absent, unusable, or the whole payload: NUM 0 and M 0.
                return request;
            }

            int code = request._code;
            if (code != CoapCode.Put && code != CoapCode.Post)
            {
                Refuse(response, messages.MaxRequestSize - (request._payloadOffset - request._offset));
                return null;
            }

            Block1Assembly area = resource.Assembly;
            int taken = area != null ? area.Add(source, request, block) : Block1Tail.Add(messages, resource.Index, source, request, block);
            if (taken == Block1Assembly.Complete)
            {
                return area != null ? area.Compose(request) : request;
            }

            if (taken == Block1Assembly.Continue)
            {
                response.Reset(CoapCode.Continue);
                response.AddUIntOption(CoapOption.Block1, block);
            }
            else if (taken == Block1Assembly.TooLarge)
            {
                Refuse(response, area != null ? area.Capacity : Block1Tail.Capacity(messages, source, request, BlockOption.SizeOf(BlockOption.SzxOf(block))));
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
            if (request._options[CoapMessage.Block1At] != 0 && CoapCode.ClassOf(response.Code) == 2 && BlockOption.TryRead(request, CoapOption.Block1, out block))
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
