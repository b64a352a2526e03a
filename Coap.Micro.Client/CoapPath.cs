using System;

namespace Coap.Micro
{
    /// <summary>
    /// A request's path and query, encoded once as the Uri-Path and Uri-Query options they become
    /// (RFC 7252 §6.4), so sending a request copies bytes. Make one at start-up from text
    /// ("/sensors/temp?unit=c") or from pre-encoded segments, and give it to any number of requests.
    /// </summary>
    public sealed class CoapPath
    {
        // Entries of (option number, value length, value bytes); the number is Uri-Path or Uri-Query.
        private readonly byte[] _data;
        private int _length;

        /// <summary>An empty path ("/") with room for <paramref name="capacity"/> bytes of entries (2 bytes per segment plus its value).</summary>
        public CoapPath(int capacity)
        {
            if (capacity < 0)
            {
                throw new ArgumentOutOfRangeException("capacity");
            }

            _data = new byte[capacity];
        }

        /// <summary>The path and query of <paramref name="pathAndQuery"/> (see <see cref="Set"/>); throws when it is not valid.</summary>
        public CoapPath(string pathAndQuery)
        {
            if (pathAndQuery == null)
            {
                throw new ArgumentNullException("pathAndQuery");
            }

            int needed = Encode(pathAndQuery, null);
            if (needed < 0)
            {
                throw new ArgumentException("not a valid path: " + pathAndQuery, "pathAndQuery");
            }

            _data = new byte[needed];
            _length = Encode(pathAndQuery, _data);
        }

        /// <summary>Bytes in use.</summary>
        public int Length
        {
            get { return _length; }
        }

        /// <summary>Bytes available.</summary>
        public int Capacity
        {
            get { return _data.Length; }
        }

        /// <summary>Number of Uri-Path options.</summary>
        public int SegmentCount
        {
            get { return Count(CoapOption.UriPath); }
        }

        /// <summary>Number of Uri-Query options.</summary>
        public int QueryCount
        {
            get { return Count(CoapOption.UriQuery); }
        }

        internal byte[] Data
        {
            get { return _data; }
        }

        /// <summary>Makes the path "/" with no query.</summary>
        public void Clear()
        {
            _length = 0;
        }

        /// <summary>
        /// Sets the path and query from text: segments separated by '/', a leading '/' optional, "" and
        /// "/" the root (no Uri-Path); after '?', arguments separated by '&amp;'. %XX escapes are decoded and
        /// other characters encoded as UTF-8 (RFC 7252 §6.4). False, and the root, when the text is not
        /// valid (a bad escape, a segment over 255 bytes, a character outside the Basic Multilingual Plane
        /// or U+FFFD: percent-encode those) or does not fit. Allocates nothing.
        /// </summary>
        public bool Set(string pathAndQuery)
        {
            _length = 0;
            if (pathAndQuery == null)
            {
                return false;
            }

            int needed = Encode(pathAndQuery, null);
            if (needed < 0 || needed > _data.Length)
            {
                return false;
            }

            _length = Encode(pathAndQuery, _data);
            return true;
        }

        /// <summary>Appends one Uri-Path segment, bytes as they go on the wire; false when it does not fit or is over 255 bytes.</summary>
        public bool AddSegment(byte[] value, int offset, int length)
        {
            return Append(CoapOption.UriPath, value, offset, length);
        }

        /// <summary>Appends one Uri-Query argument, bytes as they go on the wire; false when it does not fit or is over 255 bytes.</summary>
        public bool AddQuery(byte[] value, int offset, int length)
        {
            return Append(CoapOption.UriQuery, value, offset, length);
        }

        /// <summary>True when the <paramref name="index"/>-th segment equals <paramref name="ascii"/> (for tests and checks).</summary>
        public bool SegmentEquals(int index, string ascii)
        {
            return EntryEquals(CoapOption.UriPath, index, ascii);
        }

        /// <summary>True when the <paramref name="index"/>-th query argument equals <paramref name="ascii"/>.</summary>
        public bool QueryEquals(int index, string ascii)
        {
            return EntryEquals(CoapOption.UriQuery, index, ascii);
        }

