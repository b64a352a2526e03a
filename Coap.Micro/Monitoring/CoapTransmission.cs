namespace Coap.Micro
{
    /// <summary>What a message the server sends of its own accord is (for <see cref="ICoapServerTrace"/>).</summary>
    public enum CoapTransmission
    {
        /// <summary>A notification to an observer (RFC 7641 §4.2), first transmission.</summary>
        Notification = 0,

        /// <summary>A separate response (RFC 7252 §5.2.2), first transmission.</summary>
        SeparateResponse = 1,

        /// <summary>A retransmission of a confirmable notification or separate response (RFC 7252 §4.2).</summary>
        Retransmission = 2
    }
}
