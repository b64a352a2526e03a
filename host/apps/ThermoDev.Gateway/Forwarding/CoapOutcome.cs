namespace ThermoDev.Gateway.Forwarding
{
    /// <summary>How a CoAP request of the gateway ended.</summary>
    public enum CoapOutcome
    {
        /// <summary>The device answered (any code: 2.xx, 4.xx, 5.xx).</summary>
        Response,

        /// <summary>No answer within the gateway's timeout (or the CoAP retransmissions ran out).</summary>
        Timeout,

        /// <summary>The device answered with RST: it could not process the request (RFC 7252 §4.2).</summary>
        Reset,

        /// <summary>The response could not be used: too large, malformed, or changing while fetched in blocks.</summary>
        BadResponse,

        /// <summary>
        /// OSCORE (RFC 8613): the answer of a device the gateway protects its requests to was not protected or did not
        /// verify, or the request could not be protected (<see cref="CoapResult.OscoreFailure"/> says which).
        /// </summary>
        ProtectionFailed,

        /// <summary>Not sent: the request does not fit a CoAP message (path, options or payload).</summary>
        InvalidRequest,

        /// <summary>Not sent: the gateway has as many requests in progress as it allows.</summary>
        Busy,
    }
}
