namespace Coap.Micro
{
    /// <summary>
    /// The value of a Block1 or Block2 option (RFC 7959 §2.2): a uint of 0-3 bytes holding the block
    /// number NUM, the more flag M and the size exponent SZX.
    /// <code>
    ///   0 1 2 3 4 5 6 7 8 ...
    ///  +-+-+-+-+-+-+-+-+-+-
    ///  |  NUM  |M| SZX |        (the last byte; NUM takes every bit before M)
    ///  +-+-+-+-+-+-+-+-+-+-
    /// </code>
    /// The block size is 2^(SZX + 4) bytes, 16 to 1024; SZX 7 is reserved (a value with it is not
    /// usable, RFC 7959 §2.2) and NUM has at most 20 bits.
    /// </summary>
    public static class BlockOption
    {
        /// <summary>Largest usable size exponent: 1024-byte blocks.</summary>
        public const int MaxSzx = 6;

        /// <summary>Largest block number a 3-byte value holds.</summary>
        public const int MaxNum = 0xFFFFF;

        /// <summary>The block size of <paramref name="szx"/>: 2^(szx + 4) bytes.</summary>
        public static int SizeOf(int szx)
        {
            return 16 << szx;
        }

        /// <summary>The size exponent of a block size 16..1024 that is a power of two, or -1.</summary>
        public static int SzxOf(int size)
        {
            for (int szx = 0; szx <= MaxSzx; szx++)
            {
                if (SizeOf(szx) == size)
                {
                    return szx;
                }
            }

            return -1;
        }

        /// <summary>The option value for block <paramref name="num"/> of size exponent <paramref name="szx"/>, more when <paramref name="more"/>.</summary>
        public static uint Encode(int num, bool more, int szx)
        {
            return ((uint)num << 4) | (more ? 0x08u : 0u) | (uint)(szx & 0x07);
        }

        /// <summary>The block number of an option value.</summary>
        public static int NumOf(uint value)
        {
            return (int)(value >> 4);
        }

        /// <summary>True when the option value says more blocks follow.</summary>
        public static bool MoreOf(uint value)
        {
            return (value & 0x08) != 0;
        }

        /// <summary>The size exponent of an option value.</summary>
        public static int SzxOf(uint value)
        {
            return (int)(value & 0x07);
        }

        /// <summary>
        /// Reads option <paramref name="number"/> (Block1 or Block2) of <paramref name="message"/>.
        /// False when it is absent or not usable: longer than 3 bytes, or SZX 7.
        /// </summary>
        public static bool TryRead(CoapMessage message, int number, out uint value)
        {
            value = 0;
            int index = message.FindOption(number);
            return index >= 0 && IsUsable(message, index) && message.TryGetUInt(index, out value);
        }

        /// <summary>True when a Block1 or Block2 option of <paramref name="message"/> has the reserved SZX 7 (RFC 7959 §2.2).</summary>
        public static bool HasReservedSzx(CoapMessage message)
        {
            // Both are found in the message's known slots.
            ushort[] options = message._options;
            return IsReserved(message, options[CoapMessage.Block2At] - 1) || IsReserved(message, options[CoapMessage.Block1At] - 1);
        }

        // True when the option at index (-1: absent) is 1-3 bytes long with SZX 7.
        private static bool IsReserved(CoapMessage message, int index)
        {
            if (index < 0)
            {
                return false;
            }

            ushort[] options = message._options;
            int at = CoapMessage.IndexStart + index * CoapMessage.IndexStride;
            int length = options[at + 2];
            return length > 0 && length <= 3 && (message._buffer[message._offset + options[at + 1] + length - 1] & 0x07) == 0x07;
        }

        /// <summary>True when the Block option at <paramref name="index"/> is 0-3 bytes long and its SZX is not the reserved 7.</summary>
        public static bool IsUsable(CoapMessage message, int index)
        {
            ushort[] options = message._options;
            int at = CoapMessage.IndexStart + index * CoapMessage.IndexStride;
            int length = options[at + 2];
            if (length > 3)
            {
                return false;
            }

            return length == 0 || (message._buffer[message._offset + options[at + 1] + length - 1] & 0x07) != 0x07;
        }
    }
}
