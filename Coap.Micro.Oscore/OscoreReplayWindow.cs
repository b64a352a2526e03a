namespace Coap.Micro.Oscore
{
    /// <summary>
    /// The replay window of a Recipient Context (RFC 8613 §7.4): the highest Partial IV received and a 32-bit map of it
    /// and the 31 below it. A request's Partial IV is checked before it is processed; it is recorded (<see cref="Accept"/>)
    /// only once the message verified, so a forged message cannot move the window (§7.4). Empty when made: the first
    /// Partial IV is taken whatever it is (a server that lost its window must first resynchronise, Appendix B.1.2).
    /// </summary>
    public sealed class OscoreReplayWindow
    {
        /// <summary>The Partial IV was not received before and is inside or ahead of the window.</summary>
        public const int Fresh = 0;

        /// <summary>The Partial IV was received before: the request is a replay (§7.4; answer 4.01).</summary>
        public const int Replayed = 1;

        /// <summary>The Partial IV is below the window: it cannot be told from a replay and is refused (§7.4).</summary>
        public const int TooOld = 2;

        /// <summary>The Partial IV is negative or above 2^40-1 (§7.2.1).</summary>
        public const int Invalid = 3;

        /// <summary>How many Partial IVs the window covers, the highest included (RFC 8613 §7.4 asks for at least 32).</summary>
        public const int Size = 32;

        // Bit i set: Partial IV highest - i was received. highest -1: nothing received yet.
        private long highest = -1;
        private int received;

        /// <summary>The highest Partial IV accepted so far, or -1.</summary>
        public long Highest
        {
            get { return highest; }
        }

        /// <summary>Whether a request with this Partial IV may be processed: <see cref="Fresh"/>, <see cref="Replayed"/>, <see cref="TooOld"/> or <see cref="Invalid"/>. Changes nothing.</summary>
        public int Check(long partialIv)
        {
            if (partialIv < 0 || partialIv > OscoreSecurityContext.MaxPartialIv)
            {
                return Invalid;
            }

            long top = highest;
            if (partialIv > top)
            {
                return Fresh;
            }

            long below = top - partialIv;
            if (below >= Size)
            {
                return TooOld;
            }

            return ((received >> (int)below) & 1) == 0 ? Fresh : Replayed;
        }

        /// <summary>
        /// Sets up an empty window at <paramref name="partialIv"/>, the Partial IV of a request proven fresh (RFC 8613
        /// Appendix B.1.2: it becomes the window's lower limit): it and every Partial IV below it count as received, so
        /// none recorded before the window was lost can be taken.
        /// </summary>
        public void StartAt(long partialIv)
        {
            if (partialIv < 0 || partialIv > OscoreSecurityContext.MaxPartialIv)
            {
                return;
            }

            highest = partialIv;
            received = -1;
        }

        /// <summary>
        /// Records a Partial IV that <see cref="Check"/> found <see cref="Fresh"/>, once its message verified (§7.4): a
        /// higher one slides the window up. One below the window or out of range is ignored.
        /// </summary>
        public void Accept(long partialIv)
        {
            if (partialIv < 0 || partialIv > OscoreSecurityContext.MaxPartialIv)
            {
                return;
            }

            long top = highest;
            if (partialIv > top)
            {
                long shift = partialIv - top;
                received = top < 0 || shift >= Size ? 1 : (received << (int)shift) | 1;
                highest = partialIv;
                return;
            }

            long below = top - partialIv;
            if (below < Size)
            {
                received |= 1 << (int)below;
            }
        }
    }
}
