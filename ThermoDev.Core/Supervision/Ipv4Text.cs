namespace ThermoDev.Supervision
{
    /// <summary>An IPv4 address held as an int, first octet in the lowest byte, written as dotted decimal.</summary>
    public static class Ipv4Text
    {
        /// <summary>Bytes <see cref="Write"/> takes for <paramref name="address"/> (7 to 15).</summary>
        public static int Length(int address)
        {
            int length = 3;
            for (int shift = 0; shift < 32; shift += 8)
            {
                int octet = (address >> shift) & 0xFF;
                length += octet >= 100 ? 3 : octet >= 10 ? 2 : 1;
            }

            return length;
        }

        /// <summary>Writes "a.b.c.d" at <paramref name="offset"/>; returns the next offset.</summary>
        public static int Write(int address, byte[] destination, int offset)
        {
            for (int shift = 0; shift < 32; shift += 8)
            {
                if (shift > 0)
                {
                    destination[offset++] = (byte)'.';
                }

                int octet = (address >> shift) & 0xFF;
                if (octet >= 100)
                {
                    destination[offset++] = (byte)('0' + octet / 100);
                }

                if (octet >= 10)
                {
                    destination[offset++] = (byte)('0' + octet / 10 % 10);
                }

                destination[offset++] = (byte)('0' + octet % 10);
            }

            return offset;
        }

        /// <summary>"a.b.c.d", for log lines (allocates).</summary>
        public static string Format(int address)
        {
            byte[] text = new byte[15];
            int length = Write(address, text, 0);
            char[] chars = new char[length];
            for (int i = 0; i < length; i++)
            {
                chars[i] = (char)text[i];
            }

            return new string(chars);
        }
    }
}
