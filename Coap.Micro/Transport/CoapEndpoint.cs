namespace Coap.Micro
{
    /// <summary>
    /// A remote endpoint stored by value as the bytes its transport uses for it (for example IPv4
    /// address and port, or a socket address). Endpoints are compared byte for byte; table slots
    /// own one each, so keeping an endpoint never allocates.
    /// </summary>
    public sealed class CoapEndpoint
    {
        /// <summary>Largest encoding a transport may use (an IPv6 socket address fits).</summary>
        public const int MaxLength = 32;

        // Read in place by the server's tables on every datagram (a property read is a call on nanoFramework).
        internal readonly byte[] _bytes;
        internal int _length;

        /// <summary>An unset endpoint able to hold any encoding up to <see cref="MaxLength"/> bytes.</summary>
        public CoapEndpoint()
            : this(MaxLength)
        {
        }

        /// <summary>An unset endpoint able to hold encodings of up to <paramref name="capacity"/> bytes (1..<see cref="MaxLength"/>).</summary>
        public CoapEndpoint(int capacity)
        {
            if (capacity < 1 || capacity > MaxLength)
            {
                throw new System.ArgumentOutOfRangeException("capacity");
            }

            _bytes = new byte[capacity];
        }

        /// <summary>Number of bytes in use; 0 for an unset endpoint.</summary>
        public int Length
        {
            get { return _length; }
        }

        /// <summary>Longest encoding this endpoint can hold.</summary>
        public int Capacity
        {
            get { return _bytes.Length; }
        }

        /// <summary>The encoded endpoint (first <see cref="Length"/> bytes).</summary>
        public byte[] Bytes
        {
            get { return _bytes; }
        }

        /// <summary>Sets the endpoint from encoded bytes; false (and unset) when longer than <see cref="Capacity"/>.</summary>
        public bool Set(byte[] source, int offset, int length)
        {
            if (source == null || length < 0 || length > _bytes.Length || offset < 0 || offset > source.Length - length)
            {
                _length = 0;
                return false;
            }

            System.Array.Copy(source, offset, _bytes, 0, length);
            _length = length;
            return true;
        }

        /// <summary>
        /// Sets how many bytes of <see cref="Bytes"/> are in use, for transports that write the bytes
        /// in place; false (and unset) when out of range.
        /// </summary>
        public bool SetLength(int length)
        {
            if (length < 0 || length > _bytes.Length)
            {
                _length = 0;
                return false;
            }

            _length = length;
            return true;
        }

        /// <summary>Makes this endpoint a copy of <paramref name="other"/>; unset when it does not fit.</summary>
        public void CopyFrom(CoapEndpoint other)
        {
            Set(other._bytes, 0, other._length);
        }

        /// <summary>True when both hold the same bytes.</summary>
        public bool SameAs(CoapEndpoint other)
        {
            return other != null && ByteCompare.Equal(_bytes, 0, _length, other._bytes, 0, other._length);
        }

        /// <summary>Forgets the endpoint.</summary>
        public void Clear()
        {
            _length = 0;
        }
    }
}
