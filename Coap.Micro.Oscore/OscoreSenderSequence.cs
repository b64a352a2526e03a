namespace Coap.Micro.Oscore
{
    /// <summary>
    /// The Sender Sequence Number of a Sender Context (RFC 8613 §3.1, §7.2.1), never handed out twice across reboots
    /// (Appendix B.1.1): before the first number of each block is used, the number after the block is stored, so a
    /// restart starts there. A crash loses at most a block of numbers and never reuses one. The last number is 2^40-1;
    /// then <see cref="Exhausted"/> is true and the Security Context must be renewed (§7.2.1).
    /// </summary>
    public sealed class OscoreSenderSequence
    {
        /// <summary>A block size: one store per 64 messages.</summary>
        public const int DefaultBlock = 64;

        private readonly ISequenceNumberStore store;
        private readonly long block;

        // The next number to hand out, and the stored value: numbers below it may be used without storing.
        private long next;
        private long reserved;

        /// <summary>Starts at the value the store holds (0 on first use). block (at least 1) numbers are reserved per store.</summary>
        public OscoreSenderSequence(ISequenceNumberStore store, int block)
        {
            if (store == null)
            {
                throw new System.ArgumentNullException("store");
            }

            if (block < 1)
            {
                throw new System.ArgumentException("block must be at least 1");
            }

            long stored = store.Load();
            if (stored < 0 || stored > OscoreSecurityContext.MaxPartialIv + 1)
            {
                throw new System.ArgumentException("stored sequence number out of range");
            }

            this.store = store;
            this.block = block;
            next = stored;
            reserved = stored;
        }

        /// <summary>True once 2^40-1 was handed out: the Security Context must be renewed (RFC 8613 §7.2.1).</summary>
        public bool Exhausted
        {
            get { return next > OscoreSecurityContext.MaxPartialIv; }
        }

        /// <summary>
        /// The next Sender Sequence Number. Stores the end of a new block first when it starts one; if that throws, no
        /// number is used. Throws InvalidOperationException when <see cref="Exhausted"/>.
        /// </summary>
        public long Next()
        {
            long number = next;
            if (number > OscoreSecurityContext.MaxPartialIv)
            {
                throw new System.InvalidOperationException("OSCORE sequence numbers used up: renew the context (RFC 8613 7.2.1)");
            }

            if (number >= reserved)
            {
                long end = number + block;
                if (end > OscoreSecurityContext.MaxPartialIv + 1)
                {
                    end = OscoreSecurityContext.MaxPartialIv + 1;
                }

                store.Store(end);
                reserved = end;
            }

            next = number + 1;
            return number;
        }
    }
}
