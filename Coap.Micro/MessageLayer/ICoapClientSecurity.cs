namespace Coap.Micro
{
    /// <summary>
    /// Object security for a client's requests (RFC 8613, OSCORE), as the client's message layer uses it: a request
    /// that names a security context (<c>CoapRequest.SecurityContext</c>) is protected as it is written (§8.1), and
    /// every response or notification to it is verified and decrypted (§8.4) before the request layer reads it.
    /// Contexts are numbered from 0 by the implementation (Coap.Micro.Oscore's OscoreClientSecurity). Every method
    /// runs on the client's loop thread and allocates nothing.
    /// </summary>
    public interface ICoapClientSecurity
    {
        /// <summary>Called once when a client takes this object: the largest plain message it writes or reads, so buffers are made now.</summary>
        void Attach(int maxMessageSize);

        /// <summary>Where <see cref="ProtectRequest"/> writes the protected request (at 0).</summary>
        byte[] WireBuffer { get; }

        /// <summary>Where <see cref="UnprotectResponse"/> writes the plain response (at 0).</summary>
        byte[] PlainBuffer { get; }

        /// <summary>True when <paramref name="context"/> names a security context of this object.</summary>
        bool HasContext(int context);

        /// <summary>
        /// The next Sender Sequence Number of <paramref name="context"/>, the Partial IV of a new request (RFC 8613
        /// §7.2.1); never handed out twice. -1 when none can be used (the numbers are used up or cannot be stored).
        /// </summary>
        long NextPartialIv(int context);

        /// <summary>
        /// Protects the plain request <paramref name="message"/>[0, <paramref name="length"/>) with Partial IV
        /// <paramref name="partialIv"/> into <see cref="WireBuffer"/> (RFC 8613 §8.1): the same Partial IV and message
        /// give the same bytes, which is how a CON is retransmitted. Returns its length, or -1 when it cannot be
        /// protected (it carries an option OSCORE does not take, such as Proxy-Uri); the request then ends.
        /// </summary>
        int ProtectRequest(int context, byte[] message, int length, long partialIv);

        /// <summary>
        /// Verifies and decrypts the response <paramref name="message"/>[0, <paramref name="length"/>) to the request
        /// sent with <paramref name="requestPartialIv"/> into <see cref="PlainBuffer"/> (RFC 8613 §8.4): a whole CoAP
        /// message with the same header and token. Returns its length, -1 when it carries no OSCORE option (not
        /// protected), or -2 when it is malformed or does not verify.
        /// </summary>
        int UnprotectResponse(int context, byte[] message, int length, long requestPartialIv);

        /// <summary>The Partial IV of the response <see cref="UnprotectResponse"/> last accepted, -1 when it had none (§8.4).</summary>
        long ResponsePartialIv { get; }
    }
}
