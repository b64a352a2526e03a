namespace Coap.Micro
{
    /// <summary>
    /// A layer above that sends messages of its own from slots of the retransmission table (Observe's
    /// notifications, separate responses): told what became of them (RFC 7252 §4.2, §4.3). The one way the
    /// message layer reaches up for the server's own messages.
    /// </summary>
    internal interface IConfirmableOwner
    {
        /// <summary>The CON sent from <paramref name="slot"/> was acknowledged.</summary>
        void Acknowledged(int slot, long now);

        /// <summary>The message last sent from <paramref name="slot"/> (CON or NON) was rejected with RST.</summary>
        void Reset(int slot);

        /// <summary>The CON sent from <paramref name="slot"/> was retransmitted MAX_RETRANSMIT times and never acknowledged.</summary>
        void GaveUp(int slot);

        /// <summary>The CON sent from <paramref name="slot"/> is due again: write it again and send it with <see cref="MessageLayer.SendOwn"/>.</summary>
        void Retransmit(int slot, long now);
    }
}
