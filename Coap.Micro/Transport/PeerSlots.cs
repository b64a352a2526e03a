namespace Coap.Micro
{
    /// <summary>
    /// Who a table slot talks to: a remote endpoint and a token per slot, kept as slices of two byte
    /// arrays (on nanoFramework an object per slot would cost 12 bytes per field). Used by the tables
    /// that answer a peer later: observers and separate responses.
    /// </summary>
    internal sealed class PeerSlots
    {
        private readonly byte[] _endpoints;
        private readonly byte[] _endpointLengths;
        private readonly byte[] _tokens;
        private readonly byte[] _tokenLengths;

        internal PeerSlots(int capacity)
        {
            _endpoints = new byte[capacity * CoapEndpoint.MaxLength];
            _endpointLengths = new byte[capacity];
            _tokens = new byte[capacity * CoapMessage.MaxTokenLength];
            _tokenLengths = new byte[capacity];
        }

        /// <summary>The token bytes of all slots.</summary>
        internal byte[] Tokens
        {
            get { return _tokens; }
        }

        /// <summary>Keeps <paramref name="endpoint"/> and the token of <paramref name="request"/> in <paramref name="slot"/>.</summary>
        internal void Set(int slot, CoapEndpoint endpoint, CoapMessage request)
        {
            System.Array.Copy(endpoint.Bytes, 0, _endpoints, slot * CoapEndpoint.MaxLength, endpoint.Length);
            _endpointLengths[slot] = (byte)endpoint.Length;
            request.CopyToken(_tokens, slot * CoapMessage.MaxTokenLength);
            _tokenLengths[slot] = (byte)request.TokenLength;
        }

        /// <summary>True when <paramref name="slot"/> holds <paramref name="endpoint"/>.</summary>
        internal bool IsFrom(int slot, CoapEndpoint endpoint)
        {
            return ByteCompare.Equal(_endpoints, slot * CoapEndpoint.MaxLength, _endpointLengths[slot], endpoint.Bytes, 0, endpoint.Length);
        }

        /// <summary>True when <paramref name="slot"/> holds <paramref name="endpoint"/> and the token of <paramref name="request"/>.</summary>
        internal bool Matches(int slot, CoapEndpoint endpoint, CoapMessage request)
        {
            return IsFrom(slot, endpoint)
                && ByteCompare.Equal(_tokens, TokenOffset(slot), _tokenLengths[slot], request.Buffer, request.TokenOffset, request.TokenLength);
        }

        /// <summary>Copies the endpoint of <paramref name="slot"/> into <paramref name="endpoint"/>.</summary>
        internal void CopyEndpoint(int slot, CoapEndpoint endpoint)
        {
            endpoint.Set(_endpoints, slot * CoapEndpoint.MaxLength, _endpointLengths[slot]);
        }

        /// <summary>Where the token of <paramref name="slot"/> starts in <see cref="Tokens"/>.</summary>
        internal int TokenOffset(int slot)
        {
            return slot * CoapMessage.MaxTokenLength;
        }

        /// <summary>Length of the token of <paramref name="slot"/>.</summary>
        internal int TokenLength(int slot)
        {
            return _tokenLengths[slot];
        }
    }
}
