namespace Coap.Micro
{
    /// <summary>
    /// Datagram transport under the server (RFC 7252 §3: one message per datagram).
    /// Implementations: UDP for .NET, UDP for nanoFramework, and <see cref="InMemoryTransport"/> for tests.
    /// Receive and Send are called by the server's loop thread only; <see cref="Wake"/> by any thread.
    /// </summary>
    public interface ICoapTransport
    {
        /// <summary>
        /// Longest endpoint encoding this transport produces (1..<see cref="CoapEndpoint.MaxLength"/>): the
        /// server keeps this many bytes per endpoint in its tables (6 for IPv4 UDP on nanoFramework).
        /// </summary>
        int MaxEndpointLength { get; }

        /// <summary>
        /// Waits up to <paramref name="timeoutMilliseconds"/> for one datagram and copies at most
        /// <paramref name="count"/> bytes of it into <paramref name="buffer"/>. Returns the datagram's
        /// full length (larger than <paramref name="count"/> when it was truncated, if the transport can
        /// tell), or -1 when none arrived in time or after <see cref="Wake"/>. Sets <paramref name="source"/>
        /// to the sender. Transient network errors are reported as -1, never thrown. A transport that
        /// joined a multicast group adds <see cref="CoapMulticast.ReceivedOnGroup"/> to the length of a
        /// datagram that came to the group (RFC 7252 §8.1); others never set that bit.
        /// </summary>
        int Receive(byte[] buffer, int offset, int count, CoapEndpoint source, int timeoutMilliseconds);

        /// <summary>Sends one datagram to <paramref name="destination"/>; false when it could not be sent.</summary>
        bool Send(byte[] buffer, int offset, int count, CoapEndpoint destination);

        /// <summary>
        /// Makes a <see cref="Receive"/> that is waiting (or the next one) return -1 soon, so the server's
        /// loop sends what another thread has just asked for. Any thread may call it; it must not block
        /// or allocate. A transport that cannot interrupt a wait may do nothing: the loop then notices
        /// within its poll interval.
        /// </summary>
        void Wake();
    }
}
