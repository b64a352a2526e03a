namespace Coap.Micro
{
    /// <summary>
    /// Reads Uri-Query arguments ("key=value" or "key", one per option, RFC 7252 §5.10.1) in place,
    /// without allocating: a value is returned as an offset and length into the request buffer.
    /// </summary>
    public static class CoapQuery
    {
        /// <summary>Index of the first Uri-Query option whose key is <paramref name="key"/> (ASCII), or -1.</summary>
        public static int Find(CoapMessage request, string key)
        {
            for (int i = request.FindOption(CoapOption.UriQuery); i >= 0 && i < request.OptionCount && request.GetOptionNumber(i) == CoapOption.UriQuery; i++)
            {
                int offset = request.GetOptionOffset(i);
                int length = request.GetOptionLength(i);
                int keyLength = KeyLength(request.Buffer, offset, length);
                if (ByteCompare.EqualsAscii(request.Buffer, offset, keyLength, key))
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>
        /// Finds argument <paramref name="key"/> and gives its value's place in the request buffer
        /// (length 0 for "key" or "key="). False when the argument is absent.
        /// </summary>
        public static bool TryGetValue(CoapMessage request, string key, out int valueOffset, out int valueLength)
        {
            int index = Find(request, key);
            if (index < 0)
            {
                valueOffset = 0;
                valueLength = 0;
                return false;
            }

            int offset = request.GetOptionOffset(index);
            int length = request.GetOptionLength(index);
            int keyLength = KeyLength(request.Buffer, offset, length);
            int separator = keyLength < length ? 1 : 0;
            valueOffset = offset + keyLength + separator;
            valueLength = length - keyLength - separator;
            return true;
        }

        private static int KeyLength(byte[] buffer, int offset, int length)
        {
            for (int i = 0; i < length; i++)
            {
                if (buffer[offset + i] == (byte)'=')
                {
                    return i;
                }
            }

            return length;
        }
    }
}
