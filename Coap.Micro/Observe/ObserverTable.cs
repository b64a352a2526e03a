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

        /// <summary>Marks a registration that asked for no block size in the slot.</summary>
        internal const int NoBlockSize = 0xFF;

        // The ints of a slot: resource index, Accept, last notified version, last Message ID, last
        // Observe value, the NON count (low byte) with the ending code (next byte), the registration's
        // Block2 size exponent (third byte) and a refresh flag (fourth); the refresh time, the low 32
        // bits of a clock reading compared by their wrapping difference with the clock's low bits (exact
        // while less than 2^31 ms, 24.8 days, ahead or overdue); and the time of the last acknowledged
        // CON (or of the registration) in seconds, compared the same way (2^31 s: 68 years).
        // The notification path reads and writes them in place (on nanoFramework a call per field is a frame).
        internal const int Stride = 8;
        internal const int ResourceAt = 0;
        internal const int AcceptAt = 1;
        internal const int VersionAt = 2;
        internal const int MessageIdAt = 3;
        internal const int SequenceAt = 4;
        internal const int CountsAt = 5;
        internal const int NonCountMask = 0xFF;
        internal const int EndingMask = 0xFF00;
        internal const int RefreshAt = 6;
        internal const int RefreshFlag = 1 << 24;
        internal const int ConfirmedAt = 7;

        /// <summary>The slots, <see cref="Stride"/> ints each.</summary>
        internal readonly int[] Ints;

        /// <summary>Number of slots.</summary>
        internal readonly int Capacity;

        /// <summary>The clients' endpoints and tokens.</summary>
        internal readonly PeerSlots Peers;

        /// <summary><paramref name="capacity"/> relations, whose peers are the first slots of <paramref name="peers"/>.</summary>
        internal ObserverTable(int capacity, PeerSlots peers)
        {
            Ints = new int[capacity * Stride];
            Capacity = capacity;
            Peers = peers;
            for (int i = 0; i < capacity; i++)
            {
                Ints[i * Stride + ResourceAt] = Free;
            }
        }

        /// <summary>Relations now, counted (the loop that needs it walks every slot anyway).</summary>
        internal int Count
        {
            get
            {
                int[] ints = Ints;
                int count = 0;
                for (int at = ResourceAt; at < ints.Length; at += Stride)
                {
                    if (ints[at] != Free)
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
            return Ints[slot * Stride + ResourceAt];
        }

        /// <summary>Slot of the relation (endpoint, token) of <paramref name="request"/>, or -1 (RFC 7641 §4.1).</summary>
        internal int Find(CoapEndpoint endpoint, CoapMessage request)
        {
            int[] ints = Ints;
            PeerSlots peers = Peers;
            for (int i = 0; i < Capacity; i++)
            {
                if (ints[i * Stride + ResourceAt] != Free && peers.Matches(i, endpoint, request))
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>A free slot, or -1 when the list is full.</summary>
        internal int FindFree()
        {
            int[] ints = Ints;
            for (int i = 0; i < Capacity; i++)
            {
                if (ints[i * Stride + ResourceAt] == Free)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>True when slot <paramref name="slot"/> belongs to <paramref name="endpoint"/>.</summary>
        internal bool IsFrom(int slot, CoapEndpoint endpoint)
        {
            return ResourceOf(slot) != Free && Peers.IsFrom(slot, endpoint);
        }

        /// <summary>
        /// Fills <paramref name="slot"/> with a new relation (or refreshes the same one): the resource,
        /// the client's endpoint, token, Accept and Block2 size exponent (or <see cref="NoBlockSize"/>),
        /// and the resource version its response showed.
        /// </summary>
        internal void Set(int slot, int resource, CoapEndpoint endpoint, CoapMessage request, int accept, int blockSzx, int version, long now)
        {
            int at = slot * Stride;
            Ints[at + ResourceAt] = resource;
            Peers.Set(slot, endpoint, request);
            Ints[at + AcceptAt] = accept;
            Ints[at + VersionAt] = version;
            Ints[at + MessageIdAt] = -1;
            Ints[at + CountsAt] = (blockSzx & 0xFF) << 16;
            Ints[at + ConfirmedAt] = Seconds(now);
        }

        /// <summary>Ends the relation in <paramref name="slot"/>.</summary>
        internal void Remove(int slot)
        {
            Ints[slot * Stride + ResourceAt] = Free;
        }

        /// <summary>Resource version the client was last sent.</summary>
        internal int NotifiedVersion(int slot)
        {
            return Ints[slot * Stride + VersionAt];
        }

        /// <summary>Records that the client was sent the state of version <paramref name="version"/>.</summary>
        internal void SetNotifiedVersion(int slot, int version)
        {
            Ints[slot * Stride + VersionAt] = version;
        }

        /// <summary>Records that the client acknowledged a CON notification at <paramref name="now"/>.</summary>
        internal void Confirmed(int slot, long now)
        {
            Ints[slot * Stride + ConfirmedAt] = Seconds(now);
            Ints[slot * Stride + CountsAt] &= ~0xFF;
        }

        /// <summary>Records the Message ID and Observe value of a notification just sent.</summary>
        internal void Sent(int slot, int messageId, int sequence)
        {
            Ints[slot * Stride + MessageIdAt] = messageId;
            Ints[slot * Stride + SequenceAt] = sequence;
        }

        /// <summary>Code of the final response that ends the relation (0: the relation goes on).</summary>
        internal byte EndingCode(int slot)
        {
            return (byte)(Ints[slot * Stride + CountsAt] >> 8);
        }

        /// <summary>Marks the relation to end with a final response of <paramref name="code"/> (RFC 7641 §3.2, §4.2).</summary>
        internal void SetEnding(int slot, byte code)
        {
            int at = slot * Stride + CountsAt;
            Ints[at] = (Ints[at] & ~0xFF00) | (code << 8);
        }

        /// <summary>Leaves the relation in <paramref name="slot"/> without a refresh.</summary>
        internal void ClearRefresh(int slot)
        {
            Ints[slot * Stride + CountsAt] &= ~RefreshFlag;
        }

        /// <summary>Milliseconds from <paramref name="now"/> to the relation's refresh (0 or less: due), or <see cref="int.MaxValue"/> when it has none.</summary>
        internal int TimeToRefresh(int slot, long now)
        {
            int at = slot * Stride;
            if ((Ints[at + CountsAt] & RefreshFlag) == 0)
            {
                return int.MaxValue;
            }

            return unchecked(Ints[at + RefreshAt] - (int)now);
        }

        // The low 32 bits of a clock reading in seconds.
        private static int Seconds(long milliseconds)
        {
            return unchecked((int)(milliseconds / 1000));
        }
    }
}
