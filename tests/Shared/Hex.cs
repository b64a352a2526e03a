namespace ThermoDev.Tests
{
    /// <summary>Test vectors written as hex text ("40 01 30 39"); spaces are ignored.</summary>
    public static class Hex
    {
        /// <summary>Bytes of the hex text.</summary>
        public static byte[] Parse(string hex)
        {
            int digits = 0;
            for (int i = 0; i < hex.Length; i++)
            {
                if (hex[i] != ' ')
                {
                    digits++;
                }
            }

            byte[] bytes = new byte[digits / 2];
            int n = 0;
            int high = -1;
            for (int i = 0; i < hex.Length; i++)
            {
                if (hex[i] == ' ')
                {
                    continue;
                }

                int v = Digit(hex[i]);
                if (high < 0)
                {
                    high = v;
                }
                else
                {
                    bytes[n++] = (byte)((high << 4) | v);
                    high = -1;
                }
            }

            return bytes;
        }

        /// <summary>Hex text of a byte range, bytes separated by spaces.</summary>
        public static string Format(byte[] bytes, int offset, int count)
        {
            const string digits = "0123456789ABCDEF";
            char[] text = new char[count == 0 ? 0 : count * 3 - 1];
            for (int i = 0; i < count; i++)
            {
                byte b = bytes[offset + i];
                text[i * 3] = digits[b >> 4];
                text[i * 3 + 1] = digits[b & 0x0F];
                if (i + 1 < count)
                {
                    text[i * 3 + 2] = ' ';
                }
            }

            return new string(text);
        }

        private static int Digit(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            return c - 'A' + 10;
        }
    }
}
