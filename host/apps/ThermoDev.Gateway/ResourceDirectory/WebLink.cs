using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace ThermoDev.Gateway.ResourceDirectory
{
    /// <summary>
    /// One link of a link-format document (RFC 6690 §2): a target and its attributes, in the order given.
    /// An attribute without a value ("obs") has a null value.
    /// </summary>
    public sealed record WebLink(string Target, IReadOnlyList<KeyValuePair<string, string?>> Attributes)
    {
        /// <summary>The first value of attribute <paramref name="name"/>, or null (also for one without a value).</summary>
        public string? this[string name] => Attributes.FirstOrDefault(a => a.Key == name).Value;

        /// <summary>True when the link has attribute <paramref name="name"/>, with or without a value.</summary>
        public bool Has(string name) => Attributes.Any(a => a.Key == name);

        /// <summary>The link with another target (and <paramref name="anchor"/> as its anchor, replacing any).</summary>
        public WebLink Resolved(string target, string anchor) =>
            new WebLink(target, Attributes.Where(a => a.Key != "anchor").Append(new KeyValuePair<string, string?>("anchor", anchor)).ToList());

        /// <summary>Writes the link in link-format: &lt;target&gt;;name="value";flag.</summary>
        public void WriteTo(StringBuilder text)
        {
            ArgumentNullException.ThrowIfNull(text);
            text.Append('<').Append(Target).Append('>');
            foreach (KeyValuePair<string, string?> attribute in Attributes)
            {
                text.Append(';').Append(attribute.Key);
                if (attribute.Value != null)
                {
                    text.Append('=');
                    AppendValue(text, attribute.Key, attribute.Value);
                }
            }
        }

        /// <inheritdoc/>
        public override string ToString()
        {
            var text = new StringBuilder();
            WriteTo(text);
            return text.ToString();
        }

        // ct and sz are numbers written bare (RFC 7252 §7.2.1, RFC 6690 §3.3); everything else quoted.
        private static void AppendValue(StringBuilder text, string name, string value)
        {
            if ((name == "ct" || name == "sz") && value.Length > 0 && value.All(char.IsAsciiDigit))
            {
                text.Append(value);
                return;
            }

            text.Append('"');
            foreach (char c in value)
            {
                if (c == '"' || c == '\\')
                {
                    text.Append('\\');
                }

                text.Append(c);
            }

            text.Append('"');
        }
    }
}
