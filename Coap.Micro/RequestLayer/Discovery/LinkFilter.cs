namespace Coap.Micro
{
    /// <summary>
    /// Query filtering of /.well-known/core (RFC 6690 §4.1). Each Uri-Query option is one filter, and a
    /// link is listed when it passes them all: "name=value" matches when the link's attribute "name" has
    /// that value, "name=prefix*" when it starts with the prefix (so "name=*" when the link has the
    /// attribute at all), and a bare "name" when the link has the attribute. href is the link's URI
    /// ("/temp"); rt and if are space-separated lists, of which one entry must match (§3.1, §3.2); ct and
    /// sz are compared as decimal text; obs has no value. A name the link does not have matches nothing.
    /// Everything is compared in place: the query in the request's buffer, the attribute values in the
    /// resource's encoded link (unescaping its quoted-strings as it goes).
    /// </summary>
    internal static class LinkFilter
    {
        private static readonly byte[] HrefName = Ascii.Bytes("href");
        private static readonly byte[] ResourceTypeName = Ascii.Bytes("rt");
        private static readonly byte[] InterfaceName = Ascii.Bytes("if");

        /// <summary>True when <paramref name="link"/> (an encoded link-value) passes every query filter of <paramref name="request"/>.</summary>
        internal static bool Matches(byte[] link, CoapMessage request)
        {
            for (int i = request.FindOption(CoapOption.UriQuery); i >= 0 && i < request.OptionCount && request.GetOptionNumber(i) == CoapOption.UriQuery; i++)
            {
                if (!Passes(link, request.Buffer, request.GetOptionOffset(i), request.GetOptionLength(i)))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool Passes(byte[] link, byte[] query, int offset, int length)
        {
            int nameLength = 0;
            while (nameLength < length && query[offset + nameLength] != (byte)'=')
            {
                nameLength++;
            }

            int patternOffset = offset + nameLength + 1;
            int patternLength = length - nameLength - 1;
            bool prefix = patternLength > 0 && query[patternOffset + patternLength - 1] == (byte)'*';
            if (prefix)
            {
                patternLength--;
            }

            // The URI-reference between "<" and ">" (RFC 6690 §2): no ">" in it, ";" may be.
            int end = link.Length;
            int at = 1;
            while (link[at] != (byte)'>')
            {
                at++;
            }

            if (Is(query, offset, nameLength, HrefName))
            {
                return nameLength == length || Match(link, 1, at - 1, query, patternOffset, patternLength, prefix);
            }

            // The attributes, each ";name", ";name=token" or ";name=\"quoted-string\"".
            at++;
            while (at < end)
            {
                int nameStart = at + 1;
                at = nameStart;
                while (at < end && link[at] != (byte)'=' && link[at] != (byte)';')
                {
                    at++;
                }

                if (ByteCompare.Equal(link, nameStart, at - nameStart, query, offset, nameLength))
                {
                    if (nameLength == length)
                    {
                        // A bare name: the link has the attribute.
                        return true;
                    }

                    bool list = Is(query, offset, nameLength, ResourceTypeName) || Is(query, offset, nameLength, InterfaceName);
                    return MatchValue(link, at < end && link[at] == (byte)'=' ? at + 1 : at, list, query, patternOffset, patternLength, prefix);
                }

                if (at < end && link[at] == (byte)'=')
                {
                    at++;
                    if (link[at] == (byte)'"')
                    {
                        at++;
                        while (link[at] != (byte)'"')
                        {
                            at += link[at] == (byte)'\\' ? 2 : 1;
                        }

                        at++;
                    }
                    else
                    {
                        while (at < end && link[at] != (byte)';')
                        {
                            at++;
                        }
                    }
                }
            }

            // A name the link does not have.
            return false;
        }

        // The value at link[at] (a token up to ";", a quoted-string, or nothing) against the pattern; a list
        // (rt, if) matches when any one space-separated entry does, an empty value being one empty entry.
        private static bool MatchValue(byte[] link, int at, bool list, byte[] pattern, int patternOffset, int patternLength, bool prefix)
        {
            int end = link.Length;
            bool quoted = at < end && link[at] == (byte)'"';
            if (quoted)
            {
                at++;
            }

            int count = 0;
            bool same = true;
            while (true)
            {
                int b = -1;
                if (at < end)
                {
                    b = link[at];
                    if (quoted)
                    {
                        if (b == '"')
                        {
                            b = -1;
                        }
                        else if (b == '\\')
                        {
                            b = link[++at];
                        }
                    }
                    else if (b == ';')
                    {
                        b = -1;
                    }
                }

                if (b < 0 || (list && b == ' '))
                {
                    if (same && (prefix ? count >= patternLength : count == patternLength))
                    {
                        return true;
                    }

                    if (b < 0)
                    {
                        return false;
                    }

                    count = 0;
                    same = true;
                }
                else
                {
                    if (count < patternLength && pattern[patternOffset + count] != b)
                    {
                        same = false;
                    }

                    count++;
                }

                at++;
            }
        }

        private static bool Match(byte[] value, int offset, int length, byte[] pattern, int patternOffset, int patternLength, bool prefix)
        {
            if (prefix ? length < patternLength : length != patternLength)
            {
                return false;
            }

            return ByteCompare.Equal(value, offset, patternLength, pattern, patternOffset, patternLength);
        }

        private static bool Is(byte[] query, int offset, int length, byte[] name)
        {
            return ByteCompare.Equal(query, offset, length, name, 0, name.Length);
        }
    }
}
