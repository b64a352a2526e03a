namespace Coap.Micro.Oscore
{
    /// <summary>
    /// Where a sender keeps, across reboots, the Sender Sequence Number it may start from (RFC 8613 Appendix B.1.1). A
    /// board implements it on its persistent storage; <see cref="OscoreSenderSequence"/> calls it once per block.
    /// </summary>
    public interface ISequenceNumberStore
    {
        /// <summary>The value last stored, or 0 if nothing was ever stored.</summary>
        long Load();

        /// <summary>Stores the value durably before returning (a value that can be lost is as if never stored); throws if it cannot.</summary>
        void Store(long value);
    }
}
