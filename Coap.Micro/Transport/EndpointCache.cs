namespace Coap.Micro
{
    /// <summary>
    /// The last few endpoints a transport sent to, by their bytes, so it can keep a platform object for
    /// each (nanoFramework: the IPEndPoint that SendTo needs, which costs an allocation to make) in a
    /// table beside this one and reuse it. A slot is found by its bytes; a new endpoint takes the slot
    /// used least recently. One byte array for the bytes, one int array for the use order.
    /// </summary>
    public sealed class EndpointCache
    {
        private readonly byte[] _bytes;
        private readonly int[] _lastUse;
        private readonly int _endpointLength;
        private int _uses;

        /// <summary><paramref name="slots"/> slots (at least 1) for endpoints of exactly <paramref name="endpointLength"/> bytes.</summary>
        public EndpointCache(int slots, int endpointLength)
        {
            if (slots < 1 || endpointLength < 1 || endpointLength > CoapEndpoint.MaxLength)
            {
                throw new System.ArgumentOutOfRangeException(slots < 1 ? "slots" : "endpointLength");
            }

            _endpointLength = endpointLength;
            _bytes = new byte[slots * endpointLength];
            _lastUse = new int[slots];
        }

        /// <summary>Number of slots.</summary>
        public int Capacity
        {
            get { return _lastUse.Length; }
        }

        /// <summary>The slot holding <paramref name="endpoint"/>, marked as just used; -1 when none does.</summary>
        public int Find(CoapEndpoint endpoint)
        {
            if (endpoint.Length != _endpointLength)
            {
                return -1;
            }

            for (int slot = 0; slot < _lastUse.Length; slot++)
            {
                if (_lastUse[slot] != 0 && ByteCompare.Equal(_bytes, slot * _endpointLength, _endpointLength, endpoint.Bytes, 0, _endpointLength))
                {
                    _lastUse[slot] = NextUse();
                    return slot;
                }
            }

            return -1;
        }

        /// <summary>
        /// Puts <paramref name="endpoint"/> in an empty slot, or the one used least recently, and returns
        /// it: the caller replaces what it kept for that slot. -1 when the endpoint has the wrong length.
        /// </summary>
        public int Add(CoapEndpoint endpoint)
        {
            if (endpoint.Length != _endpointLength)
            {
                return -1;
            }

            int oldest = 0;
            for (int slot = 1; slot < _lastUse.Length; slot++)
            {
                if (_lastUse[slot] < _lastUse[oldest])
                {
                    oldest = slot;
                }
            }

            System.Array.Copy(endpoint.Bytes, 0, _bytes, oldest * _endpointLength, _endpointLength);
            _lastUse[oldest] = NextUse();
            return oldest;
        }

        // Use stamps count up from 1 (0 marks an empty slot); at int.MaxValue every kept slot counts as
        // used equally long ago and the count starts again.
        private int NextUse()
        {
            if (_uses == int.MaxValue)
            {
                for (int slot = 0; slot < _lastUse.Length; slot++)
                {
                    _lastUse[slot] = _lastUse[slot] == 0 ? 0 : 1;
                }

                _uses = 1;
            }

            _uses++;
            return _uses;
        }
    }
}
