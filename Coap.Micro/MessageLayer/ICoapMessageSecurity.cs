namespace Coap.Micro
{
    /// <summary>
    /// Object security for a server's messages (RFC 8613, OSCORE), as the message layer uses it: a request
    /// with an OSCORE option is verified and decrypted before any layer above reads it, its answer is
    /// protected before it is sent or remembered, and a notification or separate response to it is
    /// protected each time it is sent (with a Partial IV of its own, RFC 8613 §8.3). Coap.Micro.Oscore
    /// implements it; a server without one (the default) answers an OSCORE request 4.02 Bad Option
    /// (RFC 7252 §5.4.1: the option is critical). Every method runs on the server's loop thread and
    /// allocates nothing.
    /// </summary>
    public interface ICoapMessageSecurity
    {
        /// <summary>
        /// Called once when the server takes this object: the largest request and response it handles and its
        /// number of peer slots (observers and separate responses), so buffers and per-slot state are made now.
        /// </summary>
        void Attach(int maxRequestSize, int maxResponseSize, int slots);

        /// <summary>Where <see cref="UnprotectRequest"/> writes the plain request (at 0).</summary>
        byte[] PlainBuffer { get; }

        /// <summary>Where <see cref="ProtectResponse"/> and <see cref="ProtectOwn"/> write the protected message (at 0).</summary>
        byte[] WireBuffer { get; }

        /// <summary>
        /// Verifies and decrypts the request <paramref name="message"/>[0, <paramref name="length"/>) from
        /// <paramref name="source"/> into <see cref="PlainBuffer"/> (RFC 8613 §8.2): a whole CoAP message with the
        /// same header and token. Returns its length, or the negated response code of a refusal (for example
        /// -0x81 for 4.01), whose diagnostic payload is then <see cref="RefusalDiagnostic"/>.
        /// </summary>
        int UnprotectRequest(byte[] message, int length, CoapEndpoint source);

        /// <summary>The diagnostic payload of the last refusal (RFC 8613 §8.2), or null.</summary>
        byte[] RefusalDiagnostic { get; }

        /// <summary>
        /// After <see cref="UnprotectRequest"/> returned a length: null when the request may be processed, else the
        /// value of the Echo option (RFC 9175 §2.4) to answer it with, in a protected 4.01 Unauthorized, because the
        /// replay window is not set up yet (after a restart, RFC 8613 Appendix B.1.2): the client repeats the
        /// request with that Echo value, which proves it fresh.
        /// </summary>
        byte[] EchoChallenge { get; }

        /// <summary>
        /// Protects the answer <paramref name="message"/>[<paramref name="offset"/>, +<paramref name="length"/>) to
        /// the request <see cref="UnprotectRequest"/> last accepted into <see cref="WireBuffer"/> (RFC 8613 §8.3).
        /// Returns its length, or -1 when it cannot be protected (the context's sequence numbers are used up).
        /// </summary>
        int ProtectResponse(byte[] message, int offset, int length);

        /// <summary>
        /// Peer slot <paramref name="slot"/> was just taken by the request being answered (an observation or a
        /// separate response). When that request was protected (<paramref name="protectedRequest"/>: it is the one
        /// <see cref="UnprotectRequest"/> last accepted), what the server later sends from the slot is protected for
        /// its client; otherwise it goes plain.
        /// </summary>
        void Take(int slot, bool protectedRequest);

        /// <summary>True when what the server sends from <paramref name="slot"/> is protected (<see cref="ProtectOwn"/>).</summary>
        bool IsProtected(int slot);

        /// <summary>
        /// Protects a message the server sends on its own from <paramref name="slot"/> (a notification, a separate
        /// response or a retransmission of one) into <see cref="WireBuffer"/>, with a Partial IV of its own.
        /// Returns its length, or -1 when it cannot be protected.
        /// </summary>
        int ProtectOwn(int slot, byte[] message, int offset, int length);
    }
}
