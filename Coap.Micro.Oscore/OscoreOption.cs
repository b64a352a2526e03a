namespace Coap.Micro.Oscore
{
    /// <summary>
    /// The OSCORE option's value (RFC 8613 §6.1): a flag byte (bits 0-2 n, the Partial IV length; bit 3 k, kid
    /// present; bit 4 h, kid context present; bits 5-7 reserved), then n bytes of Partial IV, then, when h, a length
    /// byte s and s bytes of kid context, then the kid (the rest of the value). An empty value has no flags at all.
    /// <see cref="Encode"/> writes one; <see cref="Parse"/> reads one into this object's fields, which point into
    /// the parsed bytes (nothing is copied or allocated).
    /// </summary>
    public sealed class OscoreOption
    {
        /// <summary>The CoAP option number of OSCORE (RFC 8613 §2).</summary>
        public const int Number = 9;

        /// <summary>The longest Partial IV (RFC 8613 §6.1: n 6 and 7 are reserved).</summary>
        public const int MaxPartialIvLength = 5;

        /// <summary>The longest kid context (one length byte s).</summary>
        public const int MaxKidContextLength = 255;

        private const int KidFlag = 0x08;
        private const int KidContextFlag = 0x10;
        private const int ReservedFlags = 0xE0;

        internal int partialIvOffset;
        internal int partialIvLength;
        internal int kidContextOffset;
        internal int kidContextLength;
        internal int kidOffset;
        internal int kidLength;

        /// <summary>Where the Partial IV starts in the parsed bytes.</summary>
        public int PartialIvOffset
        {
            get { return partialIvOffset; }
        }

        /// <summary>The Partial IV's length, 0 when there is none.</summary>
        public int PartialIvLength
        {
            get { return partialIvLength; }
        }

        /// <summary>Where the kid context starts in the parsed bytes.</summary>
        public int KidContextOffset
        {
            get { return kidContextOffset; }
        }

        /// <summary>The kid context's length, -1 when there is none (0 is an empty one).</summary>
        public int KidContextLength
        {
            get { return kidContextLength; }
        }

        /// <summary>Where the kid starts in the parsed bytes.</summary>
        public int KidOffset
        {
            get { return kidOffset; }
        }

        /// <summary>The kid's length, -1 when there is none (0 is an empty kid).</summary>
        public int KidLength
        {
            get { return kidLength; }
        }

        /// <summary>
        /// Reads an OSCORE option value. False when it is malformed, what RFC 8613 §8.2 step 2 and §8.4 step 2 answer
        /// with 4.02 (Bad Option): a reserved flag bit set, n 6 or 7, or a Partial IV or kid context past the end.
        /// </summary>
        public bool Parse(byte[] value, int offset, int length)
        {
            partialIvOffset = offset;
            partialIvLength = 0;
            kidContextOffset = offset;
            kidContextLength = -1;
            kidOffset = offset;
            kidLength = -1;
            if (length == 0)
            {
                return true;
            }

            int flags = value[offset];
            int n = flags & 0x07;
            if ((flags & ReservedFlags) != 0 || n > MaxPartialIvLength)
            {
                return false;
            }

            int end = offset + length;
            int position = offset + 1 + n;
            if (position > end)
            {
                return false;
            }

            partialIvOffset = offset + 1;
            partialIvLength = n;
            if ((flags & KidContextFlag) != 0)
            {
                if (position >= end)
                {
                    return false;
                }

                int s = value[position];
                position++;
                if (position + s > end)
                {
                    return false;
                }

                kidContextOffset = position;
                kidContextLength = s;
                position += s;
            }

            if ((flags & KidFlag) != 0)
            {
                kidOffset = position;
                kidLength = end - position;
            }
            else if (position != end)
            {
                // Bytes after the last field with no kid flag to own them.
                return false;
            }

            return true;
        }

        /// <summary>
        /// The Partial IV as a number (big-endian), from the bytes last parsed.
        /// </summary>
        public long PartialIv(byte[] value)
        {
            return ReadPartialIv(value, partialIvOffset, partialIvLength);
        }

        /// <summary>
        /// Writes an OSCORE option value at output[offset] and returns its length: partialIv -1 for none (else
        /// 0 to 2^40-1, in the fewest bytes, 0 as one zero byte: RFC 8613 §6.1), kidContextLength -1 for none,
        /// kidLength -1 for none. All fields absent give the empty value.
        /// </summary>
        public static int Encode(long partialIv, byte[] kidContext, int kidContextOffset, int kidContextLength,
            byte[] kid, int kidOffset, int kidLength, byte[] output, int offset)
        {
            if (kidContextLength > MaxKidContextLength || partialIv > OscoreSecurityContext.MaxPartialIv)
            {
                throw new System.ArgumentOutOfRangeException("kidContextLength");
            }

            if (partialIv < 0 && kidContextLength < 0 && kidLength < 0)
            {
                return 0;
            }

            int position = offset + 1;
            int n = 0;
            if (partialIv >= 0)
            {
                n = WritePartialIv(partialIv, output, position);
                position += n;
            }

            int flags = n;
            if (kidContextLength >= 0)
            {
                flags |= KidContextFlag;
                output[position++] = (byte)kidContextLength;
                System.Array.Copy(kidContext, kidContextOffset, output, position, kidContextLength);
                position += kidContextLength;
            }

            if (kidLength >= 0)
            {
                flags |= KidFlag;
                System.Array.Copy(kid, kidOffset, output, position, kidLength);
                position += kidLength;
            }

            output[offset] = (byte)flags;
            return position - offset;
        }

        /// <summary>The length <see cref="Encode"/> gives for these fields.</summary>
        public static int EncodedLength(long partialIv, int kidContextLength, int kidLength)
        {
            if (partialIv < 0 && kidContextLength < 0 && kidLength < 0)
            {
                return 0;
            }

            int length = 1 + (partialIv < 0 ? 0 : PartialIvLengthOf(partialIv));
            if (kidContextLength >= 0)
            {
                length += 1 + kidContextLength;
            }

            if (kidLength > 0)
            {
                length += kidLength;
            }

            return length;
        }

        /// <summary>
        /// Writes a Partial IV in the fewest bytes, 0 as one zero byte (RFC 8613 §6.1), and returns how many.
        /// </summary>
        public static int WritePartialIv(long partialIv, byte[] output, int offset)
        {
            int n = PartialIvLengthOf(partialIv);
            for (int i = 0; i < n; i++)
            {
                output[offset + i] = (byte)(partialIv >> (8 * (n - 1 - i)));
            }

            return n;
        }

        /// <summary>The number of bytes a Partial IV takes (1 to 5).</summary>
        public static int PartialIvLengthOf(long partialIv)
        {
            int n = 1;
            while (n < MaxPartialIvLength && (partialIv >> (8 * n)) != 0)
            {
                n++;
            }

            return n;
        }

        /// <summary>A big-endian Partial IV of length bytes as a number.</summary>
        public static long ReadPartialIv(byte[] value, int offset, int length)
        {
            long partialIv = 0;
            for (int i = 0; i < length; i++)
            {
                partialIv = (partialIv << 8) | value[offset + i];
            }

            return partialIv;
        }
    }
}
