namespace Coap.Micro
{
    /// <summary>
    /// Message-type sublayer, retransmission (RFC 7252 §4.2, §4.8): the state of every confirmable
    /// message the server has in flight, one slot per sender that may have one (each observer, each
    /// separate response). A CON is retransmitted when its timeout expires, the timeout doubling each
    /// time, until it is acknowledged or reset, or MAX_RETRANSMIT retransmissions have gone unanswered.
    /// Timing comes from the injected clock and random source; no timer or thread per message.
    /// </summary>
    internal sealed class RetransmissionTable
    {
        private readonly bool[] _active;
        private readonly int[] _messageIds;
        private readonly byte[] _retransmissions;
        private readonly int[] _timeouts;
        private readonly long[] _deadlines;
        private readonly ICoapRandom _random;

        internal RetransmissionTable(int slots, ICoapRandom random)
        {
            _active = new bool[slots];
            _messageIds = new int[slots];
            _retransmissions = new byte[slots];
            _timeouts = new int[slots];
            _deadlines = new long[slots];
            _random = random;
        }

        /// <summary>Number of slots.</summary>
        internal int Capacity
        {
            get { return _active.Length; }
        }

        /// <summary>True when slot <paramref name="slot"/> has a CON in flight.</summary>
        internal bool IsActive(int slot)
        {
            return _active[slot];
        }

        /// <summary>Message ID of the CON in flight in <paramref name="slot"/>.</summary>
        internal int MessageIdOf(int slot)
        {
            return _messageIds[slot];
        }

        /// <summary>Retransmissions made so far for the CON in <paramref name="slot"/>.</summary>
        internal int RetransmissionsOf(int slot)
        {
            return _retransmissions[slot];
        }

        /// <summary>
        /// Records a CON just sent: the first timeout is random between ACK_TIMEOUT and
        /// ACK_TIMEOUT × ACK_RANDOM_FACTOR (RFC 7252 §4.2).
        /// </summary>
        internal void Start(int slot, int messageId, long now)
        {
            int spread = CoapTiming.AckTimeout * (CoapTiming.AckRandomFactorPerMille - 1000) / 1000;
            int timeout = CoapTiming.AckTimeout + _random.Next(spread + 1);
            _active[slot] = true;
            _messageIds[slot] = messageId;
            _retransmissions[slot] = 0;
            _timeouts[slot] = timeout;
            _deadlines[slot] = now + timeout;
        }

        /// <summary>Forgets the CON in <paramref name="slot"/> (acknowledged, reset, given up or withdrawn).</summary>
        internal void Stop(int slot)
        {
            _active[slot] = false;
        }

        /// <summary>Slot whose CON has Message ID <paramref name="messageId"/>, or -1 (the caller checks the endpoint).</summary>
        internal int Find(int messageId, int startSlot)
        {
            for (int i = startSlot; i < _active.Length; i++)
            {
                if (_active[i] && _messageIds[i] == messageId)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>True when the CON in <paramref name="slot"/> has waited out its timeout at <paramref name="now"/>.</summary>
        internal bool IsDue(int slot, long now)
        {
            return _active[slot] && _deadlines[slot] <= now;
        }

        /// <summary>True when the CON in a due slot has no retransmission left (MAX_RETRANSMIT reached): give up.</summary>
        internal bool IsExhausted(int slot)
        {
            return _retransmissions[slot] >= CoapTiming.MaxRetransmit;
        }

        /// <summary>Counts a retransmission of the CON in <paramref name="slot"/> and doubles its timeout (RFC 7252 §4.2).</summary>
        internal void Retransmitted(int slot, long now)
        {
            _retransmissions[slot]++;
            _timeouts[slot] *= 2;
            _deadlines[slot] = now + _timeouts[slot];
        }

        /// <summary>Milliseconds from <paramref name="now"/> to the earliest deadline (0 if one is due), or -1 when nothing is in flight.</summary>
        internal long TimeToNextDeadline(long now)
        {
            long soonest = -1;
            for (int i = 0; i < _active.Length; i++)
            {
                if (!_active[i])
                {
                    continue;
                }

                long wait = _deadlines[i] - now;
                if (wait < 0)
                {
                    wait = 0;
                }

                if (soonest < 0 || wait < soonest)
                {
                    soonest = wait;
                }
            }

            return soonest;
        }
    }
}
