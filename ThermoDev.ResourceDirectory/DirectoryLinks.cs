using Coap.Micro;

namespace ThermoDev.ResourceDirectory
{
    /// <summary>
    /// The CoRE Link Format (RFC 6690) both ways round a registration: the links a device registers, written
    /// from its server's resources as its /.well-known/core lists them (RFC 9176 §5: the payload of a
    /// registration), and the registration interface found in an RD's discovery answer (rt="core.rd", §4.3).
    /// </summary>
    public static class DirectoryLinks
    {
        private static readonly byte[] ResourceTypeName = Ascii.Bytes(";rt=\"");
        private static readonly byte[] InterfaceName = Ascii.Bytes(";if=\"");
        private static readonly byte[] ContentFormatName = Ascii.Bytes(";ct=");
        private static readonly byte[] SizeName = Ascii.Bytes(";sz=");
        private static readonly byte[] ObservableName = Ascii.Bytes(";obs");
        private static readonly byte[] TitleName = Ascii.Bytes(";title=\"");
        private static readonly byte[] RegistrationType = Ascii.Bytes("core.rd");
        private static readonly byte[] Hex = Ascii.Bytes("0123456789ABCDEF");

        /// <summary>
        /// The links of <paramref name="server"/>'s discoverable resources, in the order they were added, with
        /// the attributes discovery shows (rt, if, ct, sz, obs, title): what an unfiltered GET of its
        /// /.well-known/core answers. Made once at start-up.
        /// </summary>
        public static byte[] Encode(CoapServer server)
        {
            byte[] links = new byte[Write(server, null)];
            Write(server, links);
            return links;
        }

        /// <summary>
        /// Finds the first link whose resource type (rt) includes "core.rd" in the link-format text
        /// <paramref name="buffer"/>[offset, offset + length) and sets <paramref name="path"/> to its href
        /// (a path beginning with '/', RFC 9176 §4.3); false, and <paramref name="path"/> untouched, when there
        /// is none. Allocates nothing.
        /// </summary>
        public static bool FindRegistrationInterface(byte[] buffer, int offset, int length, CoapPath path)
        {
            int end = offset + length;
            int i = offset;
            while (i < end)
            {
                // A link: <href> then attributes up to a comma outside quotes (RFC 6690 §2).
                while (i < end && buffer[i] != '<')
                {
                    i++;
                }

                int hrefStart = i + 1;
                int hrefEnd = hrefStart;
                while (hrefEnd < end && buffer[hrefEnd] != '>')
                {
                    hrefEnd++;
                }

                if (hrefEnd >= end)
                {
                    return false;
                }

                int linkEnd = hrefEnd + 1;
                bool quoted = false;
                while (linkEnd < end && (quoted || buffer[linkEnd] != ','))
                {
                    if (buffer[linkEnd] == '"')
                    {
                        quoted = !quoted;
                    }

                    linkEnd++;
                }

                if (HasRegistrationType(buffer, hrefEnd + 1, linkEnd) && hrefEnd > hrefStart && buffer[hrefStart] == '/')
                {
                    return SetPath(buffer, hrefStart, hrefEnd, path);
                }

                i = linkEnd + 1;
            }

            return false;
        }

        // True when an rt attribute in [start, end) holds "core.rd" among its space-separated values.
        private static bool HasRegistrationType(byte[] buffer, int start, int end)
        {
            for (int i = start; i + 3 < end; i++)
            {
                if (buffer[i] != ';' || buffer[i + 1] != 'r' || buffer[i + 2] != 't' || buffer[i + 3] != '=')
                {
                    continue;
                }

                int value = i + 4;
                bool quoted = value < end && buffer[value] == '"';
                if (quoted)
                {
                    value++;
                }

                int valueEnd = value;
                while (valueEnd < end && buffer[valueEnd] != '"' && (quoted || buffer[valueEnd] != ';'))
                {
                    valueEnd++;
                }

                int word = value;
                for (int j = value; j <= valueEnd; j++)
                {
                    if (j == valueEnd || buffer[j] == ' ')
                    {
                        if (ByteCompare.Equal(buffer, word, j - word, RegistrationType, 0, RegistrationType.Length))
                        {
                            return true;
                        }

                        word = j + 1;
                    }
                }
            }

            return false;
        }

