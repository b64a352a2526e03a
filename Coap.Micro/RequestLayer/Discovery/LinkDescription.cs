using System;

namespace Coap.Micro
{
    /// <summary>
    /// A resource's link in the CoRE Link Format (RFC 6690 §2), encoded once when the resource is added:
    /// <c>&lt;/path&gt;;rt="...";if="...";ct=0;sz=64;obs;title="..."</c>, with only the attributes the
    /// resource has, and each attribute's value kept apart for query filtering (§4.1). Serving discovery
    /// then copies bytes only.
    /// </summary>
    internal sealed class LinkDescription
    {
        private static readonly byte[] ResourceTypeName = Ascii.Bytes(";rt=");
        private static readonly byte[] InterfaceName = Ascii.Bytes(";if=");
        private static readonly byte[] ContentFormatName = Ascii.Bytes(";ct=");
        private static readonly byte[] SizeName = Ascii.Bytes(";sz=");
        private static readonly byte[] ObservableName = Ascii.Bytes(";obs");
        private static readonly byte[] TitleName = Ascii.Bytes(";title=");
        private static readonly byte[] Hex = Ascii.Bytes("0123456789ABCDEF");

        /// <summary>The whole link-value.</summary>
        internal readonly byte[] Link;

        /// <summary>The URI-reference between "&lt;" and "&gt;": "/" and the path, percent-encoded (RFC 3986 §3.3).</summary>
        internal readonly byte[] Href;

        /// <summary>rt, unquoted, or null.</summary>
        internal readonly byte[] ResourceType;

        /// <summary>if, unquoted, or null.</summary>
        internal readonly byte[] Interface;

        /// <summary>ct as decimal digits, or null.</summary>
        internal readonly byte[] ContentFormat;

        /// <summary>sz as decimal digits, or null.</summary>
        internal readonly byte[] Size;

        /// <summary>title, unquoted, or null.</summary>
        internal readonly byte[] Title;

        /// <summary>obs: the resource is observable (RFC 7641 §6).</summary>
        internal readonly bool Observable;

        /// <summary>Encodes the link of <paramref name="resource"/>; throws <see cref="ArgumentException"/> on an attribute that is not printable ASCII.</summary>
        internal LinkDescription(CoapResource resource)
        {
            Href = EncodeHref(resource);
            ResourceType = Text(resource.ResourceType, "ResourceType");
            Interface = Text(resource.InterfaceDescription, "InterfaceDescription");
            Title = Text(resource.Title, "Title");
            ContentFormat = resource.ContentFormat < 0 ? null : Digits(resource.ContentFormat);
            Size = resource.SizeEstimate < 0 ? null : Digits(resource.SizeEstimate);
            Observable = resource.Observable;

            byte[] link = new byte[2 * (Href.Length + Length(ResourceType) + Length(Interface) + Length(Title)) + 64];
            int n = 0;
            link[n++] = (byte)'<';
            n = Copy(Href, link, n);
            link[n++] = (byte)'>';
            n = Quoted(ResourceTypeName, ResourceType, link, n);
            n = Quoted(InterfaceName, Interface, link, n);
            if (ContentFormat != null)
            {
                n = Copy(ContentFormat, link, Copy(ContentFormatName, link, n));
            }

            if (Size != null)
            {
                n = Copy(Size, link, Copy(SizeName, link, n));
            }

            if (Observable)
            {
                n = Copy(ObservableName, link, n);
            }

            n = Quoted(TitleName, Title, link, n);
            Link = new byte[n];
            Array.Copy(link, Link, n);
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

        private static byte[] Text(string value, string name)
        {
            if (value == null)
            {
                return null;
            }

            for (int i = 0; i < value.Length; i++)
            {
                if (value[i] < 0x20 || value[i] > 0x7E)
                {
                    throw new ArgumentException("link attributes are printable ASCII", name);
                }
            }

            return Ascii.Bytes(value);
        }

        private static byte[] Digits(int value)
        {
            byte[] digits = new byte[11];
            int count = AsciiNumber.Write(value, digits, 0);
            byte[] exact = new byte[count];
            Array.Copy(digits, exact, count);
            return exact;
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
