namespace Coap.Micro
{
    /// <summary>
    /// The short diagnostic payloads the server writes into error responses (RFC 7252 §5.5.2), as bytes
    /// made once: on nanoFramework a string literal allocates every time it is evaluated.
    /// </summary>
    internal static class Diagnostics
    {
        internal static readonly byte[] HandlerFailed = Ascii.Bytes("handler failed");
        internal static readonly byte[] InvalidResponseCode = Ascii.Bytes("invalid response code");
        internal static readonly byte[] ResponseTooLarge = Ascii.Bytes("response too large");
        internal static readonly byte[] InvalidResponse = Ascii.Bytes("invalid response");
        internal static readonly byte[] TooManyOptions = Ascii.Bytes("too many options, at most ");
        internal static readonly byte[] UnrecognizedCriticalOption = Ascii.Bytes("unrecognized critical option ");
        internal static readonly byte[] NotAProxy = Ascii.Bytes("not a proxy");
        internal static readonly byte[] RequestTooLarge = Ascii.Bytes("request too large");
        internal static readonly byte[] TooManyWaiting = Ascii.Bytes("too many responses waiting");
        internal static readonly byte[] NoSuchBlock = Ascii.Bytes("no such block");
        internal static readonly byte[] BlockMissing = Ascii.Bytes("block missing");
        internal static readonly byte[] BadBlockSize = Ascii.Bytes("block size mismatch");
        internal static readonly byte[] NoBlocksForMethod = Ascii.Bytes("no later blocks for this method");
        internal static readonly byte[] TooManyWrites = Ascii.Bytes("too many writes");
        internal static readonly byte[] OscoreRequired = Ascii.Bytes("OSCORE required");
        internal static readonly byte[] WritesNotAllowed = Ascii.Bytes("writes not allowed from this address");
    }
}