        // The href's segments as Uri-Path options; false when one does not fit.
        private static bool SetPath(byte[] buffer, int start, int end, CoapPath path)
        {
            path.Clear();
            int segment = start + 1;
            for (int j = segment; j <= end; j++)
            {
                if (j == end || buffer[j] == '/')
                {
                    if (j > segment || j < end)
                    {
                        if (!path.AddSegment(buffer, segment, j - segment))
                        {
                            path.Clear();
                            return false;
                        }
                    }

                    segment = j + 1;
                }
            }

            return true;
        }

        // Writes the links into target (or only counts them when target is null); returns the length.
        private static int Write(CoapServer server, byte[] target)
        {
            int n = 0;
            bool first = true;
            for (int i = 0; i < server.ResourceCount; i++)
            {
                CoapResource resource = server.GetResource(i);
                if (!resource.Discoverable)
                {
                    continue;
                }

                if (!first)
                {
                    n = Put(target, n, ',');
                }

                first = false;
                n = Put(target, n, '<');
                n = Put(target, n, '/');
                n = Href(resource.Path, target, n);
                n = Put(target, n, '>');
                n = Quoted(ResourceTypeName, resource.ResourceType, target, n);
                n = Quoted(InterfaceName, resource.InterfaceDescription, target, n);
                if (resource.ContentFormat >= 0)
                {
                    n = Number(ContentFormatName, resource.ContentFormat, target, n);
                }

                if (resource.SizeEstimate >= 0)
                {
                    n = Number(SizeName, resource.SizeEstimate, target, n);
                }

                if (resource.Observable)
                {
                    n = Copy(ObservableName, target, n);
                }

                n = Quoted(TitleName, resource.Title, target, n);
            }

            return n;
        }

        // The path with bytes other than RFC 3986 pchar and '/' percent-encoded (UTF-8).
        private static int Href(string path, byte[] target, int n)
        {
            for (int i = 0; i < path.Length; i++)
            {
                int c = path[i];
                if (c < 0x80)
                {
                    n = PathByte(c, target, n);
                }
                else if (c < 0x800)
                {
                    n = PathByte(0xC0 | (c >> 6), target, n);
                    n = PathByte(0x80 | (c & 0x3F), target, n);
                }
                else
                {
                    n = PathByte(0xE0 | (c >> 12), target, n);
                    n = PathByte(0x80 | ((c >> 6) & 0x3F), target, n);
                    n = PathByte(0x80 | (c & 0x3F), target, n);
                }
            }

            return n;
        }

        private static int PathByte(int b, byte[] target, int n)
        {
            bool plain = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                || b == '-' || b == '.' || b == '_' || b == '~' || b == '/' || b == ':' || b == '@'
                || b == '!' || b == '$' || b == '&' || b == '\'' || b == '(' || b == ')' || b == '*'
                || b == '+' || b == ',' || b == ';' || b == '=';
            if (plain)
            {
                return Put(target, n, b);
            }

            n = Put(target, n, '%');
            n = Put(target, n, Hex[b >> 4]);
            return Put(target, n, Hex[b & 0x0F]);
        }

        // name"value" when value is set (the name ends in the opening quote).
        private static int Quoted(byte[] name, string value, byte[] target, int n)
        {
            if (value == null || value.Length == 0)
            {
                return n;
            }

            n = Copy(name, target, n);
            for (int i = 0; i < value.Length; i++)
            {
                n = Put(target, n, value[i]);
            }

            return Put(target, n, '"');
        }

        private static int Number(byte[] name, int value, byte[] target, int n)
        {
            n = Copy(name, target, n);
            if (target != null)
            {
                return n + AsciiNumber.Write(value, target, n);
            }

            byte[] digits = new byte[11];
            return n + AsciiNumber.Write(value, digits, 0);
        }

        private static int Copy(byte[] source, byte[] target, int n)
        {
            if (target != null)
            {
                System.Array.Copy(source, 0, target, n, source.Length);
            }

            return n + source.Length;
        }

        private static int Put(byte[] target, int n, int b)
        {
            if (target != null)
            {
                target[n] = (byte)b;
            }

            return n + 1;
        }
    }
}
