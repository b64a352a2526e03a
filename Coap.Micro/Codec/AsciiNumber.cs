namespace Coap.Micro
{
    /// <summary>Writes integers as ASCII digits into a byte buffer without allocating.</summary>
    public static class AsciiNumber
    {
        /// <summary>Writes <paramref name="value"/> at <paramref name="offset"/>; returns the digits written, 0 when it does not fit.</summary>
        public static int Write(long value, byte[] buffer, int offset)
        {
            bool negative = value < 0;
            ulong magnitude = negative ? (ulong)(-(value + 1)) + 1 : (ulong)value;
            int digits = 1;
            for (ulong v = magnitude; v >= 10; v /= 10)
            {
                digits++;
            }

            int length = digits + (negative ? 1 : 0);
            if (buffer == null || offset < 0 || offset + length > buffer.Length)
            {
                return 0;
            }

            if (negative)
            {
                buffer[offset] = (byte)'-';
            }

            for (int i = offset + length - 1; i >= offset + (negative ? 1 : 0); i--)
            {
                buffer[i] = (byte)('0' + (int)(magnitude % 10));
                magnitude /= 10;
            }

            return length;
        }
    }
}
