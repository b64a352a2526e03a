namespace Coap.Micro
{
    /// <summary>
    /// Datagram transport under the server (RFC 7252 §3: one message per datagram).
    /// Implementations: UDP for .NET, UDP for nanoFramework, and <see cref="InMemoryTransport"/> for tests.
    /// </summary>
    public interface ICoapTransport
    {
        /// <summary>
        /// Waits up to <paramref name="timeoutMilliseconds"/> for one datagram and copies at most
        /// <paramref name="count"/> bytes of it into <paramref name="buffer"/>. Returns the datagram's
        /// full length (larger than <paramref name="count"/> when it was truncated, if the transport can
        /// tell), or -1 when none arrived in time. Sets <paramref name="source"/> to the sender.
        /// Transient network errors are reported as -1, never thrown.
        /// </summary>
        int Receive(byte[] buffer, int offset, int count, CoapEndpoint source, int timeoutMilliseconds);

        /// <summary>Sends one datagram to <paramref name="destination"/>; false when it could not be sent.</summary>
        bool Send(byte[] buffer, int offset, int count, CoapEndpoint destination);
    }
}
