namespace Coap.Micro
{
    /// <summary>
    /// The list of observers (RFC 7641 §4.1): one slot per relation, keyed by client endpoint and token,
    /// holding only what regenerating a notification needs and when to refresh it. Kept in one array of
    /// primitives, eight ints per slot (on nanoFramework an object costs 12 bytes per field, an array a
    /// 20-byte header).
    /// </summary>
    internal sealed class ObserverTable
    {
        /// <summary>Marks a free slot in <see cref="ResourceOf"/>.</summary>
        internal const int Free = -1;

        /// <summary>Marks a registration that asked for no block size in <see cref="BlockSzxOf"/>.</summary>
        internal const int NoBlockSize = 0xFF;

        // The ints of a slot: resource index, Accept, last notified version, last Message ID, last
        // Observe value, the NON count (low byte) with the ending code (next byte), the registration's
        // Block2 size exponent (third byte) and a refresh flag (fourth); the refresh time, the low 32
        // bits of a clock reading compared by their wrapping difference with the clock's low bits (exact
        // while less than 2^31 ms, 24.8 days, ahead or overdue); and the time of the last acknowledged
        // CON (or of the registration) in seconds, compared the same way (2^31 s: 68 years).
        private const int Stride = 8;
        private const int ResourceAt = 0;
        private const int AcceptAt = 1;
        private const int VersionAt = 2;
        private const int MessageIdAt = 3;
        private const int SequenceAt = 4;
        private const int CountsAt = 5;
        private const int RefreshAt = 6;
        private const int RefreshFlag = 1 << 24;
        private const int ConfirmedAt = 7;

        private readonly int[] _ints;
        private readonly int _capacity;
        private readonly PeerSlots _peers;

        /// <summary><paramref name="capacity"/> relations, whose peers are the first slots of <paramref name="peers"/>.</summary>
        internal ObserverTable(int capacity, PeerSlots peers)
        {
            _ints = new int[capacity * Stride];
            _capacity = capacity;
            _peers = peers;
            for (int i = 0; i < capacity; i++)
            {
                _ints[i * Stride + ResourceAt] = Free;
            }
        }

        /// <summary>Number of slots.</summary>
        internal int Capacity
        {
            get { return _capacity; }
        }

        /// <summary>Relations now, counted (the loop that needs it walks every slot anyway).</summary>
        internal int Count
        {
            get
            {
                int count = 0;
                for (int i = 0; i < _capacity; i++)
                {
                    if (ResourceOf(i) != Free)
                    {
                        count++;
                    }
                }

                return count;
            }
        }

        /// <summary>Index of the observed resource, or <see cref="Free"/>.</summary>
        internal int ResourceOf(int slot)
        {
            return _ints[slot * Stride + ResourceAt];
        }

