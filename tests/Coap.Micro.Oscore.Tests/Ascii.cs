namespace ThermoDev.Tests.Oscore
{
    /// <summary>Test messages given as ASCII text, without System.Text (not in the nanoFramework mscorlib).</summary>
    public static class Ascii
    {
        /// <summary>One byte per character.</summary>
        public static byte[] Bytes(string text)
        {
            byte[] bytes = new byte[text.Length];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)text[i];
            }

            return bytes;
        }

        /// <summary>count copies of value.</summary>
        public static byte[] Repeat(byte value, int count)
        {
            byte[] bytes = new byte[count];
            for (int i = 0; i < count; i++)
            {
                bytes[i] = value;
            }

            return bytes;
        }

        /// <summary>The bytes first, first + 1, ... (count of them).</summary>
        public static byte[] Counting(int first, int count)
        {
            byte[] bytes = new byte[count];
            for (int i = 0; i < count; i++)
            {
                bytes[i] = (byte)(first + i);
            }

            return bytes;
        }
    }
}
