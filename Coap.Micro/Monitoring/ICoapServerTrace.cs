namespace Coap.Micro
{
    /// <summary>
    /// An optional log of what the server does, for hosts that want one (a PC prints a line per
    /// exchange; a device sets none and pays nothing). Called on the server's loop thread, after the
    /// fact; an implementation must not keep the buffers it is given, and should be quick.
    /// </summary>
    public interface ICoapServerTrace
    {
        /// <summary>
        /// A datagram from <paramref name="peer"/> was handled: <paramref name="received"/> is its parsed
        /// view (a request, or an ACK/RST; check <see cref="CoapMessage.HasHeader"/> first), and
        /// <paramref name="answer"/> the bytes sent back (null or <paramref name="length"/> 0: nothing).
        /// </summary>
        void Exchanged(CoapEndpoint peer, CoapMessage received, byte[] answer, int offset, int length);

        /// <summary>The server sent a message of its own to <paramref name="peer"/>.</summary>
        void Sent(CoapEndpoint peer, byte[] message, int offset, int length, CoapTransmission kind);
    }
}