        /// <summary>Slot of the relation (endpoint, token) of <paramref name="request"/>, or -1 (RFC 7641 §4.1).</summary>
        internal int Find(CoapEndpoint endpoint, CoapMessage request)
        {
            for (int i = 0; i < _capacity; i++)
            {
                if (ResourceOf(i) != Free && _peers.Matches(i, endpoint, request))
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>A free slot, or -1 when the list is full.</summary>
        internal int FindFree()
        {
            for (int i = 0; i < _capacity; i++)
            {
                if (ResourceOf(i) == Free)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>True when slot <paramref name="slot"/> belongs to <paramref name="endpoint"/>.</summary>
        internal bool IsFrom(int slot, CoapEndpoint endpoint)
        {
            return ResourceOf(slot) != Free && _peers.IsFrom(slot, endpoint);
        }

        /// <summary>
        /// Fills <paramref name="slot"/> with a new relation (or refreshes the same one): the resource,
        /// the client's endpoint, token, Accept and Block2 size exponent (or <see cref="NoBlockSize"/>),
        /// and the resource version its response showed.
        /// </summary>
        internal void Set(int slot, int resource, CoapEndpoint endpoint, CoapMessage request, int accept, int blockSzx, int version, long now)
        {
            int at = slot * Stride;
            _ints[at + ResourceAt] = resource;
            _peers.Set(slot, endpoint, request);
            _ints[at + AcceptAt] = accept;
            _ints[at + VersionAt] = version;
            _ints[at + MessageIdAt] = -1;
            _ints[at + CountsAt] = (blockSzx & 0xFF) << 16;
            _ints[at + ConfirmedAt] = Seconds(now);
        }

        /// <summary>Ends the relation in <paramref name="slot"/>.</summary>
        internal void Remove(int slot)
        {
            _ints[slot * Stride + ResourceAt] = Free;
        }

        /// <summary>The client's endpoint and token.</summary>
        internal PeerSlots Peers
        {
            get { return _peers; }
        }

        /// <summary>The registration's Accept, or <see cref="CoapContentFormat.None"/>.</summary>
        internal int AcceptOf(int slot)
        {
            return _ints[slot * Stride + AcceptAt];
        }

        /// <summary>Resource version the client was last sent.</summary>
        internal int NotifiedVersion(int slot)
        {
            return _ints[slot * Stride + VersionAt];
        }

        /// <summary>Records that the client was sent the state of version <paramref name="version"/>.</summary>
        internal void SetNotifiedVersion(int slot, int version)
        {
            _ints[slot * Stride + VersionAt] = version;
        }

        /// <summary>Notifications sent as NON since the last acknowledged CON.</summary>
        internal int NotificationsSinceConfirmable(int slot)
        {
            return _ints[slot * Stride + CountsAt] & 0xFF;
        }

        /// <summary>Counts a NON notification.</summary>
        internal void CountNonConfirmable(int slot)
        {
            if (NotificationsSinceConfirmable(slot) < 255)
            {
                _ints[slot * Stride + CountsAt]++;
            }
        }

        /// <summary>Whole seconds from when the client last acknowledged a CON (or registered) to <paramref name="now"/>.</summary>
        internal int SecondsSinceConfirmed(int slot, long now)
        {
            return unchecked(Seconds(now) - _ints[slot * Stride + ConfirmedAt]);
        }

        /// <summary>Records that the client acknowledged a CON notification at <paramref name="now"/>.</summary>
        internal void Confirmed(int slot, long now)
        {
            _ints[slot * Stride + ConfirmedAt] = Seconds(now);
            _ints[slot * Stride + CountsAt] &= ~0xFF;
        }

        /// <summary>Message ID of the last notification sent, or -1 (an RST naming it cancels, RFC 7641 §3.6).</summary>
        internal int LastMessageId(int slot)
        {
            return _ints[slot * Stride + MessageIdAt];
        }

        /// <summary>Observe value of the last notification sent.</summary>
        internal int LastSequence(int slot)
        {
            return _ints[slot * Stride + SequenceAt];
        }

        /// <summary>Records the Message ID and Observe value of a notification just sent.</summary>
        internal void Sent(int slot, int messageId, int sequence)
        {
            _ints[slot * Stride + MessageIdAt] = messageId;
            _ints[slot * Stride + SequenceAt] = sequence;
        }

        /// <summary>Code of the final response that ends the relation (0: the relation goes on).</summary>
        internal byte EndingCode(int slot)
        {
            return (byte)(_ints[slot * Stride + CountsAt] >> 8);
        }

        /// <summary>Marks the relation to end with a final response of <paramref name="code"/> (RFC 7641 §3.2, §4.2).</summary>
        internal void SetEnding(int slot, byte code)
        {
            int at = slot * Stride + CountsAt;
            _ints[at] = (_ints[at] & ~0xFF00) | (code << 8);
        }

        /// <summary>The Block2 size exponent the registration asked for (RFC 7959 §2.6), or <see cref="NoBlockSize"/>.</summary>
        internal int BlockSzxOf(int slot)
        {
            return (_ints[slot * Stride + CountsAt] >> 16) & 0xFF;
        }

        /// <summary>Schedules the refresh of the relation in <paramref name="slot"/> at <paramref name="due"/> (clock milliseconds, less than 2^31 ms away).</summary>
        internal void SetRefresh(int slot, long due)
        {
            int at = slot * Stride;
            _ints[at + RefreshAt] = unchecked((int)due);
            _ints[at + CountsAt] |= RefreshFlag;
        }

        /// <summary>Leaves the relation in <paramref name="slot"/> without a refresh.</summary>
        internal void ClearRefresh(int slot)
        {
            _ints[slot * Stride + CountsAt] &= ~RefreshFlag;
        }

        /// <summary>Milliseconds from <paramref name="now"/> to the relation's refresh (0 or less: due), or <see cref="int.MaxValue"/> when it has none.</summary>
        internal int TimeToRefresh(int slot, long now)
        {
            int at = slot * Stride;
            if ((_ints[at + CountsAt] & RefreshFlag) == 0)
            {
                return int.MaxValue;
            }

            return unchecked(_ints[at + RefreshAt] - (int)now);
        }

        // The low 32 bits of a clock reading in seconds.
        private static int Seconds(long milliseconds)
        {
            return unchecked((int)(milliseconds / 1000));
        }
    }
}
