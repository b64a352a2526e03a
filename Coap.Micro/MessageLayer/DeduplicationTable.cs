namespace Coap.Micro
{
    /// <summary>
    /// Message-id sublayer: duplicate handling (RFC 7252 §4.5). Remembers many recent exchanges
    /// cheaply, each as its endpoint, Message ID, type, the method and response code, and its end of
    /// life (EXCHANGE_LIFETIME or NON_LIFETIME, §4.8.2); the response bytes themselves are kept only in a
    /// small shared cache of the most recent ones (see DeduplicationTable.Replay.cs). A fixed number of
    /// slots. A write (any method but GET, unless answered 4.xx or 2.31) is replaced within its lifetime
    /// only by a newer write of the same endpoint, so its retransmission is never processed twice; a new
    /// exchange otherwise takes a free or ended slot, else replaces the live safe entry closest to its end
    /// of life (a NON, whose lifetime is shorter, before a CON of the same age). When every slot holds a
    /// live write, a GET is answered without being remembered and a write is refused before it is
    /// processed (see <see cref="RetryAfter"/>).
    /// </summary>
    /// <remarks>
    /// All slots live in one byte array (on nanoFramework every array costs a 20-byte header and every
    /// object field 12 bytes): endpoint length, flags, response code, Message ID (2 bytes), then the
    /// endpoint. Ends of life are ints counted in milliseconds from an epoch the table moves forward
    /// now and then, so they never overflow.
    /// </remarks>
    internal sealed partial class DeduplicationTable
    {
        /// <summary>
        /// A GET (safe, RFC 7252 §5.1), a request answered with 4.xx (not performed) or a Block1 block
        /// answered 2.31 Continue (only stored): a duplicate whose response has left the cache may be
        /// processed again, and the entry may be replaced while live. Every other entry is a write.
        /// </summary>
        internal const int Safe = 0;

        /// <summary>PUT, DELETE and other methods: idempotent, but processing one again could undo a newer request.</summary>
        internal const int Idempotent = 1;

        /// <summary>POST: not idempotent (RFC 7252 §5.1); its response is the last to leave the cache.</summary>
        internal const int NotIdempotent = 2;

        private const int EndpointLengthAt = 0;
        private const int FlagsAt = 1;
        private const int CodeAt = 2;
        private const int MessageIdAt = 3;
        private const int EndpointAt = 5;

        private const int ConfirmableFlag = 1;
        private const int AnsweredFlag = 2;
        private const int KindShift = 2;
        private const int KindMask = 0x3;

        // The entry's response is kept in the replay cache (so giving up an entry without one walks nothing).
        private const int CachedFlag = 1 << 4;

        // Ends of life are moved to a new epoch before they could reach int.MaxValue.
        private const long RebaseAfter = 1L << 30;

        // Bytes per slot (the record header and the transport's longest endpoint): records.Length / expiries.Length.
        private readonly byte[] _records;
        private readonly int[] _expiries;
        private long _epoch;
        // Read in place by the message layer around each Add (a property would cost a call each).
        internal int _evictions;

        // A GET is remembered without walking the table when nothing can have ended: no entry ends before
        // _lowestExpiry (a lower bound, 0 when unknown), and the entry after the last one added (usually
        // the oldest) is safe to give up. Any other case walks the table, which makes the bound exact again.
        private int _lowestExpiry;
        private int _cursor;

        // How many slots hold a Message ID of each low-7-bit value (255: that many or more, no longer
        // counted): a Message ID no slot holds is not a duplicate, told without walking the table. Slots
        // never used hold Message ID 0. A client's consecutive Message IDs fall in other buckets than its
        // recent ones, so a new request of such a client is decided by one array read.
        private const int BucketMask = 0x7F;
        private const int Saturated = 255;
        private readonly byte[] _buckets = new byte[BucketMask + 1];

        /// <summary>
        /// Creates <paramref name="entries"/> slots for endpoints of up to <paramref name="endpointCapacity"/>
        /// bytes, and a cache of <paramref name="cacheBytes"/> bytes for recent responses.
        /// </summary>
        public DeduplicationTable(int entries, int endpointCapacity, int cacheBytes)
        {
            if (entries < 1)
            {
                entries = 1;
            }

            _records = new byte[entries * (EndpointAt + endpointCapacity)];
            _expiries = new int[entries];
            _cache = new byte[cacheBytes];
            _buckets[0] = (byte)(entries < Saturated ? entries : Saturated);
        }

        /// <summary>Number of slots.</summary>
        public int Capacity
        {
            get { return _expiries.Length; }
        }

        /// <summary>Live safe entries replaced before their lifetime ended because the table was full.</summary>
        public int Evictions
        {
            get { return _evictions; }
        }

        /// <summary>Slot of a live entry for (endpoint, Message ID), or -1.</summary>
        public int Find(CoapEndpoint endpoint, int messageId, long now)
        {
            if (_buckets[messageId & BucketMask] == 0)
            {
                return -1;
            }

            // A slot may hold it: the fields are read once, the Message ID's low byte compared first.
            byte[] records = _records;
            int[] expiries = _expiries;
            long sinceEpoch = now - _epoch;
            int age = sinceEpoch >= 0 && sinceEpoch < RebaseAfter ? (int)sinceEpoch : Age(now);
            int slots = expiries.Length;
            int stride = records.Length / slots;
            int high = (messageId >> 8) & 0xFF;
            int low = messageId & 0xFF;
            int at = MessageIdAt + 1;
            for (int i = 0; i < slots; i++, at += stride)
            {
                if (records[at] != low || records[at - 1] != high || expiries[i] <= age)
                {
                    continue;
                }

                // The endpoint compared in place (a duplicate is answered from here without a call).
                int start = at - (MessageIdAt + 1);
                int length = endpoint._length;
                if (records[start + EndpointLengthAt] != length)
                {
                    continue;
                }

                byte[] bytes = endpoint._bytes;
                int from = start + EndpointAt;
                int k = 0;
                while (k < length && records[from + k] == bytes[k])
                {
                    k++;
                }

                if (k == length)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>
        /// -1 when a new request with <paramref name="method"/> from <paramref name="endpoint"/> may be
        /// processed; else, for a write that could not be remembered because every slot holds a live write
        /// of another endpoint, the seconds until the first of them ends: it must be refused unprocessed
        /// with 5.03 and that Max-Age (RFC 7252 §4.5, §5.9.3.4).
        /// </summary>
        public int RetryAfter(CoapEndpoint endpoint, byte method, long now)
        {
            if (method == CoapCode.Get)
            {
                return -1;
            }

            byte[] records = _records;
            int[] expiries = _expiries;
            long sinceEpoch = now - _epoch;
            int age = sinceEpoch >= 0 && sinceEpoch < RebaseAfter ? (int)sinceEpoch : Age(now);
            int soonest = int.MaxValue;
            int stride = records.Length / expiries.Length;
            for (int i = 0; i < expiries.Length; i++)
            {
                int expiry = expiries[i];
                if (expiry <= age || ((records[i * stride + FlagsAt] >> KindShift) & KindMask) == Safe || IsFrom(i, stride, endpoint))
                {
                    return -1;
                }

                if (expiry < soonest)
                {
                    soonest = expiry;
                }
            }

            return (soonest - age + 999) / 1000;
        }

        /// <summary>
        /// Remembers (endpoint, Message ID, type) for <paramref name="lifetime"/> ms, with no response yet.
        /// A write (<paramref name="method"/> not GET) takes the place of the endpoint's own live write if
        /// it has one: with NSTART 1 (RFC 7252 §4.7) a client has stopped retransmitting a request once it
        /// sends the next. Otherwise the entry takes a free or ended slot, else the live safe entry closest
        /// to its end of life. Returns the slot, or -1 when every slot holds a live write (a write never
        /// gets here then, see <see cref="RetryAfter"/>; a GET is simply not remembered).
        /// </summary>
        public int Add(CoapEndpoint endpoint, int messageId, byte method, bool confirmable, long now, int lifetime)
        {
            byte[] records = _records;
            int[] expiries = _expiries;
            long sinceEpoch = now - _epoch;
            int age = sinceEpoch >= 0 && sinceEpoch < RebaseAfter ? (int)sinceEpoch : Age(now);
            int stride = records.Length / expiries.Length;
            bool write = method != CoapCode.Get;
            int slots = expiries.Length;
            int slot = -1;
            if (!write && age < _lowestExpiry && ((records[_cursor * stride + FlagsAt] >> KindShift) & KindMask) == Safe)
            {
                // Every entry is live: the oldest safe one makes room (a GET's entry, processed again if need be).
                slot = _cursor;
                _evictions++;
                return Fill(slot, endpoint, messageId, confirmable, age, lifetime, stride);
            }

            int free = -1;
            int soonest = -1;
            int soonestExpiry = int.MaxValue;
            int lowest = int.MaxValue;
            bool walkedAll = true;

            // Every new exchange walks the table: the kind read at a running offset, the soonest expiry in
            // a local (on nanoFramework each multiplication and array read in this loop counts 32 times).
            int flagsAt = FlagsAt;
            for (int i = 0; i < slots; i++, flagsAt += stride)
            {
                int expiry = expiries[i];
                if (expiry <= age)
                {
                    if (!write)
                    {
                        slot = i;
                        walkedAll = false;
                        break;
                    }

                    free = free < 0 ? i : free;
                    continue;
                }

                if (expiry < lowest)
                {
                    lowest = expiry;
                }

                if (((records[flagsAt] >> KindShift) & KindMask) == Safe)
                {
                    if (expiry < soonestExpiry)
                    {
                        soonest = i;
                        soonestExpiry = expiry;
                    }
                }
                else if (write && IsFrom(i, stride, endpoint))
                {
                    slot = i;
                    walkedAll = false;
                    break;
                }
            }

            // The bound is exact after a walk that saw every entry live; otherwise unknown.
            _lowestExpiry = walkedAll && free < 0 ? lowest : 0;
            if (slot < 0)
            {
                slot = free;
            }

            if (slot < 0)
            {
                if (soonest < 0)
                {
                    return -1;
                }

                slot = soonest;
                _evictions++;
            }

            return Fill(slot, endpoint, messageId, confirmable, age, lifetime, stride);
        }

        // Writes a new entry in slot, giving up the response kept for the one it replaces.
        private int Fill(int slot, CoapEndpoint endpoint, int messageId, bool confirmable, int age, int lifetime, int stride)
        {
            byte[] records = _records;
            int at = slot * stride;
            if ((records[at + FlagsAt] & CachedFlag) != 0)
            {
                Release(slot);
            }

            int length = endpoint._length;
            length = length <= stride - EndpointAt ? length : 0;
            records[at + EndpointLengthAt] = (byte)length;
            records[at + FlagsAt] = (byte)(confirmable ? ConfirmableFlag : 0);
            records[at + CodeAt] = 0;
            byte[] buckets = _buckets;
            int replaced = records[at + MessageIdAt + 1] & BucketMask;
            if (buckets[replaced] != Saturated)
            {
                buckets[replaced]--;
            }

            int bucket = messageId & BucketMask;
            if (buckets[bucket] != Saturated)
            {
                buckets[bucket]++;
            }

            records[at + MessageIdAt] = (byte)(messageId >> 8);
            records[at + MessageIdAt + 1] = (byte)messageId;
            System.Array.Copy(endpoint._bytes, 0, records, at + EndpointAt, length);
            _expiries[slot] = age + lifetime;
            _cursor = slot + 1 == _expiries.Length ? 0 : slot + 1;
            return slot;
        }

        /// <summary>
        /// Records the answer to the entry's request (a <paramref name="method"/>): its code, and its bytes
        /// in the cache when it is a response a duplicate of the CON should get again. 0 bytes: nothing was sent.
        /// </summary>
        /// <summary>
        /// Remembers a new exchange together with its answer (<see cref="Add"/> then <see cref="Answered"/>
        /// in one call, the answer's slot in the replay cache given up once). Returns the slot, or -1
        /// when every slot holds another endpoint's live write (see <see cref="Add"/>).
        /// </summary>
        public int Remember(CoapEndpoint endpoint, int messageId, byte method, bool confirmable, long now, int lifetime, byte[] buffer, int offset, int length)
        {
            int slot = Add(endpoint, messageId, method, confirmable, now, lifetime);
            if (slot >= 0)
            {
                Record(slot, method, buffer, offset, length, now);
            }

            return slot;
        }

        public void Answered(int slot, byte method, byte[] buffer, int offset, int length, long now)
        {
            if (_cacheUsed > 0)
            {
                Release(slot);
            }

            Record(slot, method, buffer, offset, length, now);
        }

        // Notes the answer's code and kind in the entry and keeps its bytes for a CON (the entry's old
        // bytes were given up by the caller).
        private void Record(int slot, byte method, byte[] buffer, int offset, int length, long now)
        {

            byte[] records = _records;
            int at = slot * (records.Length / _expiries.Length);
            int flags = records[at + FlagsAt] & ConfirmableFlag;
            byte code = 0;
            if (length > 0)
            {
                flags |= AnsweredFlag;
                code = buffer[offset + 1];
            }

            // Like a GET, these may be processed again: a request answered 4.xx was not performed (RFC 7252
            // §5.9.2); a block answered 2.31 Continue was only stored for assembly (RFC 7959 §2.3).
            int kind = method == CoapCode.Get || (code >> 5) == 4 || code == CoapCode.Continue
                ? Safe
                : (method == CoapCode.Post ? NotIdempotent : Idempotent);

            records[at + FlagsAt] = (byte)(flags | (kind << KindShift));
            records[at + CodeAt] = code;

            // An empty ACK (or RST) is rebuilt exactly from the code; only responses take cache room.
            if ((flags & ConfirmableFlag) != 0 && code != CoapCode.Empty)
            {
                Store(slot, buffer, offset, length, now);
            }
        }

        /// <summary>True when something was sent in answer to the entry.</summary>
        public bool WasAnswered(int slot)
        {
            byte[] records = _records;
            return (records[slot * (records.Length / _expiries.Length) + FlagsAt] & AnsweredFlag) != 0;
        }

        /// <summary>Code of the answer sent (0.00 for an empty ACK).</summary>
        public byte CodeOf(int slot)
        {
            byte[] records = _records;
            return records[slot * (records.Length / _expiries.Length) + CodeAt];
        }

        /// <summary><see cref="Safe"/>, <see cref="Idempotent"/> or <see cref="NotIdempotent"/>: what the request's method allows.</summary>
        public int KindOf(int slot)
        {
            byte[] records = _records;
            return (records[slot * (records.Length / _expiries.Length) + FlagsAt] >> KindShift) & KindMask;
        }

        // True when the entry in slot i was made for endpoint.
        private bool IsFrom(int i, int stride, CoapEndpoint endpoint)
        {
            int at = i * stride;
            return ByteCompare.Equal(_records, at + EndpointAt, _records[at + EndpointLengthAt], endpoint._bytes, 0, endpoint._length);
        }

        // Milliseconds from the epoch to now; moves the epoch forward (and every end of life with it)
        // before the count could overflow an int.
        private int Age(long now)
        {
            long age = now - _epoch;
            if (age >= 0 && age < RebaseAfter)
            {
                return (int)age;
            }

            for (int i = 0; i < _expiries.Length; i++)
            {
                long left = _expiries[i] - age;
                if (_expiries[i] != 0 && left <= 0)
                {
                    Release(i);
                }

                _expiries[i] = left > 0 ? (int)left : 0;
            }

            _epoch = now;
            _lowestExpiry = 0;
            return 0;
        }

    }
}
