using System;
using System.Collections.Generic;
using System.Text;

namespace ThermoDev.HostTests.Conformance
{
    /// <summary>A reader of the CoRE Link Format (RFC 6690 §2) for the tests: links, each a target and its attributes.</summary>
    public static class LinkFormat
    {
        public sealed record Link(string Target, IReadOnlyDictionary<string, string> Attributes);

        /// <summary>
        /// The links of <paramref name="text"/>: "&lt;/a&gt;;rt=\"x y\";ct=0;obs,&lt;/b&gt;". A quoted value is
        /// unquoted (\" and \\ unescaped); an attribute without a value maps to the empty string. Throws
        /// <see cref="FormatException"/> on text that is not link-format.
        /// </summary>
        public static List<Link> Parse(string text)
        {
            var links = new List<Link>();
            int i = 0;
            while (i < text.Length)
            {
                Expect(text, i++, '<');
                int close = text.IndexOf('>', i);
                if (close < 0)
                {
                    throw new FormatException($"no '>' after {i} in {text}");
                }

                string target = text[i..close];
                i = close + 1;
                var attributes = new Dictionary<string, string>();
                while (i < text.Length && text[i] == ';')
                {
                    i++;
                    int start = i;
                    while (i < text.Length && text[i] != '=' && text[i] != ';' && text[i] != ',')
                    {
                        i++;
                    }

                    string name = text[start..i];
                    string value = string.Empty;
                    if (i < text.Length && text[i] == '=')
                    {
                        i++;
                        value = text[i] == '"' ? Quoted(text, ref i) : Token(text, ref i);
                    }

                    attributes[name] = value;
                }

                links.Add(new Link(target, attributes));
                if (i < text.Length)
                {
                    Expect(text, i++, ',');
                }
            }

            return links;
        }

        private static string Quoted(string text, ref int i)
        {
            var value = new StringBuilder();
            for (i++; i < text.Length && text[i] != '"'; i++)
            {
                if (text[i] == '\\')
                {
                    i++;
                }

                value.Append(text[i]);
            }

            Expect(text, i++, '"');
            return value.ToString();
        }

        private static string Token(string text, ref int i)
        {
            int start = i;
            while (i < text.Length && text[i] != ';' && text[i] != ',')
            {
                i++;
            }

            return text[start..i];
        }

        private static void Expect(string text, int at, char c)
        {
            if (at >= text.Length || text[at] != c)
            {
                throw new FormatException($"'{c}' expected at {at} in {text}");
            }
        }
    }
}
