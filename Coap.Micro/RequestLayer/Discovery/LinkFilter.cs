namespace Coap.Micro
{
    /// <summary>
    /// Query filtering of /.well-known/core (RFC 6690 §4.1). Each Uri-Query option is one filter, and a
    /// link is listed when it passes them all: "name=value" matches when the link's attribute "name" has
    /// that value, "name=prefix*" when it starts with the prefix (so "name=*" when the link has the
    /// attribute at all), and a bare "name" when the link has the attribute. href is the link's URI
    /// ("/temp"); rt and if are space-separated lists, of which one entry must match (§3.1, §3.2); ct and
    /// sz are compared as decimal text; obs has no value. A name the link does not have matches nothing.
    /// Everything is compared in place in the request's buffer.
    /// </summary>
    internal static class LinkFilter
    {
        private static readonly byte[] HrefName = Ascii.Bytes("href");
        private static readonly byte[] ResourceTypeName = Ascii.Bytes("rt");
        private static readonly byte[] InterfaceName = Ascii.Bytes("if");
        private static readonly byte[] ContentFormatName = Ascii.Bytes("ct");
        private static readonly byte[] SizeName = Ascii.Bytes("sz");
        private static readonly byte[] TitleName = Ascii.Bytes("title");
        private static readonly byte[] ObservableName = Ascii.Bytes("obs");
        private static readonly byte[] Empty = new byte[0];

        /// <summary>True when <paramref name="link"/> passes every query filter of <paramref name="request"/>.</summary>
        internal static bool Matches(LinkDescription link, CoapMessage request)
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

        private static bool Passes(LinkDescription link, byte[] query, int offset, int length)
        {
            int nameLength = 0;
            while (nameLength < length && query[offset + nameLength] != (byte)'=')
            {
                nameLength++;
            }

            bool list = false;
            byte[] value;
            if (Is(query, offset, nameLength, HrefName))
            {
                value = link.Href;
            }
            else if (Is(query, offset, nameLength, ResourceTypeName))
            {
                value = link.ResourceType;
                list = true;
            }
            else if (Is(query, offset, nameLength, InterfaceName))
            {
                value = link.Interface;
                list = true;
            }
            else if (Is(query, offset, nameLength, ContentFormatName))
            {
                value = link.ContentFormat;
            }
            else if (Is(query, offset, nameLength, SizeName))
            {
                value = link.Size;
            }
            else if (Is(query, offset, nameLength, TitleName))
            {
                value = link.Title;
            }
            else
            {
                value = Is(query, offset, nameLength, ObservableName) && link.Observable ? Empty : null;
            }

            if (value == null)
            {
                return false;
            }

            if (nameLength == length)
            {
                // A bare name: the link has the attribute.
                return true;
            }

            int patternOffset = offset + nameLength + 1;
            int patternLength = length - nameLength - 1;
            bool prefix = patternLength > 0 && query[patternOffset + patternLength - 1] == (byte)'*';
            if (prefix)
            {
                patternLength--;
            }

            if (!list)
            {
                return Match(value, 0, value.Length, query, patternOffset, patternLength, prefix);
            }

            // Any one entry of a space-separated list (an empty value is one empty entry).
            int start = 0;
            for (int i = 0; i <= value.Length; i++)
            {
                if (i == value.Length || value[i] == (byte)' ')
                {
                    if (Match(value, start, i - start, query, patternOffset, patternLength, prefix))
                    {
                        return true;
                    }

                    start = i + 1;
                }
            }

            return false;
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
