namespace Coap.Micro
{
    /// <summary>
    /// Recently answered requests by (endpoint, Message ID) with their type and the response sent, so
    /// a duplicate is processed only once (RFC 7252 §4.5). A fixed number of slots; when all are live
    /// the entry closest to its end of life is replaced (a NON, whose lifetime is shorter, before a CON
    /// of the same age).
    /// </summary>
    internal sealed class DeduplicationTable
    {
        private readonly CoapEndpoint[] _endpoints;
        private readonly int[] _messageIds;
        private readonly bool[] _confirmable;
        private readonly long[] _expires;
        private readonly bool[] _used;
        private readonly byte[][] _responses;
        private readonly int[] _responseLengths;

        /// <summary>Creates <paramref name="entries"/> slots, each able to keep a response of <paramref name="maxResponseSize"/> bytes.</summary>
        public DeduplicationTable(int entries, int maxResponseSize)
        {
            if (entries < 1)
            {
                entries = 1;
            }

            _endpoints = new CoapEndpoint[entries];
            _messageIds = new int[entries];
            _confirmable = new bool[entries];
            _expires = new long[entries];
            _used = new bool[entries];
            _responses = new byte[entries][];
            _responseLengths = new int[entries];
            for (int i = 0; i < entries; i++)
            {
                _endpoints[i] = new CoapEndpoint();
                _responses[i] = new byte[maxResponseSize];
            }
        }

        /// <summary>Number of slots.</summary>
        public int Capacity
        {
            get { return _used.Length; }
        }

        /// <summary>Live entries replaced before their lifetime ended because the table was full.</summary>
        public int Evictions { get; private set; }

        /// <summary>Entries still within their lifetime at <paramref name="now"/>.</summary>
        public int CountLive(long now)
        {
            int count = 0;
            for (int i = 0; i < _used.Length; i++)
            {
                if (_used[i] && _expires[i] > now)
                {
                    count++;
                }
            }

            return count;
        }

        /// <summary>Slot of a live entry for (endpoint, Message ID), or -1.</summary>
        public int Find(CoapEndpoint endpoint, int messageId, long now)
        {
            for (int i = 0; i < _used.Length; i++)
            {
                if (!_used[i])
                {
                    continue;
                }

                if (_expires[i] <= now)
                {
                    _used[i] = false;
                    continue;
                }

                if (_messageIds[i] == messageId && _endpoints[i].SameAs(endpoint))
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Remembers (endpoint, Message ID, type) for <paramref name="lifetime"/> ms, with no response yet; returns its slot.</summary>
        public int Add(CoapEndpoint endpoint, int messageId, bool confirmable, long now, int lifetime)
        {
            int slot = -1;
            int soonest = 0;
            for (int i = 0; i < _used.Length; i++)
            {
                if (!_used[i] || _expires[i] <= now)
                {
                    slot = i;
                    break;
                }

                if (_expires[i] < _expires[soonest])
                {
                    soonest = i;
                }
            }

            if (slot < 0)
            {
                slot = soonest;
                Evictions++;
            }

            _used[slot] = true;
            _endpoints[slot].CopyFrom(endpoint);
            _messageIds[slot] = messageId;
            _confirmable[slot] = confirmable;
            _expires[slot] = now + lifetime;
            _responseLengths[slot] = 0;
            return slot;
        }

        /// <summary>True when the entry was a CON.</summary>
        public bool IsConfirmable(int slot)
        {
            return _confirmable[slot];
        }

        /// <summary>Keeps the response sent for the entry (0 bytes: nothing was sent).</summary>
        public void StoreResponse(int slot, byte[] buffer, int offset, int length)
        {
            byte[] target = _responses[slot];
            if (length < 0 || length > target.Length)
            {
                length = 0;
            }

            System.Array.Copy(buffer, offset, target, 0, length);
            _responseLengths[slot] = length;
        }

        /// <summary>The response kept for the entry.</summary>
        public byte[] GetResponse(int slot)
        {
            return _responses[slot];
        }

        /// <summary>Length of the response kept for the entry; 0 when none was sent.</summary>
        public int GetResponseLength(int slot)
        {
            return _responseLengths[slot];
        }
    }
}
