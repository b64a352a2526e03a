using System.Collections.Generic;
using System.Text;

namespace ThermoDev.Gateway.ResourceDirectory
{
    /// <summary>
    /// Reads application/link-format (RFC 6690 §2): links separated by commas, each &lt;target&gt; followed by
    /// ;name=value parameters, a value a token or a quoted string (with \-escapes, RFC 8288 §3). Whitespace
    /// (a line break included) between the parts is skipped. Anything else is an error: the whole document
    /// is refused, never half taken.
    /// </summary>
    public static class LinkFormat
    {
        /// <summary>The links of <paramref name="text"/> (none for an empty one); null when it is not link-format.</summary>
        public static List<WebLink>? Parse(string text)
        {
            var links = new List<WebLink>();
            int at = 0;
            SkipSpace(text, ref at);
            if (at == text.Length)
            {
                return links;
            }

            while (true)
            {
                SkipSpace(text, ref at);
                if (at >= text.Length || text[at] != '<')
                {
                    return null;
                }

                int close = text.IndexOf('>', at + 1);
                if (close < 0)
                {
                    return null;
                }

                string target = text.Substring(at + 1, close - at - 1);
                at = close + 1;
                var attributes = new List<KeyValuePair<string, string?>>();
                SkipSpace(text, ref at);
                while (at < text.Length && text[at] == ';')
                {
                    at++;
                    SkipSpace(text, ref at);
                    int nameStart = at;
                    while (at < text.Length && IsTokenChar(text[at]))
                    {
                        at++;
                    }

                    if (at == nameStart)
                    {
                        return null;
                    }

                    string name = text.Substring(nameStart, at - nameStart).ToLowerInvariant();
                    SkipSpace(text, ref at);
                    string? value = null;
                    if (at < text.Length && text[at] == '=')
                    {
                        at++;
                        SkipSpace(text, ref at);
                        value = ReadValue(text, ref at);
                        if (value == null)
                        {
                            return null;
                        }
                    }

                    attributes.Add(new KeyValuePair<string, string?>(name, value));
                    SkipSpace(text, ref at);
                }

                links.Add(new WebLink(target, attributes));
                if (at == text.Length)
                {
                    return links;
                }

                if (text[at] != ',')
                {
                    return null;
                }

                at++;
            }
        }

        /// <summary>The links as one link-format document, comma-separated.</summary>
        public static string Write(IEnumerable<WebLink> links)
        {
            var text = new StringBuilder();
            foreach (WebLink link in links)
            {
                if (text.Length > 0)
                {
                    text.Append(',');
                }

                link.WriteTo(text);
            }

            return text.ToString();
        }

        private static string? ReadValue(string text, ref int at)
        {
            if (at < text.Length && text[at] == '"')
            {
                var value = new StringBuilder();
                at++;
                while (at < text.Length)
                {
                    char c = text[at++];
                    if (c == '"')
                    {
                        return value.ToString();
                    }

                    if (c == '\\')
                    {
                        if (at == text.Length)
                        {
                            return null;
                        }

                        c = text[at++];
                    }

                    value.Append(c);
                }

                return null;
            }

            int start = at;
            while (at < text.Length && text[at] != ';' && text[at] != ',' && !char.IsWhiteSpace(text[at]))
            {
                at++;
            }

            return at == start ? null : text.Substring(start, at - start);
        }

        private static void SkipSpace(string text, ref int at)
        {
            while (at < text.Length && char.IsWhiteSpace(text[at]))
            {
                at++;
            }
        }

        // RFC 8288 §3: a parameter name is a token; link-format names are lower-case letters, digits, '-', '.', '_' and a few more.
        private static bool IsTokenChar(char c) =>
            char.IsAsciiLetterOrDigit(c) || c == '-' || c == '.' || c == '_' || c == '!' || c == '#' || c == '$' || c == '&'
            || c == '+' || c == '^' || c == '`' || c == '|' || c == '~' || c == '*' || c == '\'';
    }
}
