namespace ThermoDev.Text
{
    /// <summary>
    /// IEEE 754 binary64 bit patterns computed in integer arithmetic, so that a value's encoding does
    /// not depend on how a device implements floating point.
    /// </summary>
    public static class DoubleBits
    {
        private const int SignificandBits = 52;
        private const int ExponentBias = 1023;
        private const ulong HiddenBit = 1UL << SignificandBits;

        // n * 2^k / 10 has 53 significant bits once n * 2^k reaches 10 * 2^52.
        private const ulong ScaledFloor = 10UL * HiddenBit;

        /// <summary>
        /// The bits of the double nearest to <paramref name="tenths"/> / 10 (ties to even), the value a
        /// JSON reader gives "25.4": the same as <c>BitConverter.DoubleToInt64Bits(tenths / 10.0)</c>.
        /// 0 gives +0.0.
        /// </summary>
        public static long OfTenths(int tenths)
        {
            if (tenths == 0)
            {
                return 0;
            }

            ulong sign = tenths < 0 ? 1UL << 63 : 0UL;
            ulong scaled = tenths < 0 ? (ulong)(-(long)tenths) : (ulong)tenths;

            // |tenths| < 2^31 < ScaledFloor, so at least one shift; scaled stays below 2 * ScaledFloor < 2^57.
            int shift = 0;
            while (scaled < ScaledFloor)
            {
                scaled <<= 1;
                shift++;
            }

            // value = significand * 2^-shift with significand in [2^52, 2^53), rounded to nearest, ties to even.
            ulong significand = scaled / 10;
            ulong remainder = scaled % 10;
            if (remainder > 5 || (remainder == 5 && (significand & 1) != 0))
            {
                significand++;
                if (significand == HiddenBit << 1)
                {
                    significand = HiddenBit;
                    shift--;
                }
            }

            ulong exponent = (ulong)(SignificandBits - shift + ExponentBias);
            return (long)(sign | (exponent << SignificandBits) | (significand - HiddenBit));
        }
    }
}
