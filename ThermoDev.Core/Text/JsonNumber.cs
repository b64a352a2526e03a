using System;

namespace ThermoDev.Text
{
    /// <summary>
    /// Reads a JSON number (RFC 8259 §6) as hundredths, in place and without allocating: an optional
    /// '-', an integer part without leading zeros ("0" or 1-9 then digits), an optional fraction ('.'
    /// and at least one digit), an optional exponent ('e' or 'E', an optional sign, at least one digit):
    /// "30.5" -> 3050, "-4" -> -400, "2.5e1" -> 2500, "2150E-2" -> 2150. Rounded half away from zero to
    /// the hundredth, as <see cref="DecimalText.Parse"/> does; digits past the 18th significant one are
    /// below that and ignored. Refused (<see cref="DecimalParseResult.Malformed"/>): '+', ".5", "5.",
    /// "05", "1e", NaN, Infinity, strings, anything else; a value beyond an int of hundredths is
    /// <see cref="DecimalParseResult.TooLarge"/>.
    /// </summary>
    public static class JsonNumber
    {
        // 10^0 .. 10^18: every power a long holds.
        private static readonly long[] PowersOfTen =
        {
            1L, 10L, 100L, 1000L, 10000L, 100000L, 1000000L, 10000000L, 100000000L, 1000000000L,
            10000000000L, 100000000000L, 1000000000000L, 10000000000000L, 100000000000000L,
            1000000000000000L, 10000000000000000L, 100000000000000000L, 1000000000000000000L,
        };

        private const int MaxSignificantDigits = 18;

        /// <summary>
        /// Reads <paramref name="length"/> bytes at <paramref name="offset"/> as one JSON number with
        /// optional JSON whitespace (space, tab, CR, LF) around it. <paramref name="centi"/> is 0 unless
        /// the result is <see cref="DecimalParseResult.Ok"/>.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="buffer"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The range is not inside <paramref name="buffer"/>.</exception>
        public static DecimalParseResult Parse(byte[] buffer, int offset, int length, out int centi)
        {
            centi = 0;
            if (buffer == null)
            {
                throw new ArgumentNullException("buffer");
            }

            if (offset < 0 || length < 0 || offset > buffer.Length - length)
            {
                throw new ArgumentOutOfRangeException("offset");
            }

            int end = offset + length;
            int at = SkipWhitespace(buffer, offset, end);
            if (at == end)
            {
                return DecimalParseResult.Empty;
            }

            int value;
            DecimalParseResult result = Read(buffer, ref at, end, out value);
            if (result == DecimalParseResult.Ok && SkipWhitespace(buffer, at, end) != end)
            {
                return DecimalParseResult.Malformed;
            }

            centi = result == DecimalParseResult.Ok ? value : 0;
            return result;
        }

        /// <summary>JSON whitespace (RFC 8259 §2): space, tab, LF, CR.</summary>
        public static bool IsWhitespace(byte b)
        {
            return b == (byte)' ' || b == (byte)'\t' || b == (byte)'\n' || b == (byte)'\r';
        }

        /// <summary>The first position from <paramref name="at"/> that is not JSON whitespace, or <paramref name="end"/>.</summary>
        public static int SkipWhitespace(byte[] buffer, int at, int end)
        {
            while (at < end && IsWhitespace(buffer[at]))
            {
                at++;
            }

            return at;
        }

        /// <summary>
        /// Reads the JSON number that starts at <paramref name="at"/> (before <paramref name="end"/>) and
        /// moves <paramref name="at"/> past it; what follows is the caller's to check.
        /// </summary>
        public static DecimalParseResult Read(byte[] buffer, ref int at, int end, out int centi)
        {
            centi = 0;
            int i = at;
            bool negative = i < end && buffer[i] == (byte)'-';
            if (negative)
            {
                i++;
            }

            // The digits as one integer (at most 18 significant), and the power of ten it is to be scaled by.
            long mantissa = 0;
            int significant = 0;
            int scale = 0;
            bool overflow = false;
            int start = i;
            while (i < end && IsDigit(buffer[i]))
            {
                if (significant < MaxSignificantDigits)
                {
                    mantissa = mantissa * 10 + (buffer[i] - '0');
                    significant += mantissa == 0 ? 0 : 1;
                }
                else
                {
                    // An integer digit beyond the 18th significant: far beyond any temperature.
                    overflow = true;
                }

                i++;
            }

            if (i == start || (buffer[start] == (byte)'0' && i - start > 1))
            {
                return DecimalParseResult.Malformed;
            }

            if (i < end && buffer[i] == (byte)'.')
            {
                i++;
                start = i;
                while (i < end && IsDigit(buffer[i]))
                {
                    if (significant < MaxSignificantDigits)
                    {
                        mantissa = mantissa * 10 + (buffer[i] - '0');
                        significant += mantissa == 0 ? 0 : 1;
                        scale--;
                    }

                    i++;
                }

                if (i == start)
                {
                    return DecimalParseResult.Malformed;
                }
            }

            if (i < end && (buffer[i] == (byte)'e' || buffer[i] == (byte)'E'))
            {
                i++;
                bool negativeExponent = i < end && buffer[i] == (byte)'-';
                if (i < end && (negativeExponent || buffer[i] == (byte)'+'))
                {
                    i++;
                }

                start = i;
                int exponent = 0;
                while (i < end && IsDigit(buffer[i]))
                {
                    exponent = exponent < 1000 ? exponent * 10 + (buffer[i] - '0') : exponent;
                    i++;
                }

                if (i == start)
                {
                    return DecimalParseResult.Malformed;
                }

                scale += negativeExponent ? -exponent : exponent;
            }

            at = i;
            if (overflow && mantissa != 0)
            {
                return DecimalParseResult.TooLarge;
            }

            return Scale(mantissa, scale + 2, negative, out centi);
        }

        // centi = mantissa * 10^power, rounded half away from zero, signed.
        private static DecimalParseResult Scale(long mantissa, int power, bool negative, out int centi)
        {
            centi = 0;
            long magnitude;
            if (mantissa == 0)
            {
                magnitude = 0;
            }
            else if (power >= 0)
            {
                if (power > 10)
                {
                    return DecimalParseResult.TooLarge;
                }

                magnitude = mantissa;
                for (int p = 0; p < power; p++)
                {
                    magnitude *= 10;
                    if (magnitude > int.MaxValue)
                    {
                        return DecimalParseResult.TooLarge;
                    }
                }
            }
            else if (-power >= PowersOfTen.Length)
            {
                // Fewer than 10^18 units of 10^-19 hundredths or smaller: below half a hundredth.
                magnitude = 0;
            }
            else
            {
                long divisor = PowersOfTen[-power];
                magnitude = mantissa / divisor;
                if ((mantissa % divisor) * 2 >= divisor)
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

        private static bool IsDigit(byte b)
        {
            return b >= (byte)'0' && b <= (byte)'9';
        }
    }
}
