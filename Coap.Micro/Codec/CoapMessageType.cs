namespace Coap.Micro
{
    /// <summary>The 2-bit message type of the CoAP header (RFC 7252 §3).</summary>
    public enum CoapMessageType : byte
    {
        /// <summary>CON: requires an acknowledgement (RFC 7252 §4.2).</summary>
        Confirmable = 0,

        /// <summary>NON: no acknowledgement (RFC 7252 §4.3).</summary>
        NonConfirmable = 1,

        /// <summary>ACK: acknowledges a CON, may carry a piggybacked response (RFC 7252 §4.2).</summary>
        Acknowledgement = 2,

        /// <summary>RST: the message could not be processed (RFC 7252 §4.2, §4.3).</summary>
        Reset = 3
    }
}
