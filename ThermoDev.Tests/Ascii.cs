namespace ThermoDev.Tests
{
    /// <summary>Test text as ASCII bytes and back, without System.Text (not in the nanoFramework mscorlib).</summary>
    public static class Ascii
    {
        /// <summary>The characters of <paramref name="text"/> as bytes (each below 128).</summary>
        public static byte[] Bytes(string text)
        {
            byte[] bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                bytes[i] = (byte)text[i];
            }

            return bytes;
        }

        /// <summary>A byte range as a string, one character per byte.</summary>
        public static string Text(byte[] bytes, int offset, int count)
        {
            char[] text = new char[count];
            for (int i = 0; i < count; i++)
            {
                text[i] = (char)bytes[offset + i];
            }

            return new string(text);
        }
    }
}
