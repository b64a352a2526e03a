namespace ThermoDev.Tests
{
    /// <summary>Bytes as test text, without System.Text (not in the nanoFramework mscorlib).</summary>
    public static class TestText
    {
        /// <summary>A byte range as a string, one character per byte.</summary>
        public static string Of(byte[] bytes, int offset, int count)
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
