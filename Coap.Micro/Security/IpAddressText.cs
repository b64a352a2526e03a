namespace Coap.Micro
{
    /// <summary>
    /// IP addresses written as text, read into bytes without System.Net (Coap.Micro depends on mscorlib
    /// only). IPv4 in dotted decimal, "192.168.1.20": four numbers 0-255 without leading zeros (so
    /// "010" cannot be taken for octal). IPv6 as RFC 4291 §2.2 writes it: eight groups of one to four hex
    /// digits, "::" once for a run of zero groups, and optionally an IPv4 address in dotted decimal for the
    /// last 32 bits ("::ffff:192.168.1.20"). Zone indexes ("fe80::1%eth0") are not addresses here.
    /// </summary>
    public static class IpAddressText
    {
        /// <summary>Bytes of an IPv4 address.</summary>
        public const int IPv4Length = 4;

        /// <summary>Bytes of an IPv6 address.</summary>
        public const int IPv6Length = 16;

        /// <summary>
        /// Reads the characters of <paramref name="text"/> from <paramref name="start"/> up to (not
        /// including) <paramref name="end"/> into <paramref name="address"/> (at least 16 bytes). Returns 4
        /// for IPv4, 16 for IPv6, or 0 when they are not an address.
        /// </summary>
        public static int Parse(string text, int start, int end, byte[] address)
        {
            if (text == null || address == null || address.Length < IPv6Length || start < 0 || end > text.Length || start >= end)
            {
                return 0;
            }

            for (int i = start; i < end; i++)
            {
                if (text[i] == ':')
                {
                    return ParseIPv6(text, start, end, address) ? IPv6Length : 0;
                }
            }

            return ParseIPv4(text, start, end, address, 0) ? IPv4Length : 0;
        }

        // Four dotted decimal numbers into address[at..at+3].
        private static bool ParseIPv4(string text, int start, int end, byte[] address, int at)
        {
            int part = 0;
            int i = start;
            while (true)
            {
                int digits = 0;
                int value = 0;
                while (i < end && text[i] >= '0' && text[i] <= '9' && digits < 4)
                {
                    value = (value * 10) + (text[i] - '0');
                    digits++;
                    i++;
                }

                if (digits == 0 || digits > 3 || value > 255 || (digits > 1 && text[i - digits] == '0'))
                {
                    return false;
                }

                address[at + part] = (byte)value;
                part++;
                if (part == IPv4Length)
                {
                    return i == end;
                }

                if (i == end || text[i] != '.')
                {
                    return false;
                }

                i++;
            }
        }

        // RFC 4291 §2.2: x:x:x:x:x:x:x:x, "::" for zero groups (once), x:x:x:x:x:x:d.d.d.d.
        private static bool ParseIPv6(string text, int start, int end, byte[] address)
        {
            int groups = 0;
            int gap = -1;
            int i = start;
            if (text[i] == ':')
            {
                if (end - start < 2 || text[i + 1] != ':')
                {
                    return false;
                }

                gap = 0;
                i += 2;
            }

            while (i < end)
            {
                int groupStart = i;
                int value = 0;
                int digits = 0;
                while (i < end && digits <= 4 && HexValue(text[i]) >= 0)
                {
                    value = (value << 4) | HexValue(text[i]);
                    digits++;
                    i++;
                }

                if (i < end && text[i] == '.')
                {
                    // The last 32 bits in dotted decimal: two groups.
                    if (groups > 6 || !ParseIPv4(text, groupStart, end, address, 2 * groups))
                    {
                        return false;
                    }

                    groups += 2;
                    break;
                }

                if (digits == 0 || digits > 4 || groups == 8)
                {
                    return false;
                }

                address[2 * groups] = (byte)(value >> 8);
                address[(2 * groups) + 1] = (byte)value;
                groups++;
                if (i == end)
                {
                    break;
                }

                if (text[i] != ':' || i + 1 == end)
                {
                    return false;
                }

                i++;
                if (text[i] == ':')
                {
                    if (gap >= 0)
                    {
                        return false;
                    }

                    gap = groups;
                    i++;
                }
            }

            if (gap < 0)
            {
                return groups == 8;
            }

            if (groups > 7)
            {
                return false;
            }

            // Move the groups after "::" to the end and zero the run between.
            int after = groups - gap;
            for (int k = after - 1; k >= 0; k--)
            {
                int from = 2 * (gap + k);
                int to = 2 * (8 - after + k);
                address[to] = address[from];
                address[to + 1] = address[from + 1];
            }

            for (int b = 2 * gap; b < 2 * (8 - after); b++)
            {
                address[b] = 0;
            }

            return true;
        }

        private static int HexValue(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        }
    }
}
