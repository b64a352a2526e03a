using System;
using System.Collections.Generic;
using System.Text;

namespace Coap.Http
{
    /// <summary>
    /// CoAP ETag option values (opaque, 1-8 bytes, RFC 7252 §5.10.6) &lt;-&gt; HTTP entity-tags
    /// (RFC 9110 §8.8.3). Encoding: a strong entity-tag holding the bytes as lowercase hexadecimal,
    /// two digits a byte: ETag 0x0A 0x1B is "0a1b". CoAP ETags are always strong (RFC 7252 §10.1.1),
    /// so the proxy never makes a weak one; uppercase digits are read too.
    /// </summary>
    public static class EntityTagMapping
    {
        /// <summary>The longest ETag option value (RFC 7252 §5.10).</summary>
        public const int MaxLength = 8;

        /// <summary>The HTTP entity-tag for a CoAP ETag value, quotes included; null unless it has 1 to 8 bytes.</summary>
        public static string? ToHttp(byte[]? coapETag)
        {
            if (coapETag == null || coapETag.Length < 1 || coapETag.Length > MaxLength)
            {
                return null;
            }

            return "\"" + Convert.ToHexStringLower(coapETag) + "\"";
        }

        /// <summary>
        /// The CoAP ETag value for one HTTP entity-tag this proxy made (a strong "hex" tag of 1-8 bytes);
        /// null for anything else: a weak tag, another encoding, a malformed tag.
        /// </summary>
        public static byte[]? ToCoap(string? entityTag)
        {
            if (entityTag == null)
            {
                return null;
            }

            string tag = entityTag.Trim();
            if (tag.Length < 2 || tag[0] != '"' || tag[tag.Length - 1] != '"')
            {
                return null;
            }

            return DecodeOpaque(tag.Substring(1, tag.Length - 2));
        }

        // The bytes of an opaque-tag body written by ToHttp, or null.
        internal static byte[]? DecodeOpaque(string hex)
        {
            if (hex.Length < 2 || hex.Length > 2 * MaxLength || hex.Length % 2 != 0)
            {
                return null;
            }

            foreach (char c in hex)
            {
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
                {
                    return null;
                }
            }

            return Convert.FromHexString(hex);
        }

        /// <summary>
        /// Splits an If-Match or If-None-Match value: "*", or a comma-separated list of entity-tags
        /// ([W/] DQUOTE *etagc DQUOTE, RFC 9110 §8.8.3, empty list elements ignored, §5.6.1).
        /// Returns false when the value is malformed.
        /// </summary>
        internal static bool TryParseList(string value, out bool any, out List<KeyValuePair<string, bool>> tags)
        {
            any = false;
            tags = new List<KeyValuePair<string, bool>>();    // opaque body, weak
            string text = value.Trim();
            if (text == "*")
            {
                any = true;
                return true;
            }

            int i = 0;
            while (i < text.Length)
            {
                char c = text[i];
                if (c == ',' || c == ' ' || c == '\t')
                {
                    i++;
                    continue;
                }

                bool weak = false;
                if (c == 'W' && i + 1 < text.Length && text[i + 1] == '/')
                {
                    weak = true;
                    i += 2;
                }

                if (i >= text.Length || text[i] != '"')
                {
                    return false;
                }

                int close = text.IndexOf('"', i + 1);
                if (close < 0)
                {
                    return false;
                }

                var opaque = new StringBuilder();
                for (int k = i + 1; k < close; k++)
                {
                    char e = text[k];
                    if (e < 0x21 || e == 0x7F)
                    {
                        return false;    // etagc = %x21 / %x23-7E / obs-text
                    }

                    opaque.Append(e);
                }

                tags.Add(new KeyValuePair<string, bool>(opaque.ToString(), weak));
                i = close + 1;
                while (i < text.Length && (text[i] == ' ' || text[i] == '\t'))
                {
                    i++;
                }

                if (i < text.Length && text[i] != ',')
                {
                    return false;
                }
            }

            return tags.Count > 0;
        }
    }
}
