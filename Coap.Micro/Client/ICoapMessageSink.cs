namespace Coap.Micro
{
    /// <summary>
    /// The dispatch point of a transport shared by a server and a client (a device that is both): the
    /// server's loop receives every datagram, keeps requests and the ACKs and RSTs of its own CONs, and
    /// offers the rest, responses and other ACKs and RSTs, here. It also gives the sink its turn to send
    /// what is due, so that everything leaves from one loop thread.
    /// </summary>
    internal interface ICoapMessageSink
    {
        /// <summary>
        /// Takes a well-formed ACK or RST that matched none of the server's CONs, or a CON or NON carrying
        /// a response code. True when it was taken (answered or ignored on purpose); false leaves it to the
        /// server's rule (ignore it; a CON is rejected with RST, RFC 7252 §4.2).
        /// </summary>
        bool Take(CoapMessage message, CoapEndpoint source, long now);

        /// <summary>Sends what is due at <paramref name="now"/> (new requests, retransmissions) and ends what timed out.</summary>
        void Service(long now);

        /// <summary>Milliseconds until <see cref="Service"/> has work (0: at once), or -1 when nothing is timed.</summary>
        long TimeToNextDeadline(long now);
    }
}
