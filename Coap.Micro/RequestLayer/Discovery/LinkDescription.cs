using System;

namespace Coap.Micro
{
    /// <summary>
    /// A resource's link in the CoRE Link Format (RFC 6690 §2), encoded once when the resource is added:
    /// <c>&lt;/path&gt;;rt="...";if="...";ct=0;sz=64;obs;title="..."</c>, with only the attributes the
    /// resource has. Only this line is kept: serving discovery copies it, and query filtering (§4.1,
    /// <see cref="LinkFilter"/>) finds the attribute values in it.
    /// </summary>
    internal static class LinkDescription
    {
        private static readonly byte[] ResourceTypeName = Ascii.Bytes(";rt=");
        private static readonly byte[] InterfaceName = Ascii.Bytes(";if=");
        private static readonly byte[] ContentFormatName = Ascii.Bytes(";ct=");
        private static readonly byte[] SizeName = Ascii.Bytes(";sz=");
        private static readonly byte[] ObservableName = Ascii.Bytes(";obs");
        private static readonly byte[] TitleName = Ascii.Bytes(";title=");
        private static readonly byte[] Hex = Ascii.Bytes("0123456789ABCDEF");

        /// <summary>Encodes the link-value of <paramref name="resource"/>; throws <see cref="ArgumentException"/> on an attribute that is not printable ASCII.</summary>
        internal static byte[] Encode(CoapResource resource)
        {
            if (!Printable(resource.ResourceType))
            {
                throw new ArgumentException("link attributes are printable ASCII", "ResourceType");
            }

            if (!Printable(resource.InterfaceDescription))
            {
                throw new ArgumentException("link attributes are printable ASCII", "InterfaceDescription");
            }

            if (!Printable(resource.Title))
            {
                throw new ArgumentException("link attributes are printable ASCII", "Title");
            }

            byte[] href = EncodeHref(resource);
            byte[] resourceType = Text(resource.ResourceType);
            byte[] linkInterface = Text(resource.InterfaceDescription);
            byte[] title = Text(resource.Title);
            byte[] link = new byte[2 * (href.Length + Length(resourceType) + Length(linkInterface) + Length(title)) + 64];
            int n = 0;
            link[n++] = (byte)'<';
            n = Copy(href, link, n);
            link[n++] = (byte)'>';
            n = Quoted(ResourceTypeName, resourceType, link, n);
            n = Quoted(InterfaceName, linkInterface, link, n);
            if (resource.ContentFormat >= 0)
            {
                n = Copy(ContentFormatName, link, n);
                n += AsciiNumber.Write(resource.ContentFormat, link, n);
            }

            if (resource.SizeEstimate >= 0)
            {
                n = Copy(SizeName, link, n);
                n += AsciiNumber.Write(resource.SizeEstimate, link, n);
            }

            if (resource.Observable)
            {
                n = Copy(ObservableName, link, n);
            }

            n = Quoted(TitleName, title, link, n);
            byte[] exact = new byte[n];
            Array.Copy(link, exact, n);
            return exact;
        }

        // "/" and each segment; bytes other than RFC 3986 pchar are percent-encoded.
        private static byte[] EncodeHref(CoapResource resource)
        {
            string path = resource.Path;
            byte[] href = new byte[1 + 3 * path.Length];
            int n = 0;
            href[n++] = (byte)'/';
            for (int i = 0; i < path.Length; i++)
            {
                char c = path[i];
                if (c == '/' || IsPathCharacter(c))
                {
                    href[n++] = (byte)c;
                }
                else
                {
                    href[n++] = (byte)'%';
                    href[n++] = Hex[(c >> 4) & 0x0F];
                    href[n++] = Hex[c & 0x0F];
                }
            }

            byte[] exact = new byte[n];
            Array.Copy(href, exact, n);
            return exact;
        }

        // RFC 3986 §3.3: unreserved, sub-delims, ":" and "@".
        private static bool IsPathCharacter(char c)
        {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '!' || c == '$' || c == '&' || c == '\''
                || c == '(' || c == ')' || c == '*' || c == '+' || c == ',' || c == ';' || c == '=' || c == ':' || c == '@';
        }

        // A quoted-string (RFC 6690 §2): '"' and '\' are escaped with '\'.
        private static int Quoted(byte[] name, byte[] value, byte[] link, int n)
        {
            if (value == null)
            {
                return n;
            }

            n = Copy(name, link, n);
            link[n++] = (byte)'"';
            for (int i = 0; i < value.Length; i++)
            {
                if (value[i] == (byte)'"' || value[i] == (byte)'\\')
                {
                    link[n++] = (byte)'\\';
                }

                link[n++] = value[i];
            }

            link[n++] = (byte)'"';
            return n;
        }

        private static bool Printable(string value)
        {
            if (value != null)
            {
                for (int i = 0; i < value.Length; i++)
                {
                    if (value[i] < 0x20 || value[i] > 0x7E)
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private static byte[] Text(string value)
        {
            return value == null ? null : Ascii.Bytes(value);
        }

        private static int Copy(byte[] source, byte[] target, int at)
        {
            Array.Copy(source, 0, target, at, source.Length);
            return at + source.Length;
        }

        private static int Length(byte[] value)
        {
            return value == null ? 0 : value.Length;
        }
    }
}
