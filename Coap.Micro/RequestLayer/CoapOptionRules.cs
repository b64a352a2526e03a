namespace Coap.Micro
{
    /// <summary>
    /// Which request options the server understands, how often and how long they may be
    /// (RFC 7252 §5.4, §5.10 Table 4; RFC 7641 §2; RFC 7959 §2.1, §4; RFC 7967 §2). An option outside
    /// these rules is treated as unrecognized: critical -> 4.02, elective -> ignored (§5.4.1, §5.4.3, §5.4.5).
    /// </summary>
    public static class CoapOptionRules
    {
        // number, min length, max length, repeatable (1) or not (0); shorts, as every value fits one.
        private static readonly short[] Rules =
        {
            CoapOption.IfMatch, 0, 8, 1,
            CoapOption.UriHost, 1, 255, 0,
            CoapOption.ETag, 1, 8, 1,
            CoapOption.IfNoneMatch, 0, 0, 0,
            CoapOption.Observe, 0, 3, 0,
            CoapOption.UriPort, 0, 2, 0,
            CoapOption.LocationPath, 0, 255, 1,
            CoapOption.UriPath, 0, 255, 1,
            CoapOption.ContentFormat, 0, 2, 0,
            CoapOption.MaxAge, 0, 4, 0,
            CoapOption.UriQuery, 0, 255, 1,
            CoapOption.Accept, 0, 2, 0,
            CoapOption.LocationQuery, 0, 255, 1,
            CoapOption.Block2, 0, 3, 0,
            CoapOption.Block1, 0, 3, 0,
            CoapOption.Size2, 0, 4, 0,
            CoapOption.ProxyUri, 1, 1034, 0,
            CoapOption.ProxyScheme, 1, 255, 0,
            CoapOption.Size1, 0, 4, 0,
            CoapOption.NoResponse, 0, 1, 0,
        };

        /// <summary>
        /// True when the option at <paramref name="index"/> is one the server understands, within its
        /// length range and not a supernumerary repetition.
        /// </summary>
        public static bool IsRecognized(CoapMessage message, int index)
        {
            ushort[] options = message._options;
            int at = CoapMessage.IndexStart + index * CoapMessage.IndexStride;
            int number = options[at];
            short[] rules = Rules;
            for (int r = 0; r < rules.Length; r += 4)
            {
                if (rules[r] != number)
                {
                    continue;
                }

                int length = options[at + 2];
                if (length < rules[r + 1] || length > rules[r + 2])
                {
                    return false;
                }

                // RFC 7252 §5.4.5: occurrences beyond the first of a non-repeatable option are unrecognized.
                return rules[r + 3] == 1 || index == 0 || options[at - CoapMessage.IndexStride] != number;
            }

            return false;
        }

        /// <summary>Index of the first unrecognized critical option (§5.4.1), or -1.</summary>
        public static int FindUnrecognizedCritical(CoapMessage message)
        {
            // The message noted its first critical option other than a Uri-Path or Uri-Query of 0-255
            // bytes (always recognized): the walk starts there, and most requests have none.
            ushort[] options = message._options;
            int count = message._optionCount;
            for (int i = options[CoapMessage.OtherCriticalAt] - 1; i >= 0 && i < count; i++)
            {
                if ((options[CoapMessage.IndexStart + i * CoapMessage.IndexStride] & 0x01) != 0 && !IsRecognized(message, i))
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>
        /// Reads the first occurrence of a uint option when it is usable; an unusable elective one
        /// counts as absent (§5.4.1). Returns false and <paramref name="absentValue"/> when absent.
        /// </summary>
        public static bool TryGetUInt(CoapMessage message, int number, uint absentValue, out uint value)
        {
            return TryGetUIntAt(message, message.FindOption(number), absentValue, out value);
        }

        /// <summary>
        /// <see cref="TryGetUInt"/> for the option at <paramref name="index"/> (the first of its number,
        /// or -1 when absent: as the message's known slots give it).
        /// </summary>
        internal static bool TryGetUIntAt(CoapMessage message, int index, uint absentValue, out uint value)
        {
            if (index < 0 || !IsRecognized(message, index) || !message.TryGetUInt(index, out value))
            {
                value = absentValue;
                return false;
            }

            return true;
        }
    }
}
