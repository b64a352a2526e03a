namespace Coap.Micro
{
    /// <summary>
    /// How a client request stands or ended. Network conditions are results, never exceptions.
    /// </summary>
    public enum CoapClientResult
    {
        /// <summary>Sent or waiting to be sent; no end yet.</summary>
        Pending = 0,

        /// <summary>A response arrived (its code is in <see cref="CoapRequest.Code"/>: 2.xx, 4.xx or 5.xx), whole and checked.</summary>
        Response,

        /// <summary>
        /// No answer: a CON unacknowledged after MAX_RETRANSMIT retransmissions (RFC 7252 §4.2), no
        /// response to a NON or after an empty ACK within the response timeout, or a blocking call's wait ran out.
        /// </summary>
        Timeout,

        /// <summary>The server answered with RST: it could not process the request (RFC 7252 §4.2, §4.3).</summary>
        Reset,

        /// <summary>The response, or its representation assembled from blocks, is larger than the request's response buffer.</summary>
        TooLarge,

        /// <summary>The response could not be used: a block out of sequence or of the wrong size, an unusable Block2 value (RFC 7959 §2.2).</summary>
        Malformed,

        /// <summary>The representation changed (its ETag did) while it was fetched block by block, more often than the client retries (RFC 7959 §2.4).</summary>
        RepresentationChanged,

        /// <summary>Ended by <see cref="CoapClient.Cancel"/> or, for an observation, <see cref="CoapClient.StopObserving"/>.</summary>
        Cancelled,

        /// <summary>Not sent: this request is already in progress.</summary>
        Busy,

        /// <summary>Not sent: the client has <see cref="CoapClientOptions.MaxExchanges"/> requests in progress.</summary>
        TableFull,

        /// <summary>Not sent: no endpoint, a method that is not a request code, a security context the client's Security does not have, or a request that does not fit the send buffer even in 16-byte blocks.</summary>
        InvalidRequest,

        /// <summary>Not sent: a blocking call was made on the thread that runs the client's loop (it would wait for itself).</summary>
        WrongThread,

        /// <summary>
        /// A protected request (RFC 8613) got a response that is not protected or does not verify (§8.4), or no Partial IV
        /// was left to protect it with. An unprotected error response (a server's OSCORE refusal, §8.2: 4.01 "Security
        /// context not found", 4.00 "Decryption failed", 4.01 "Replay detected", 4.02) leaves its code in
        /// <see cref="CoapRequest.Code"/> and its diagnostic as the payload; they are not authenticated.
        /// </summary>
        ProtectionFailed
    }
}
