namespace ThermoDev.Text
{
    /// <summary>
    /// Reads the value of a SenML pack (RFC 8428) of exactly one record, in JSON (§5) or CBOR (§6), in
    /// place and without allocating: the pack GET writes, e.g. <c>[{"n":"temp","u":"Cel","v":21.5}]</c>.
    /// The record may have the labels bn and n (the name is bn followed by n, §4.5.1, and must be the
    /// name given), bu and u (optional; when there, the unit must be the unit given, u overriding bu,
    /// §4.1) and v (required, a number); each at most once. Any other label (a time, a string value,
    /// a sum...), a second record, or trailing bytes: <see cref="DecimalParseResult.Malformed"/>.
    /// The value is rounded half away from zero to the hundredth.
    /// </summary>
    public static class SenmlReader
    {
        private const int NameLabel = 1;
        private const int BaseNameLabel = 2;
        private const int UnitLabel = 4;
        private const int BaseUnitLabel = 8;
        private const int ValueLabel = 16;

        // CBOR labels (RFC 8428 §6, Table 4): n 0, u 1, v 2, bn -2, bu -4, as their CBOR bytes.
        private const int CborName = 0x00;
        private const int CborUnit = 0x01;
        private const int CborValue = 0x02;
        private const int CborBaseName = 0x21;
        private const int CborBaseUnit = 0x23;

        /// <summary>Reads a SenML JSON pack (Content-Format 110); see the class summary.</summary>
        public static DecimalParseResult ReadJson(byte[] buffer, int offset, int length, byte[] nameAscii, byte[] unitAscii, out int centi)
        {
            centi = 0;
            int end = offset + length;
            int at = JsonNumber.SkipWhitespace(buffer, offset, end);
            if (at == end)
            {
                return DecimalParseResult.Empty;
            }

            if (!Expect(buffer, ref at, end, (byte)'[') || !Expect(buffer, ref at, end, (byte)'{'))
            {
                return DecimalParseResult.Malformed;
            }

            // Where each string value starts and its length: base name, name, base unit, unit.
            int bn = 0, bnLength = 0, n = 0, nLength = 0, bu = 0, buLength = 0, u = 0, uLength = 0;
            int seen = 0;
            int value = 0;
            while (true)
            {
                int key;
                int keyLength;
                if (!ReadString(buffer, ref at, end, out key, out keyLength) || !Expect(buffer, ref at, end, (byte)':'))
                {
                    return DecimalParseResult.Malformed;
                }

                int label = JsonLabel(buffer, key, keyLength);
                if (label == 0 || (seen & label) != 0)
                {
                    return DecimalParseResult.Malformed;
                }

                seen |= label;
                if (label == ValueLabel)
                {
                    at = JsonNumber.SkipWhitespace(buffer, at, end);
                    DecimalParseResult number = JsonNumber.Read(buffer, ref at, end, out value);
                    if (number != DecimalParseResult.Ok)
                    {
                        return number;
                    }
                }
                else
                {
                    int start;
                    int count;
                    if (!ReadString(buffer, ref at, end, out start, out count))
                    {
                        return DecimalParseResult.Malformed;
                    }

                    if (label == NameLabel)
                    {
                        n = start;
                        nLength = count;
                    }
                    else if (label == BaseNameLabel)
                    {
                        bn = start;
                        bnLength = count;
                    }
                    else if (label == UnitLabel)
                    {
                        u = start;
                        uLength = count;
                    }
                    else
                    {
                        bu = start;
                        buLength = count;
                    }
                }

                at = JsonNumber.SkipWhitespace(buffer, at, end);
                if (at < end && buffer[at] == (byte)',')
                {
                    at++;
                    continue;
                }

                break;
            }

            if (!Expect(buffer, ref at, end, (byte)'}') || !Expect(buffer, ref at, end, (byte)']')
                || JsonNumber.SkipWhitespace(buffer, at, end) != end)
            {
                return DecimalParseResult.Malformed;
            }

            return Check(buffer, seen, bn, bnLength, n, nLength, bu, buLength, u, uLength, nameAscii, unitAscii, value, out centi);
        }

        /// <summary>Reads a SenML CBOR pack (Content-Format 112); see the class summary.</summary>
        public static DecimalParseResult ReadCbor(byte[] buffer, int offset, int length, byte[] nameAscii, byte[] unitAscii, out int centi)
        {
            centi = 0;
            int end = offset + length;
            if (length == 0)
            {
                return DecimalParseResult.Empty;
            }

            // An array of one map of 1 to 5 pairs, both of definite length.
            int at = offset;
            if (end - at < 2 || buffer[at] != 0x81 || buffer[at + 1] < 0xA1 || buffer[at + 1] > 0xA5)
            {
                return DecimalParseResult.Malformed;
            }

            int pairs = buffer[at + 1] - 0xA0;
            at += 2;
            int bn = 0, bnLength = 0, n = 0, nLength = 0, bu = 0, buLength = 0, u = 0, uLength = 0;
            int seen = 0;
            int value = 0;
            for (int pair = 0; pair < pairs; pair++)
            {
                if (at >= end)
                {
                    return DecimalParseResult.Malformed;
                }

                int key = buffer[at++];
                int label = key == CborName ? NameLabel : key == CborBaseName ? BaseNameLabel : key == CborUnit ? UnitLabel
                    : key == CborBaseUnit ? BaseUnitLabel : key == CborValue ? ValueLabel : 0;
                if (label == 0 || (seen & label) != 0)
                {
                    return DecimalParseResult.Malformed;
                }

                seen |= label;
                if (label == ValueLabel)
                {
                    DecimalParseResult number = ReadCborNumber(buffer, ref at, end, out value);
                    if (number != DecimalParseResult.Ok)
                    {
                        return number;
                    }

                    continue;
                }

                // A text string of definite length below 256 bytes (major type 3).
                int count = at < end ? buffer[at] - 0x60 : -1;
                at++;
                if (count == 24 && at < end)
                {
                    count = buffer[at++];
                }
                else if (count < 0 || count > 23)
                {
                    return DecimalParseResult.Malformed;
                }

                if (count > end - at)
                {
                    return DecimalParseResult.Malformed;
                }

                if (label == NameLabel)
                {
                    n = at;
                    nLength = count;
                }
                else if (label == BaseNameLabel)
                {
                    bn = at;
                    bnLength = count;
                }
                else if (label == UnitLabel)
                {
                    u = at;
                    uLength = count;
                }
                else
                {
                    bu = at;
                    buLength = count;
                }

                at += count;
            }

            if (at != end)
            {
                return DecimalParseResult.Malformed;
            }

            return Check(buffer, seen, bn, bnLength, n, nLength, bu, buLength, u, uLength, nameAscii, unitAscii, value, out centi);
        }

