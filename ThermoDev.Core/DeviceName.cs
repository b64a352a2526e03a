using System;

namespace ThermoDev
{
    /// <summary>
    /// The name a ThermoDev goes by: shown in discovery as the title of its &lt;/temp&gt; link (RFC 6690 §3.1
    /// "title"), so a multicast GET of /.well-known/core tells the boards apart, and printed at start-up. It is
    /// kept to what an RFC 9176 endpoint name (ep) and a host name can both be: 1 to 63 letters, digits,
    /// '-', '_' or '.'.
    /// </summary>
    public static class DeviceName
    {
        /// <summary>Longest name (RFC 9176 limits an endpoint name to 63 bytes).</summary>
        public const int MaxLength = 63;

        /// <summary>What every default name starts with.</summary>
        public const string Prefix = "thermodev-";

        // Text kept in fields, read by the method at start-up (a literal allocates each time it is evaluated).
        private static readonly string PrefixText = Prefix;
        private static readonly string Fallback = "thermodev";
        private static readonly string HexDigits = "0123456789abcdef";

        /// <summary>True when <paramref name="name"/> is 1 to <see cref="MaxLength"/> letters, digits, '-', '_' or '.'.</summary>
        public static bool IsValid(string name)
        {
            if (name == null || name.Length == 0 || name.Length > MaxLength)
            {
                return false;
            }

            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
                if (!allowed)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// A board's default name: <see cref="Prefix"/> and the last three bytes of its network interface's
        /// hardware (MAC) address in hex, "thermodev-a1b2c3", as stable as the board and unique on its network.
        /// Without an address of at least three bytes, "thermodev".
        /// </summary>
        public static string FromHardwareAddress(byte[] address)
        {
            if (address == null || address.Length < 3)
            {
                return Fallback;
            }

            string prefix = PrefixText;
            char[] name = new char[prefix.Length + 6];
            for (int i = 0; i < prefix.Length; i++)
            {
                name[i] = prefix[i];
            }

            string hex = HexDigits;
            for (int i = 0; i < 3; i++)
            {
                int b = address[address.Length - 3 + i];
                name[prefix.Length + 2 * i] = hex[b >> 4];
                name[prefix.Length + 2 * i + 1] = hex[b & 0x0F];
            }

            return new string(name);
        }
    }
}
