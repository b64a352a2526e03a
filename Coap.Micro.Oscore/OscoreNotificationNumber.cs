namespace Coap.Micro.Oscore
{
    /// <summary>
    /// The client's Notification Number for one Observe registration (RFC 8613 §4.1.3.5.2, §7.4): the largest Partial IV
    /// of the notifications verified for it. A notification is fresh only if its Partial IV is greater; it becomes the
    /// Notification Number once it verified. One per registration; <see cref="Reset"/> when the registration ends.
    /// </summary>
    public sealed class OscoreNotificationNumber
    {
        private long largest = -1;

        /// <summary>The largest Partial IV accepted, or -1 before the first notification.</summary>
        public long Value
        {
            get { return largest; }
        }

        /// <summary>Whether a notification with this Partial IV is fresh: greater than every one accepted (the first always is).</summary>
        public bool IsFresh(long partialIv)
        {
            return partialIv > largest && partialIv <= OscoreSecurityContext.MaxPartialIv;
        }

        /// <summary>Records the Partial IV of a notification that verified; a smaller one leaves the number as it is (§4.1.3.5.2).</summary>
        public void Accept(long partialIv)
        {
            if (partialIv > largest && partialIv <= OscoreSecurityContext.MaxPartialIv)
            {
                largest = partialIv;
            }
        }

        /// <summary>Forgets the registration: the next notification is fresh whatever its Partial IV (a new registration).</summary>
        public void Reset()
        {
            largest = -1;
        }
    }
}
