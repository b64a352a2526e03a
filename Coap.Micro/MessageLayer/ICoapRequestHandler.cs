namespace Coap.Micro
{
    /// <summary>
    /// The layer above the message layer, as the message layer sees it: answers a request that passed
    /// the message layer's checks (not a duplicate, well formed, RFC 7252 §4). The one way the message
    /// layer reaches up for requests.
    /// </summary>
    internal interface ICoapRequestHandler
    {
        /// <summary>
        /// Writes the answer to <paramref name="request"/> from <paramref name="source"/> in the send
        /// buffer. Returns its length (0: nothing to send now) and <paramref name="offset"/>, or -1 when
        /// the request is to be rejected silently.
        /// </summary>
        int Respond(CoapMessage request, CoapEndpoint source, bool oversized, long now, out int offset);
    }
}
