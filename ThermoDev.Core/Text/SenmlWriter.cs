using System;

namespace ThermoDev.Text
{
    /// <summary>
    /// Writes a SenML pack (RFC 8428) of one record with a name, a unit and a value in tenths, e.g.
    /// 25.0 °C as <c>[{"n":"temp","u":"Cel","v":25.0}]</c>, in JSON (§5) or CBOR (§6), into a caller's
    /// buffer without allocating. The value is rounded to one decimal as <see cref="DecimalText.FormatTenths"/> does.
    /// </summary>
    public static class SenmlWriter
    {
        // JSON (RFC 8428 §5): [{"n":"<name>","u":"<unit>","v":<number>}]
        private static readonly byte[] JsonBeforeName = Ascii("[{\"n\":\"");
        private static readonly byte[] JsonBeforeUnit = Ascii("\",\"u\":\"");
        private static readonly byte[] JsonBeforeValue = Ascii("\",\"v\":");
        private static readonly byte[] JsonEnd = Ascii("}]");

        // CBOR labels (RFC 8428 §6, Table 4).
        private const int CborLabelName = 0;
        private const int CborLabelUnit = 1;
        private const int CborLabelValue = 2;

        /// <summary>
        /// Writes the pack as JSON, the value with one decimal. Returns the bytes written, 0 when they
        /// do not fit (nothing is written then).
        /// </summary>
        /// <param name="nameAscii">The record's name: RFC 8428 §4.5.1 characters (A-Z a-z 0-9 - : . / _), starting with a letter or digit.</param>
        /// <param name="unitAscii">The unit, e.g. "Cel": printable ASCII without quote or backslash.</param>
        /// <param name="centi">The value in hundredths.</param>
        /// <param name="destination">The buffer to write into.</param>
        /// <param name="offset">Where the pack starts in <paramref name="destination"/>.</param>
        /// <exception cref="ArgumentNullException">An array is null.</exception>
        /// <exception cref="ArgumentException">The name or unit has characters SenML does not allow.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/> is negative.</exception>
        public static int WriteJson(byte[] nameAscii, byte[] unitAscii, int centi, byte[] destination, int offset)
        {
            CheckArguments(nameAscii, unitAscii, destination, offset);
            int length = JsonBeforeName.Length + nameAscii.Length + JsonBeforeUnit.Length + unitAscii.Length
                + JsonBeforeValue.Length + DecimalText.TenthsLength(centi) + JsonEnd.Length;
            if (destination.Length - offset < length)
            {
                return 0;
            }

            int at = Append(JsonBeforeName, destination, offset);
            at = Append(nameAscii, destination, at);
            at = Append(JsonBeforeUnit, destination, at);
            at = Append(unitAscii, destination, at);
            at = Append(JsonBeforeValue, destination, at);
            at += DecimalText.FormatTenths(centi, destination, at);
            Append(JsonEnd, destination, at);
            return length;
        }

        /// <summary>
        /// Writes the pack as CBOR: an array of one map {0: name, 1: unit, 2: value} (RFC 8428 §6), the
        /// name and unit as text strings, the value as a float64 equal to the nearest double to the
        /// one-decimal value, as a JSON reader would read it (§6 asks for exactly that value). Returns the
        /// bytes written, 0 when they do not fit (nothing is written then).
        /// </summary>
        /// <param name="nameAscii">The record's name: RFC 8428 §4.5.1 characters (A-Z a-z 0-9 - : . / _), starting with a letter or digit.</param>
        /// <param name="unitAscii">The unit, e.g. "Cel": printable ASCII without quote or backslash.</param>
        /// <param name="centi">The value in hundredths.</param>
        /// <param name="destination">The buffer to write into.</param>
        /// <param name="offset">Where the pack starts in <paramref name="destination"/>.</param>
        /// <exception cref="ArgumentNullException">An array is null.</exception>
        /// <exception cref="ArgumentException">The name or unit has characters SenML does not allow.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/> is negative.</exception>
        public static int WriteCbor(byte[] nameAscii, byte[] unitAscii, int centi, byte[] destination, int offset)
        {
            CheckArguments(nameAscii, unitAscii, destination, offset);

            // Array head, map head, three one-byte labels, two text strings, one float64.
            int length = 5
                + CborEncoding.HeadLength(nameAscii.Length) + nameAscii.Length
                + CborEncoding.HeadLength(unitAscii.Length) + unitAscii.Length
                + CborEncoding.Float64Length;
            if (destination.Length - offset < length)
            {
                return 0;
            }

            int at = CborEncoding.WriteHead(CborEncoding.MajorArray, 1, destination, offset);
            at = CborEncoding.WriteHead(CborEncoding.MajorMap, 3, destination, at);
            destination[at++] = CborLabelName;
            at = CborEncoding.WriteTextString(nameAscii, destination, at);
            destination[at++] = CborLabelUnit;
            at = CborEncoding.WriteTextString(unitAscii, destination, at);
            destination[at++] = CborLabelValue;
            CborEncoding.WriteFloat64(DoubleBits.OfTenths(DecimalText.RoundToTenths(centi)), destination, at);
            return length;
        }

        private static void CheckArguments(byte[] nameAscii, byte[] unitAscii, byte[] destination, int offset)
        {
            if (nameAscii == null)
            {
                throw new ArgumentNullException("nameAscii");
            }

            if (unitAscii == null)
            {
                throw new ArgumentNullException("unitAscii");
            }

            if (destination == null)
            {
                throw new ArgumentNullException("destination");
            }

            if (offset < 0)
            {
                throw new ArgumentOutOfRangeException("offset");
            }

            if (!IsSenmlName(nameAscii))
            {
                throw new ArgumentException("not a SenML name (RFC 8428 §4.5.1)", "nameAscii");
            }

            if (!IsUnit(unitAscii))
            {
                throw new ArgumentException("not a unit symbol", "unitAscii");
            }
        }

        // RFC 8428 §4.5.1: A-Z a-z 0-9 - : . / _, the first a letter or digit.
        private static bool IsSenmlName(byte[] name)
        {
            if (name.Length == 0 || !IsLetterOrDigit(name[0]))
            {
                return false;
            }

            for (int i = 1; i < name.Length; i++)
            {
                byte b = name[i];
                if (!IsLetterOrDigit(b) && b != '-' && b != ':' && b != '.' && b != '/' && b != '_')
                {
                    return false;
                }
            }

            return true;
        }

        // Unit symbols (RFC 8428 §12.1) are short printable ASCII; quote and backslash would need JSON escapes.
        private static bool IsUnit(byte[] unit)
        {
            if (unit.Length == 0)
            {
                return false;
            }

            for (int i = 0; i < unit.Length; i++)
            {
                byte b = unit[i];
                if (b <= ' ' || b > '~' || b == '"' || b == '\\')
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsLetterOrDigit(byte b)
        {
            return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9');
        }

        private static int Append(byte[] source, byte[] destination, int offset)
        {
            Array.Copy(source, 0, destination, offset, source.Length);
            return offset + source.Length;
        }

        // Start-up only: the JSON punctuation as bytes.
        private static byte[] Ascii(string text)
        {
            byte[] bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                bytes[i] = (byte)text[i];
            }

            return bytes;
        }
    }
}
