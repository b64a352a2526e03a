namespace ThermoDev.Text
{
    /// <summary>
    /// IEEE 754 binary16, binary32 and binary64 values read as hundredths in integer arithmetic, so the
    /// result does not depend on how a device implements floating point: the exact value of the bits,
    /// rounded half away from zero to the hundredth (as <see cref="DoubleBits"/> writes them exactly).
    /// </summary>
    public static class FloatBits
    {
        /// <summary>
        /// The hundredths of the float whose <paramref name="bytes"/> (2, 4 or 8) big-endian bytes are
        /// <paramref name="bits"/>. NaN and infinities are <see cref="DecimalParseResult.Malformed"/>; a
        /// value beyond an int of hundredths is <see cref="DecimalParseResult.TooLarge"/>.
        /// </summary>
        public static DecimalParseResult ToHundredths(ulong bits, int bytes, out int centi)
        {
            centi = 0;
            int fractionBits = bytes == 2 ? 10 : bytes == 4 ? 23 : 52;
            int exponentBits = bytes == 2 ? 5 : bytes == 4 ? 8 : 11;
            int bias = (1 << (exponentBits - 1)) - 1;
            bool negative = (bits >> (fractionBits + exponentBits)) != 0;
            int exponent = (int)((bits >> fractionBits) & (ulong)((1 << exponentBits) - 1));
            ulong significand = bits & ((1UL << fractionBits) - 1);
            if (exponent == (1 << exponentBits) - 1)
            {
                return DecimalParseResult.Malformed;
            }

            // value = significand * 2^power.
            int power;
            if (exponent == 0)
            {
                power = 1 - bias - fractionBits;
            }
            else
            {
                significand |= 1UL << fractionBits;
                power = exponent - bias - fractionBits;
            }

            // significand < 2^53, so times 100 stays below 2^60.
            ulong scaled = significand * 100;
            ulong magnitude;
            if (power >= 0)
            {
                if (scaled != 0 && power > 31)
                {
                    return DecimalParseResult.TooLarge;
                }

                magnitude = scaled << power;
                if (power > 0 && (magnitude >> power) != scaled)
                {
                    return DecimalParseResult.TooLarge;
                }
            }
            else if (-power >= 62)
            {
                magnitude = 0;
            }
            else
            {
                int shift = -power;
                magnitude = scaled >> shift;
                ulong remainder = scaled & ((1UL << shift) - 1);
                if (remainder << 1 >= 1UL << shift)
                {
                    magnitude++;
                }
            }

            if (magnitude > int.MaxValue)
            {
                return DecimalParseResult.TooLarge;
            }

            centi = negative ? -(int)magnitude : (int)magnitude;
            return DecimalParseResult.Ok;
        }
    }
}