        // The record has a value, its name is the one given, and its unit, if any, the one given.
        private static DecimalParseResult Check(byte[] buffer, int seen, int bn, int bnLength, int n, int nLength, int bu, int buLength, int u, int uLength, byte[] nameAscii, byte[] unitAscii, int value, out int centi)
        {
            centi = 0;
            if ((seen & ValueLabel) == 0 || bnLength + nLength != nameAscii.Length
                || !Matches(buffer, bn, bnLength, nameAscii, 0) || !Matches(buffer, n, nLength, nameAscii, bnLength))
            {
                return DecimalParseResult.Malformed;
            }

            bool unitGiven = (seen & UnitLabel) != 0;
            if ((unitGiven && (uLength != unitAscii.Length || !Matches(buffer, u, uLength, unitAscii, 0)))
                || (!unitGiven && (seen & BaseUnitLabel) != 0 && (buLength != unitAscii.Length || !Matches(buffer, bu, buLength, unitAscii, 0))))
            {
                return DecimalParseResult.Malformed;
            }

            centi = value;
            return DecimalParseResult.Ok;
        }

        private static bool Matches(byte[] buffer, int at, int length, byte[] expected, int from)
        {
            for (int i = 0; i < length; i++)
            {
                if (buffer[at + i] != expected[from + i])
                {
                    return false;
                }
            }

            return true;
        }

        // Skips whitespace, then takes the byte expected.
        private static bool Expect(byte[] buffer, ref int at, int end, byte expected)
        {
            at = JsonNumber.SkipWhitespace(buffer, at, end);
            if (at < end && buffer[at] == expected)
            {
                at++;
                return true;
            }

            return false;
        }

        // A JSON string without escapes or control characters (SenML names and units need none, §4.5.1).
        private static bool ReadString(byte[] buffer, ref int at, int end, out int start, out int length)
        {
            start = 0;
            length = 0;
            if (!Expect(buffer, ref at, end, (byte)'"'))
            {
                return false;
            }

            int i = at;
            while (i < end && buffer[i] != (byte)'"')
            {
                if (buffer[i] == (byte)'\\' || buffer[i] < 0x20)
                {
                    return false;
                }

                i++;
            }

            if (i == end)
            {
                return false;
            }

            start = at;
            length = i - at;
            at = i + 1;
            return true;
        }

        // The label bit of a JSON key: "n", "bn", "u", "bu", "v"; 0 for any other.
        private static int JsonLabel(byte[] buffer, int key, int length)
        {
            if (length == 1)
            {
                byte b = buffer[key];
                return b == (byte)'n' ? NameLabel : b == (byte)'u' ? UnitLabel : b == (byte)'v' ? ValueLabel : 0;
            }

            if (length == 2 && buffer[key] == (byte)'b')
            {
                byte b = buffer[key + 1];
                return b == (byte)'n' ? BaseNameLabel : b == (byte)'u' ? BaseUnitLabel : 0;
            }

            return 0;
        }

        // A CBOR number: an integer (major types 0 and 1, up to 4 bytes) or a float of 16, 32 or 64 bits.
        private static DecimalParseResult ReadCborNumber(byte[] buffer, ref int at, int end, out int centi)
        {
            centi = 0;
            if (at >= end)
            {
                return DecimalParseResult.Malformed;
            }

            int head = buffer[at++];
            int major = head >> 5;
            int info = head & 0x1F;
            if (major == 7)
            {
                int bytes = info == 25 ? 2 : info == 26 ? 4 : info == 27 ? 8 : 0;
                if (bytes == 0 || end - at < bytes)
                {
                    return DecimalParseResult.Malformed;
                }

                ulong bits = 0;
                for (int i = 0; i < bytes; i++)
                {
                    bits = (bits << 8) | buffer[at++];
                }

                return FloatBits.ToHundredths(bits, bytes, out centi);
            }

            if (major > 1 || info > 26)
            {
                return DecimalParseResult.Malformed;
            }

            long argument = info;
            int extra = info == 24 ? 1 : info == 25 ? 2 : info == 26 ? 4 : 0;
            if (end - at < extra)
            {
                return DecimalParseResult.Malformed;
            }

            if (extra > 0)
            {
                argument = 0;
                for (int i = 0; i < extra; i++)
                {
                    argument = (argument << 8) | buffer[at++];
                }
            }

            // Major type 1 is -1 - argument (RFC 8949 §3.1).
            long whole = major == 0 ? argument : -1 - argument;
            long hundredths = whole * 100;
            if (hundredths > int.MaxValue || hundredths < -int.MaxValue)
            {
                return DecimalParseResult.TooLarge;
            }

            centi = (int)hundredths;
            return DecimalParseResult.Ok;
        }
    }
}
