namespace Coap.Micro
{
    /// <summary>Allocation-free comparisons of byte ranges.</summary>
    public static class ByteCompare
    {
        /// <summary>True when both ranges have the same length and bytes.</summary>
        public static bool Equal(byte[] a, int aOffset, int aLength, byte[] b, int bOffset, int bLength)
        {
            if (aLength != bLength)
            {
                return false;
            }

            for (int i = 0; i < aLength; i++)
            {
                if (a[aOffset + i] != b[bOffset + i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>True when the range holds exactly the ASCII characters of <paramref name="ascii"/>.</summary>
        public static bool EqualsAscii(byte[] a, int aOffset, int aLength, string ascii)
        {
            if (ascii == null || ascii.Length != aLength)
            {
                return false;
            }

            for (int i = 0; i < aLength; i++)
            {
                char c = ascii[i];
                if (c > 0x7F || a[aOffset + i] != (byte)c)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