        private bool Append(int number, byte[] value, int offset, int length)
        {
            if (length < 0 || length > 255 || _length + 2 + length > _data.Length
                || (length > 0 && (value == null || offset < 0 || offset > value.Length - length)))
            {
                return false;
            }

            // Segments come before arguments, as the options are written in ascending order (RFC 7252 §3.1).
            if (number == CoapOption.UriPath && Count(CoapOption.UriQuery) > 0)
            {
                return false;
            }

            _data[_length] = (byte)number;
            _data[_length + 1] = (byte)length;
            if (length > 0)
            {
                Array.Copy(value, offset, _data, _length + 2, length);
            }

            _length += 2 + length;
            return true;
        }

        private int Count(int number)
        {
            int count = 0;
            for (int i = 0; i < _length; i += 2 + _data[i + 1])
            {
                if (_data[i] == number)
                {
                    count++;
                }
            }

            return count;
        }

        private bool EntryEquals(int number, int index, string ascii)
        {
            for (int i = 0; i < _length; i += 2 + _data[i + 1])
            {
                if (_data[i] == number && index-- == 0)
                {
                    return ByteCompare.EqualsAscii(_data, i + 2, _data[i + 1], ascii);
                }
            }

            return false;
        }

        // Encodes the text into target (or only measures it when target is null); the length, or -1.
        private static int Encode(string text, byte[] target)
        {
            int query = text.IndexOf('?');
            int pathEnd = query < 0 ? text.Length : query;
            int position = 0;
            int start = pathEnd > 0 && text[0] == '/' ? 1 : 0;

            // RFC 7252 §6.4 step 8: an empty path or "/" has no Uri-Path; otherwise every segment, empty ones too.
            if (start < pathEnd || (pathEnd > 0 && start == 0))
            {
                position = EncodeParts(text, start, pathEnd, '/', CoapOption.UriPath, target, position);
            }

            if (query >= 0 && position >= 0 && query + 1 < text.Length)
            {
                position = EncodeParts(text, query + 1, text.Length, '&', CoapOption.UriQuery, target, position);
            }

            return position;
        }

        private static int EncodeParts(string text, int start, int end, char separator, int number, byte[] target, int position)
        {
            int partStart = start;
            for (int i = start; i <= end && position >= 0; i++)
            {
                if (i < end && text[i] != separator)
                {
                    continue;
                }

                int valueStart = position + 2;
                int valueEnd = EncodeText(text, partStart, i, target, valueStart);
                if (valueEnd < 0 || valueEnd - valueStart > 255)
                {
                    return -1;
                }

                if (target != null)
                {
                    target[position] = (byte)number;
                    target[position + 1] = (byte)(valueEnd - valueStart);
                }

                position = valueEnd;
                partStart = i + 1;
            }

            return position;
        }

        // Writes text[start, end) percent-decoded and UTF-8 encoded at position; the end position, or -1.
        private static int EncodeText(string text, int start, int end, byte[] target, int position)
        {
            for (int i = start; i < end; i++)
            {
                int c = text[i];
                if (c == '%')
                {
                    int high = i + 2 < end ? HexValue(text[i + 1]) : -1;
                    int low = high >= 0 ? HexValue(text[i + 2]) : -1;
                    if (low < 0)
                    {
                        return -1;
                    }

                    position = Put(target, position, (high << 4) | low);
                    i += 2;
                }
                else if (c < 0x80)
                {
                    position = Put(target, position, c);
                }
                else if (c < 0x800)
                {
                    position = Put(target, position, 0xC0 | (c >> 6));
                    position = Put(target, position, 0x80 | (c & 0x3F));
                }
                else if ((c >= 0xD800 && c <= 0xDFFF) || c == 0xFFFD)
                {
                    // A character outside the BMP, or a lone surrogate, cannot be read alike everywhere:
                    // nanoFramework gives the high surrogate for both halves of a pair and U+FFFD for a
                    // lone one. Refused (with U+FFFD) on every runtime; percent-encode such characters.
                    return -1;
                }
                else
                {
                    position = Put(target, position, 0xE0 | (c >> 12));
                    position = Put(target, position, 0x80 | ((c >> 6) & 0x3F));
                    position = Put(target, position, 0x80 | (c & 0x3F));
                }
            }

            return position;
        }

        private static int Put(byte[] target, int position, int value)
        {
            if (target != null)
            {
                target[position] = (byte)value;
            }

            return position + 1;
        }

        private static int HexValue(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        }
    }
}
