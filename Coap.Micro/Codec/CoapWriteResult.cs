namespace Coap.Micro
{
    /// <summary>State of a <see cref="CoapMessageWriter"/>; the first error sticks until the next Begin.</summary>
    public enum CoapWriteResult
    {
        /// <summary>Everything written so far fits and is well-formed.</summary>
        Ok = 0,
        /// <summary>The message does not fit into the buffer; nothing past the buffer was touched.</summary>
        DoesNotFit,
        /// <summary>An option was added with a smaller number than the previous one (RFC 7252 §3.1 needs ascending order).</summary>
        OptionOutOfOrder,
        /// <summary>An option was added after the payload.</summary>
        OptionAfterPayload,
        /// <summary>A field is out of range: token longer than 8, option number above 65535, option value longer than 65804.</summary>
        InvalidArgument,
        /// <summary>No message was begun.</summary>
        NotStarted
    }
}
