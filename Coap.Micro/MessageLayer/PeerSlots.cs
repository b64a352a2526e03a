namespace Coap.Micro
{
    /// <summary>
    /// Who a table slot talks to: a remote endpoint and a token per slot, kept together in one byte
    /// array (on nanoFramework an object per slot would cost 12 bytes per field, and every array a
    /// 20-byte header). One instance serves both tables that answer a peer later: the observers take
    /// the first slots, the separate responses the last ones (as in the retransmission table).
    /// </summary>
    /// <remarks>
    /// A slot is laid out as: endpoint length, token length, the endpoint (the transport's longest
    /// encoding), the token (8 bytes, RFC 7252 §3).
    /// </remarks>
    internal sealed class PeerSlots
    {
        private readonly byte[] _slots;
        private readonly int _endpointCapacity;

        /// <summary>
        /// The server's OSCORE protection (RFC 8613), or null: it learns of every slot a request takes, and so
        /// which slots answer a protected request. Kept here rather than in the message layer, which reads it
        /// from here: on nanoCLR every field of every object costs 12 bytes, with or without OSCORE.
        /// </summary>
        internal ICoapMessageSecurity _security;

        /// <summary><paramref name="capacity"/> slots for endpoints of up to <paramref name="endpointCapacity"/> bytes.</summary>
        internal PeerSlots(int capacity, int endpointCapacity)
        {
            _endpointCapacity = endpointCapacity;
            _slots = new byte[capacity * (2 + endpointCapacity + CoapMessage.MaxTokenLength)];
        }

        /// <summary>Number of slots.</summary>
        internal int Capacity
        {
            get { return _slots.Length / (2 + _endpointCapacity + CoapMessage.MaxTokenLength); }
        }

        /// <summary>The bytes of all slots: the array <see cref="TokenOffset"/> points into.</summary>
        internal byte[] Tokens
        {
            get { return _slots; }
        }

        /// <summary>Keeps <paramref name="endpoint"/> and the token of <paramref name="request"/> in <paramref name="slot"/>.</summary>
        internal void Set(int slot, CoapEndpoint endpoint, CoapMessage request)
        {
            int at = Start(slot);
            int length = endpoint.Length <= _endpointCapacity ? endpoint.Length : 0;
            _slots[at] = (byte)length;
            _slots[at + 1] = (byte)request.TokenLength;
            System.Array.Copy(endpoint.Bytes, 0, _slots, at + 2, length);
            request.CopyToken(_slots, at + 2 + _endpointCapacity);
            ICoapMessageSecurity security = _security;
            if (security != null)
            {
                security.Take(slot, request._protected);
            }
        }

        /// <summary>True when <paramref name="slot"/> holds <paramref name="endpoint"/>.</summary>
        internal bool IsFrom(int slot, CoapEndpoint endpoint)
        {
            int at = Start(slot);
            return ByteCompare.Equal(_slots, at + 2, _slots[at], endpoint.Bytes, 0, endpoint.Length);
        }

        /// <summary>True when <paramref name="slot"/> holds <paramref name="endpoint"/> and the token of <paramref name="request"/>.</summary>
        internal bool Matches(int slot, CoapEndpoint endpoint, CoapMessage request)
        {
            return IsFrom(slot, endpoint)
                && ByteCompare.Equal(_slots, TokenOffset(slot), TokenLength(slot), request.Buffer, request.TokenOffset, request.TokenLength);
        }

        /// <summary>Copies the endpoint of <paramref name="slot"/> into <paramref name="endpoint"/>.</summary>
        internal void CopyEndpoint(int slot, CoapEndpoint endpoint)
        {
            int at = Start(slot);
            endpoint.Set(_slots, at + 2, _slots[at]);
        }

        /// <summary>Where the token of <paramref name="slot"/> starts in <see cref="Tokens"/>.</summary>
        internal int TokenOffset(int slot)
        {
            return Start(slot) + 2 + _endpointCapacity;
        }

        /// <summary>Length of the token of <paramref name="slot"/>.</summary>
        internal int TokenLength(int slot)
        {
            return _slots[Start(slot) + 1];
        }

        private int Start(int slot)
        {
            return slot * (2 + _endpointCapacity + CoapMessage.MaxTokenLength);
        }
    }
}
