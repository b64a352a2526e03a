namespace Coap.Micro
{
    /// <summary>
    /// Outcome of parsing a datagram. Everything except <see cref="Ok"/> is a message format
    /// error (RFC 7252 §3, §4.1), except <see cref="BadVersion"/> (silently ignored, §3) and
    /// <see cref="TooManyOptions"/> (a well-formed message beyond this parser's capacity).
    /// </summary>
    public enum CoapParseResult
    {
        /// <summary>Well-formed message.</summary>
        Ok = 0,
        /// <summary>Fewer than the 4 header bytes (RFC 7252 §3).</summary>
        TooShort,
        /// <summary>Version is not 1: MUST be silently ignored (RFC 7252 §3).</summary>
        BadVersion,
        /// <summary>Token length 9-15 is reserved (RFC 7252 §3).</summary>
        BadTokenLength,
        /// <summary>The datagram ends inside the token (RFC 7252 §3).</summary>
        TruncatedToken,
        /// <summary>The datagram ends inside an option header or its extended delta/length (RFC 7252 §3.1).</summary>
        TruncatedOption,
        /// <summary>Nibble 15 used as delta or length outside the payload marker (RFC 7252 §3.1).</summary>
        ReservedOptionNibble,
        /// <summary>Option value runs past the end of the datagram (RFC 7252 §3.1).</summary>
        OptionValueOverrun,
        /// <summary>Option number above 65535 (RFC 7252 §3.1, §12.2).</summary>
        OptionNumberTooLarge,
        /// <summary>Payload marker followed by a zero-length payload (RFC 7252 §3).</summary>
        EmptyPayloadAfterMarker,
        /// <summary>Code 0.00 with a token or any byte after the header (RFC 7252 §4.1).</summary>
        EmptyMessageNotEmpty,
        /// <summary>
        /// More options than the message view can index, or an option ending more than
        /// <see cref="CoapMessage.MaxIndexedLength"/> bytes into the message (not a format error).
        /// </summary>
        TooManyOptions
    }
}
