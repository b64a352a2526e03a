namespace Coap.Micro
{
    /// <summary>
    /// The list of observers (RFC 7641 §4.1): one slot per relation, keyed by client endpoint and token,
    /// holding only what regenerating a notification needs. Kept as parallel arrays of primitives (on
    /// nanoFramework an object costs 12 bytes per field, an array its packed elements).
    /// </summary>
    internal sealed class ObserverTable
    {
        /// <summary>Marks a free slot in <see cref="ResourceOf"/>.</summary>
        internal const int Free = -1;

        /// <summary>Marks a registration that asked for no block size in <see cref="BlockSzxOf"/>.</summary>
        internal const int NoBlockSize = 0xFF;

        private readonly int[] _resources;
        private readonly PeerSlots _peers;
        private readonly int[] _accepts;
        private readonly int[] _notifiedVersions;
        private readonly byte[] _notificationsSinceConfirmable;
        private readonly long[] _confirmedAt;
        private readonly int[] _lastMessageIds;
        private readonly int[] _lastSequences;
        private readonly byte[] _endings;
        private readonly byte[] _blockSzx;
        private int _count;

        internal ObserverTable(int capacity)
        {
            _resources = new int[capacity];
            _peers = new PeerSlots(capacity);
            _accepts = new int[capacity];
            _notifiedVersions = new int[capacity];
            _notificationsSinceConfirmable = new byte[capacity];
            _confirmedAt = new long[capacity];
            _lastMessageIds = new int[capacity];
            _lastSequences = new int[capacity];
            _endings = new byte[capacity];
            _blockSzx = new byte[capacity];
            for (int i = 0; i < capacity; i++)
            {
                _resources[i] = Free;
            }
        }

        /// <summary>Number of slots.</summary>
        internal int Capacity
        {
            get { return _resources.Length; }
        }

        /// <summary>Relations now.</summary>
        internal int Count
        {
            get { return _count; }
        }

        /// <summary>Index of the observed resource, or <see cref="Free"/>.</summary>
        internal int ResourceOf(int slot)
        {
            return _resources[slot];
        }

        /// <summary>Slot of the relation (endpoint, token) of <paramref name="request"/>, or -1 (RFC 7641 §4.1).</summary>
        internal int Find(CoapEndpoint endpoint, CoapMessage request)
        {
            for (int i = 0; i < _resources.Length; i++)
            {
                if (_resources[i] != Free && _peers.Matches(i, endpoint, request))
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>A free slot, or -1 when the list is full.</summary>
        internal int FindFree()
        {
            for (int i = 0; i < _resources.Length; i++)
            {
                if (_resources[i] == Free)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>True when slot <paramref name="slot"/> belongs to <paramref name="endpoint"/>.</summary>
        internal bool IsFrom(int slot, CoapEndpoint endpoint)
        {
            return _resources[slot] != Free && _peers.IsFrom(slot, endpoint);
        }

        /// <summary>
        /// Fills <paramref name="slot"/> with a new relation (or refreshes the same one): the resource,
        /// the client's endpoint, token, Accept and Block2 size exponent (or <see cref="NoBlockSize"/>),
        /// and the resource version its response showed.
        /// </summary>
        internal void Set(int slot, int resource, CoapEndpoint endpoint, CoapMessage request, int accept, int blockSzx, int version, long now)
        {
            if (_resources[slot] == Free)
            {
                _count++;
            }

            _resources[slot] = resource;
            _peers.Set(slot, endpoint, request);
            _accepts[slot] = accept;
            _blockSzx[slot] = (byte)blockSzx;
            _notifiedVersions[slot] = version;
            _notificationsSinceConfirmable[slot] = 0;
            _confirmedAt[slot] = now;
            _lastMessageIds[slot] = -1;
            _endings[slot] = 0;
        }

        /// <summary>Ends the relation in <paramref name="slot"/>.</summary>
        internal void Remove(int slot)
        {
            if (_resources[slot] != Free)
            {
                _resources[slot] = Free;
                _count--;
            }
        }

        /// <summary>The client's endpoint and token.</summary>
        internal PeerSlots Peers
        {
            get { return _peers; }
        }

        /// <summary>The registration's Accept, or <see cref="CoapContentFormat.None"/>.</summary>
        internal int AcceptOf(int slot)
        {
            return _accepts[slot];
        }

        /// <summary>The Block2 size exponent the registration asked for (RFC 7959 §2.6), or <see cref="NoBlockSize"/>.</summary>
        internal int BlockSzxOf(int slot)
        {
            return _blockSzx[slot];
        }

        /// <summary>Resource version the client was last sent.</summary>
        internal int NotifiedVersion(int slot)
        {
            return _notifiedVersions[slot];
        }

        /// <summary>Records that the client was sent the state of version <paramref name="version"/>.</summary>
        internal void SetNotifiedVersion(int slot, int version)
        {
            _notifiedVersions[slot] = version;
        }

        /// <summary>Notifications sent as NON since the last acknowledged CON.</summary>
        internal int NotificationsSinceConfirmable(int slot)
        {
            return _notificationsSinceConfirmable[slot];
        }

        /// <summary>Counts a NON notification.</summary>
        internal void CountNonConfirmable(int slot)
        {
            if (_notificationsSinceConfirmable[slot] < 255)
            {
                _notificationsSinceConfirmable[slot]++;
            }
        }

        /// <summary>When the client last acknowledged a CON (or registered).</summary>
        internal long ConfirmedAt(int slot)
        {
            return _confirmedAt[slot];
        }

        /// <summary>Records that the client acknowledged a CON notification at <paramref name="now"/>.</summary>
        internal void Confirmed(int slot, long now)
        {
            _confirmedAt[slot] = now;
            _notificationsSinceConfirmable[slot] = 0;
        }

        /// <summary>Message ID of the last notification sent, or -1 (an RST naming it cancels, RFC 7641 §3.6).</summary>
        internal int LastMessageId(int slot)
        {
            return _lastMessageIds[slot];
        }

        /// <summary>Observe value of the last notification sent.</summary>
        internal int LastSequence(int slot)
        {
            return _lastSequences[slot];
        }

        /// <summary>Records the Message ID and Observe value of a notification just sent.</summary>
        internal void Sent(int slot, int messageId, int sequence)
        {
            _lastMessageIds[slot] = messageId;
            _lastSequences[slot] = sequence;
        }

        /// <summary>Code of the final response that ends the relation (0: the relation goes on).</summary>
        internal byte EndingCode(int slot)
        {
            return _endings[slot];
        }

        /// <summary>Marks the relation to end with a final response of <paramref name="code"/> (RFC 7641 §3.2, §4.2).</summary>
        internal void SetEnding(int slot, byte code)
        {
            _endings[slot] = code;
        }
    }
}
