using System;

namespace ThermoDev.Text
{
    public static partial class DecimalText
    {
        /// <summary>The longest text <see cref="Parse"/> looks at, whitespace included.</summary>
        public const int MaxParseLength = 16;

        /// <summary>
        /// Reads a decimal number as hundredths: "30.5" -> 3050, "-4" -> -400, "+12.25" -> 1225.
        /// Accepted: at most <see cref="MaxParseLength"/> bytes in all; ASCII whitespace (space, tab,
        /// CR, LF) before and after; an optional sign; digits with at most one '.', at least one digit
        /// ("5.", ".5"). Fraction digits beyond the second round half away from zero ("12.345" -> 1235,
        /// "-12.345" -> -1235). Anything else is <see cref="DecimalParseResult.Malformed"/>: exponents,
        /// "NaN", "Infinity", inner whitespace, other characters, non-ASCII bytes. Whether the value is
        /// in a useful range is the caller's question. <paramref name="centi"/> is 0 unless the result
        /// is <see cref="DecimalParseResult.Ok"/>.
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

            if (length > MaxParseLength)
            {
                return DecimalParseResult.TooLong;
            }

            int start = offset;
            int end = offset + length;
            while (start < end && IsWhitespace(buffer[start]))
            {
                start++;
            }

            while (end > start && IsWhitespace(buffer[end - 1]))
            {
                end--;
            }

            if (start == end)
            {
                return DecimalParseResult.Empty;
            }

            bool negative = buffer[start] == (byte)'-';
            if (negative || buffer[start] == (byte)'+')
            {
                start++;
            }

            // At most 16 digits: the magnitude in hundredths stays below 10^18 and fits in a long.
            long whole = 0;
            long hundredths = 0;
            int fractionDigits = 0;
            int digits = 0;
            bool point = false;
            bool roundUp = false;
            for (int i = start; i < end; i++)
            {
                int b = buffer[i];
                if (b == '.' && !point)
                {
                    point = true;
                    continue;
                }

                if (b < '0' || b > '9')
                {
                    return DecimalParseResult.Malformed;
                }

                int digit = b - '0';
                digits++;
                if (!point)
                {
                    whole = whole * 10 + digit;
                }
                else if (fractionDigits < 2)
                {
                    hundredths = hundredths * 10 + digit;
                    fractionDigits++;
                }
                else if (fractionDigits == 2)
                {
                    // The third fraction digit decides: at or above half a hundredth, round away from zero.
                    roundUp = digit >= 5;
                    fractionDigits++;
                }
            }

            if (digits == 0)
            {
                return DecimalParseResult.Malformed;
            }

            if (fractionDigits == 1)
            {
                hundredths *= 10;
            }

            long magnitude = whole * 100 + hundredths + (roundUp ? 1 : 0);
            long value = negative ? -magnitude : magnitude;
            if (value < int.MinValue || value > int.MaxValue)
            {
                return DecimalParseResult.TooLarge;
            }

            centi = (int)value;
            return DecimalParseResult.Ok;
        }

        private static bool IsWhitespace(byte b)
        {
            return b == (byte)' ' || b == (byte)'\t' || b == (byte)'\r' || b == (byte)'\n';
        }
    }
}
