using System;
using System.Collections.Generic;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace ThermoDev.Gateway.Proxy
{
    /// <summary>
    /// HTTP entity-tags -> CoAP ETag values. The gateway writes a CoAP ETag as its bytes in hex, quoted
    /// (<see cref="CoapResponseWriter.ToEntityTag"/>), so only such tags can name a device's
    /// representation; others are left out.
    /// </summary>
    public static class EntityTags
    {
        /// <summary>The CoAP ETag values of the header's entity-tags (1 to 8 bytes each, RFC 7252 §5.10.6); "*" sets <paramref name="any"/>.</summary>
        public static byte[][] Read(StringValues header, out bool any)
        {
            any = false;
            var tags = new List<byte[]>();
            if (StringValues.IsNullOrEmpty(header) || !EntityTagHeaderValue.TryParseList(header, out IList<EntityTagHeaderValue>? parsed))
            {
                return tags.ToArray();
            }

            foreach (EntityTagHeaderValue tag in parsed)
            {
                if (tag.Equals(EntityTagHeaderValue.Any))
                {
                    any = true;
                    continue;
                }

                string hex = tag.Tag.ToString().Trim('"');
                if (hex.Length >= 2 && hex.Length <= 16 && hex.Length % 2 == 0 && IsHex(hex))
                {
                    tags.Add(Convert.FromHexString(hex));
                }
            }

            return tags.ToArray();
        }

        private static bool IsHex(string text)
        {
            foreach (char c in text)
            {
                if (!Uri.IsHexDigit(c))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
