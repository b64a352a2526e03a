namespace ThermoDev.Text
{
    /// <summary>
    /// The few CBOR items SenML needs (RFC 8949 §3): data item heads, text strings and float64.
    /// Callers check that the bytes fit before writing.
    /// </summary>
    internal static class CborEncoding
    {
        /// <summary>Major type 3: a UTF-8 text string (RFC 8949 §3.1).</summary>
        public const int MajorTextString = 3;

        /// <summary>Major type 4: an array of data items.</summary>
        public const int MajorArray = 4;

        /// <summary>Major type 5: a map of pairs of data items.</summary>
        public const int MajorMap = 5;

        /// <summary>Length of a float64 item: initial byte 0xFB and the 8 bytes of the double (RFC 8949 §3.3).</summary>
        public const int Float64Length = 9;

        private const int Float64InitialByte = (7 << 5) | 27;

        /// <summary>Bytes of a head with <paramref name="argument"/>: 1 below 24, then 2, 3 or 5 (RFC 8949 §3).</summary>
        public static int HeadLength(int argument)
        {
            if (argument < 24)
            {
                return 1;
            }

            if (argument <= 0xFF)
            {
                return 2;
            }

            return argument <= 0xFFFF ? 3 : 5;
        }

        /// <summary>Writes a head of <paramref name="majorType"/> with a non-negative <paramref name="argument"/> in its shortest form; returns the next offset.</summary>
        public static int WriteHead(int majorType, int argument, byte[] destination, int offset)
        {
            int initial = majorType << 5;
            if (argument < 24)
            {
                destination[offset] = (byte)(initial | argument);
                return offset + 1;
            }

            int argumentBytes = argument <= 0xFF ? 1 : (argument <= 0xFFFF ? 2 : 4);

            // Additional information 24, 25, 26: a 1-, 2- or 4-byte argument follows, big-endian.
            destination[offset++] = (byte)(initial | (argumentBytes == 1 ? 24 : (argumentBytes == 2 ? 25 : 26)));
            for (int i = argumentBytes - 1; i >= 0; i--)
            {
                destination[offset++] = (byte)(argument >> (8 * i));
            }

            return offset;
        }

        /// <summary>Writes <paramref name="ascii"/> as a text string (ASCII is UTF-8); returns the next offset.</summary>
        public static int WriteTextString(byte[] ascii, byte[] destination, int offset)
        {
            offset = WriteHead(MajorTextString, ascii.Length, destination, offset);
            System.Array.Copy(ascii, 0, destination, offset, ascii.Length);
            return offset + ascii.Length;
        }

        /// <summary>Writes a float64 (major type 7, additional information 27) of <paramref name="bits"/>, big-endian; returns the next offset.</summary>
        public static int WriteFloat64(long bits, byte[] destination, int offset)
        {
            destination[offset++] = (byte)Float64InitialByte;
            for (int shift = 56; shift >= 0; shift -= 8)
            {
                destination[offset++] = (byte)(bits >> shift);
            }

            return offset;
        }
    }
}
