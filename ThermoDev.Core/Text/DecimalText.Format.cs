using System;

namespace ThermoDev.Text
{
    /// <summary>
    /// Values in hundredths (2549 = 25.49) as decimal ASCII text, written and read in place in byte
    /// arrays without allocating.
    /// </summary>
    public static partial class DecimalText
    {
        /// <summary>
        /// <paramref name="centi"/> hundredths in tenths, rounded half away from zero as
        /// <see cref="FormatTenths"/> writes them: 2545 -> 255, -445 -> -45, -4 -> 0.
        /// </summary>
        public static int RoundToTenths(int centi)
        {
            // The magnitude is at most (2^31 + 5) / 10, so both signs fit in an int.
            int tenths = (int)TenthsMagnitude(centi);
            return centi < 0 ? -tenths : tenths;
        }

        /// <summary>Longest text <see cref="FormatTenths"/> writes ("-214748364.8").</summary>
        public const int MaxTenthsLength = 12;

        /// <summary>How many bytes <see cref="FormatTenths"/> writes for <paramref name="centi"/>.</summary>
        public static int TenthsLength(int centi)
        {
            uint tenths = TenthsMagnitude(centi);
            int length = 2 + DigitCount(tenths / 10);
            return IsNegative(centi, tenths) ? length + 1 : length;
        }

        /// <summary>
        /// Writes <paramref name="centi"/> hundredths with one decimal ("25.5"), rounded half away from
        /// zero (2545 -> "25.5", -445 -> "-4.5"); a value that rounds to zero is "0.0", never "-0.0".
        /// Returns the bytes written, 0 when they do not fit (nothing is written then).
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="destination"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/> is negative.</exception>
        public static int FormatTenths(int centi, byte[] destination, int offset)
        {
            if (destination == null)
            {
                throw new ArgumentNullException("destination");
            }

            if (offset < 0)
            {
                throw new ArgumentOutOfRangeException("offset");
            }

            if (destination.Length - offset < TenthsLength(centi))
            {
                return 0;
            }

            return WriteTenths(centi, destination, offset);
        }

        /// <summary>
        /// <see cref="FormatTenths"/> for a caller that has checked the room (at most
        /// <see cref="MaxTenthsLength"/> bytes): one call, none within (the per-request path).
        /// </summary>
        internal static int WriteTenths(int centi, byte[] destination, int offset)
        {
            uint magnitude = centi < 0 ? (uint)(-(centi + 1)) + 1u : (uint)centi;
            uint tenths = (magnitude + 5u) / 10u;
            uint whole = tenths / 10;
            int length = 3;
            for (uint rest = whole; rest >= 10; rest /= 10)
            {
                length++;
            }

            bool negative = centi < 0 && tenths != 0;
            if (negative)
            {
                length++;
            }

            int at = offset + length - 1;
            destination[at--] = (byte)('0' + (int)(tenths % 10));
            destination[at--] = (byte)'.';
            do
            {
                destination[at--] = (byte)('0' + (int)(whole % 10));
                whole /= 10;
            }
            while (whole != 0);

            if (negative)
            {
                destination[at] = (byte)'-';
            }

            return length;
        }

        // |centi| / 10 rounded half up, i.e. centi rounded half away from zero. In uint, so that
        // int.MinValue has a magnitude and (2^31 + 5) cannot overflow.
        private static uint TenthsMagnitude(int centi)
        {
            uint magnitude = centi < 0 ? (uint)(-(centi + 1)) + 1u : (uint)centi;
            return (magnitude + 5u) / 10u;
        }

        private static bool IsNegative(int centi, uint tenths)
        {
            return centi < 0 && tenths != 0;
        }

        private static int DigitCount(uint value)
        {
            int digits = 1;
            while (value >= 10)
            {
                value /= 10;
                digits++;
            }

            return digits;
        }
    }
}
