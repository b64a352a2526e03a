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

        /// <summary>
        /// As <see cref="Respond"/>, for a request that came to a multicast group (RFC 7252 §8.2), once its
        /// leisure is over: returns 0 (nothing to send) unless the answer is useful, a 2.xx with a payload,
        /// so an error, an empty representation and a filtered discovery that matched nothing (RFC 6690 §4.1)
        /// go unanswered.
        /// </summary>
        int RespondToGroup(CoapMessage request, CoapEndpoint source, long now, out int offset);

        /// <summary>
        /// Writes 5.03 Service Unavailable with Max-Age <paramref name="retryAfterSeconds"/> to a request the
        /// message layer will not have processed (a write it could not remember, RFC 7252 §4.5, §5.9.3.4);
        /// returns its length.
        /// </summary>
        int RespondUnavailable(CoapMessage request, uint retryAfterSeconds, out int offset);

        /// <summary>
        /// Writes the refusal <paramref name="code"/> with an optional <paramref name="diagnostic"/> payload to a
        /// request its OSCORE protection did not let through (RFC 8613 §8.2), with an Echo option when
        /// <paramref name="echo"/> is not null (RFC 9175 §2.4); returns its length.
        /// </summary>
        int RespondRefused(CoapMessage request, byte code, byte[] diagnostic, byte[] echo, out int offset);
    }
}
