namespace Coap.Micro
{
    /// <summary>
    /// Message-type sublayer, retransmission (RFC 7252 §4.2, §4.8): the state of every confirmable
    /// message the server has in flight, one slot per sender that may have one (each observer, each
    /// separate response). A CON is retransmitted when its timeout expires, the timeout doubling each
    /// time, until it is acknowledged or reset, or MAX_RETRANSMIT retransmissions have gone unanswered.
    /// Timing comes from the injected clock and random source; no timer or thread per message.
    /// </summary>
    /// <remarks>
    /// 12 bytes a slot: one int packs the Message ID, the retransmissions made, the random part of the
    /// first timeout and an in-flight flag; one long holds the deadline. Public for Coap.Micro.Client,
    /// whose CONs it times too; an application has no need of it.
    /// </remarks>
    public sealed class RetransmissionTable
    {
        private const int MessageIdMask = 0xFFFF;
        private const int CountShift = 16;
        private const int CountMask = 0x7;
        private const int SpreadShift = 19;
        private const int SpreadMask = 0x3FF;
        private const int ActiveFlag = 1 << 29;

        // The slot's last message (CON or NON) has the Message ID kept here: an RST naming it reaches its owner (§4.3).
        private const int RecordedFlag = 1 << 30;

        private readonly int[] _states;
        private readonly long[] _deadlines;
        private readonly ICoapRandom _random;

        /// <summary>The random source of the server (also the leisure's, RFC 7252 §8.2).</summary>
        internal ICoapRandom Random
        {
            get { return _random; }
        }

        /// <summary>A table of <paramref name="slots"/> slots, drawing the first timeouts' random part from <paramref name="random"/>.</summary>
        public RetransmissionTable(int slots, ICoapRandom random)
        {
            _states = new int[slots];
            // One more deadline than slots: the last is the earliest deadline of any CON in flight (or one
            // before it), so a turn with nothing due looks at one element instead of every slot.
            _deadlines = new long[slots + 1];
            _deadlines[slots] = long.MaxValue;
            _random = random;
        }

        /// <summary>Number of slots.</summary>
        public int Capacity
        {
            get { return _states.Length; }
        }

        /// <summary>True when slot <paramref name="slot"/> has a CON in flight.</summary>
        public bool IsActive(int slot)
        {
            return (_states[slot] & ActiveFlag) != 0;
        }

        /// <summary>Message ID of the CON in flight in <paramref name="slot"/>.</summary>
        public int MessageIdOf(int slot)
        {
            return _states[slot] & MessageIdMask;
        }

        /// <summary>Retransmissions made so far for the CON in <paramref name="slot"/>.</summary>
        public int RetransmissionsOf(int slot)
        {
            return (_states[slot] >> CountShift) & CountMask;
        }

        /// <summary>
        /// Records a CON just sent: the first timeout is random between ACK_TIMEOUT and
        /// ACK_TIMEOUT × ACK_RANDOM_FACTOR (RFC 7252 §4.2).
        /// </summary>
        public void Start(int slot, int messageId, long now)
        {
            int spread = _random.Next(CoapTiming.AckTimeout * (CoapTiming.AckRandomFactorPerMille - 1000) / 1000 + 1) & SpreadMask;
            _states[slot] = RecordedFlag | ActiveFlag | (spread << SpreadShift) | (messageId & MessageIdMask);
            long deadline = now + CoapTiming.AckTimeout + spread;
            _deadlines[slot] = deadline;
            if (deadline < _deadlines[_states.Length])
            {
                _deadlines[_states.Length] = deadline;
            }
        }

        /// <summary>Records a NON just sent from <paramref name="slot"/>: only an RST can name it (RFC 7252 §4.3).</summary>
        public void Record(int slot, int messageId)
        {
            _states[slot] = RecordedFlag | (messageId & MessageIdMask);
        }

        /// <summary>Stops retransmitting the CON in <paramref name="slot"/> (acknowledged, reset, given up or withdrawn); an RST may still name it.</summary>
        public void Stop(int slot)
        {
            _states[slot] &= ~ActiveFlag;
        }

        /// <summary>Forgets the slot's messages: it is free (its relation or response ended).</summary>
        public void Forget(int slot)
        {
            _states[slot] = 0;
        }

        /// <summary>Slot whose CON in flight has Message ID <paramref name="messageId"/>, or -1 (the caller checks the endpoint).</summary>
        public int Find(int messageId, int startSlot)
        {
            return Find(messageId, false, startSlot);
        }

        /// <summary>
        /// Slot whose CON in flight (<paramref name="sentLast"/> false: for an ACK) or whose last message
        /// (true: for an RST) has Message ID <paramref name="messageId"/>, or -1 (the caller checks the endpoint).
        /// </summary>
        public int Find(int messageId, bool sentLast, int startSlot)
        {
            int flag = sentLast ? RecordedFlag : ActiveFlag;
            int wanted = flag | (messageId & MessageIdMask);
            int mask = flag | MessageIdMask;
            int[] states = _states;
            for (int i = startSlot; i < states.Length; i++)
            {
                if ((states[i] & mask) == wanted)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>True when the CON in <paramref name="slot"/> has waited out its timeout at <paramref name="now"/>.</summary>
        public bool IsDue(int slot, long now)
        {
            return IsActive(slot) && _deadlines[slot] <= now;
        }

        /// <summary>True when the CON in a due slot has no retransmission left (MAX_RETRANSMIT reached): give up.</summary>
        public bool IsExhausted(int slot)
        {
            return RetransmissionsOf(slot) >= CoapTiming.MaxRetransmit;
        }

        /// <summary>Counts a retransmission of the CON in <paramref name="slot"/> and doubles its timeout (RFC 7252 §4.2).</summary>
        public void Retransmitted(int slot, long now)
        {
            int count = RetransmissionsOf(slot) + 1;
            int state = _states[slot];
            _states[slot] = (state & ~(CountMask << CountShift)) | (count << CountShift);
            int firstTimeout = CoapTiming.AckTimeout + ((state >> SpreadShift) & SpreadMask);
            long deadline = now + ((long)firstTimeout << count);
            _deadlines[slot] = deadline;
            if (deadline < _deadlines[_states.Length])
            {
                _deadlines[_states.Length] = deadline;
            }
        }

        /// <summary>True when a CON in flight may be due at <paramref name="now"/> (false: none is, without looking at every slot).</summary>
        public bool AnyDue(long now)
        {
            return _deadlines[_states.Length] <= now;
        }

        /// <summary>Recomputes the earliest deadline from the CONs in flight (after the due ones were serviced).</summary>
        public void RecomputeEarliest()
        {
            int[] states = _states;
            long earliest = long.MaxValue;
            for (int i = 0; i < states.Length; i++)
            {
                if ((states[i] & ActiveFlag) != 0 && _deadlines[i] < earliest)
                {
                    earliest = _deadlines[i];
                }
            }

            _deadlines[states.Length] = earliest;
        }

        /// <summary>Milliseconds from <paramref name="now"/> to the earliest deadline (0 if one is due), or -1 when nothing is in flight.</summary>
        public long TimeToNextDeadline(long now)
        {
            long soonest = -1;
            for (int i = 0; i < _states.Length; i++)
            {
                if ((_states[i] & ActiveFlag) == 0)
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
