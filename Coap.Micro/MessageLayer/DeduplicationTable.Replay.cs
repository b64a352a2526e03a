namespace Coap.Micro
{
    /// <summary>
    /// The replay cache of the deduplication table: the bytes of the most recent responses to CONs, so a
    /// duplicate gets the identical message again (RFC 7252 §4.5). Responses are kept one after the
    /// other in one byte array, oldest first, each behind a 4-byte header (its slot and length). A new
    /// one makes room by removing the oldest kept one when it answers a GET or an ended exchange (a
    /// duplicate GET may simply be processed again); otherwise in this order: those of ended exchanges,
    /// then the oldest answer to a GET, then to PUT/DELETE, and the answer to a POST (not idempotent) last.
    /// </summary>
    internal sealed partial class DeduplicationTable
    {
        private const int CachedHeader = 4;

        private readonly byte[] _cache;
        private int _cacheUsed;

        /// <summary>The cache the offsets of <see cref="FindCached"/> point into.</summary>
        public byte[] Cache
        {
            get { return _cache; }
        }

        /// <summary>Where the response kept for the entry starts in <see cref="Cache"/>, or -1 when none is kept (any more).</summary>
        public int FindCached(int slot)
        {
            // Headers read inline: a duplicate and every answer walk this.
            byte[] cache = _cache;
            int used = _cacheUsed;
            for (int at = 0; at < used; at += CachedHeader + ((cache[at + 2] << 8) | cache[at + 3]))
            {
                if (((cache[at] << 8) | cache[at + 1]) == slot)
                {
                    return at + CachedHeader;
                }
            }

            return -1;
        }

        /// <summary>
        /// For a duplicate of the entry in <paramref name="slot"/>: -2 when the entry is not a CON (a CON
        /// reusing a NON's Message ID), -1 when no response is kept for it, otherwise where the kept
        /// response starts in <see cref="Cache"/>, its length in <paramref name="length"/>.
        /// </summary>
        public int Replay(int slot, out int length)
        {
            byte[] records = _records;
            length = 0;
            if ((records[slot * (records.Length / _expiries.Length) + FlagsAt] & ConfirmableFlag) == 0)
            {
                return -2;
            }

            byte[] cache = _cache;
            int used = _cacheUsed;
            for (int at = 0; at < used; at += CachedHeader + ((cache[at + 2] << 8) | cache[at + 3]))
            {
                if (((cache[at] << 8) | cache[at + 1]) == slot)
                {
                    length = (cache[at + 2] << 8) | cache[at + 3];
                    return at + CachedHeader;
                }
            }

            return -1;
        }

        // Keeps a copy of the entry's response, removing older ones until it fits; one larger than the
        // whole cache is not kept.
        private void Store(int slot, byte[] buffer, int offset, int length, long now)
        {
            if (length <= 0 || CachedHeader + length > _cache.Length)
            {
                return;
            }

            byte[] cache = _cache;
            if (_cacheUsed + CachedHeader + length > cache.Length)
            {
                int age = Age(now);
                while (_cacheUsed + CachedHeader + length > cache.Length)
                {
                    RemoveCached(Victim(age));
                }
            }

            int at = _cacheUsed;
            cache[at] = (byte)(slot >> 8);
            cache[at + 1] = (byte)slot;
            cache[at + 2] = (byte)(length >> 8);
            cache[at + 3] = (byte)length;
            System.Array.Copy(buffer, offset, cache, at + CachedHeader, length);
            _cacheUsed = at + CachedHeader + length;
            byte[] records = _records;
            records[slot * (records.Length / _expiries.Length) + FlagsAt] |= CachedFlag;
        }

        // The kept response to give up first (its header's offset): ended exchanges first, then by kind
        // of method, oldest first.
        private int Victim(int age)
        {
            // Headers and kinds read in place: this runs whenever the cache is full, most answers to a CON.
            byte[] cache = _cache;
            byte[] records = _records;
            int[] expiries = _expiries;
            int stride = records.Length / expiries.Length;
            int used = _cacheUsed;

            // The oldest kept response goes first when it answers a GET or an ended exchange (so a flood
            // of GETs never walks the cache); otherwise the cache is walked for the least valuable.
            int head = (cache[0] << 8) | cache[1];
            if (expiries[head] <= age || ((records[head * stride + FlagsAt] >> KindShift) & KindMask) == Safe)
            {
                return 0;
            }

            int victim = -1;
            int victimRank = 0;
            for (int at = 0; at < used; at += CachedHeader + ((cache[at + 2] << 8) | cache[at + 3]))
            {
                int slot = (cache[at] << 8) | cache[at + 1];
                int rank = expiries[slot] <= age ? -1 : (records[slot * stride + FlagsAt] >> KindShift) & KindMask;
                if (victim < 0 || rank < victimRank)
                {
                    victim = at;
                    victimRank = rank;
                }
            }

            return victim;
        }

        // Drops the response kept for the entry, if any.
        private void Release(int slot)
        {
            byte[] records = _records;
            if ((records[slot * (records.Length / _expiries.Length) + FlagsAt] & CachedFlag) == 0)
            {
                return;
            }

            int offset = FindCached(slot);
            if (offset >= 0)
            {
                RemoveCached(offset - CachedHeader);
            }
        }

        // Removes the kept response whose header is at at, closing the gap.
        private void RemoveCached(int at)
        {
            byte[] records = _records;
            int slot = (_cache[at] << 8) | _cache[at + 1];
            records[slot * (records.Length / _expiries.Length) + FlagsAt] &= unchecked((byte)~CachedFlag);
            int end = at + CachedHeader + CachedLengthAt(at);
            System.Array.Copy(_cache, end, _cache, at, _cacheUsed - end);
            _cacheUsed -= end - at;
        }

        private int CachedLengthAt(int at)
        {
            return (_cache[at + 2] << 8) | _cache[at + 3];
        }
    }
}
