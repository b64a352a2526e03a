using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Coap.Http
{
    /// <summary>The path and query of a Target CoAP URI as Uri-Path and Uri-Query values (RFC 7252 §6.4): dot-segments removed, each percent-decoded once.</summary>
    internal static class TargetPath
    {
        private const int MaxOptionLength = 255;   // Uri-Path and Uri-Query values are 0-255 bytes (RFC 7252 §5.10)

        // RFC 3986 §5.2.4 remove_dot_segments over the raw segments of an absolute path (RFC 7252 §6.4 step 2),
        // then the segments of step 8: none for "" or "/".
        internal static List<string> RemoveDotSegments(string path)
        {
            var output = new List<string>();
            if (path.Length <= 1)
            {
                return output;
            }

            string[] input = path.Substring(1).Split('/');
            for (int i = 0; i < input.Length; i++)
            {
                bool last = i == input.Length - 1;
                if (input[i] == "." || input[i] == "..")
                {
                    if (input[i] == ".." && output.Count > 0)
                    {
                        output.RemoveAt(output.Count - 1);
                    }

                    if (last)
                    {
                        output.Add(string.Empty);   // "/a/." is "/a/"
                    }
                }
                else
                {
                    output.Add(input[i]);
                }
            }

            if (output.Count == 1 && output[0].Length == 0)
            {
                output.Clear();                     // "/" again: no Uri-Path
            }

            return output;
        }

        // Percent-decodes one option value to UTF-8 text; returns an error for a bad escape, bad UTF-8 or over 255 bytes.
        internal static string? DecodeOptionValue(string raw, string what, out string value)
        {
            value = string.Empty;
            var bytes = new List<byte>(raw.Length);
            for (int i = 0; i < raw.Length; i++)
            {
                char c = raw[i];
                if (c == '%')
                {
                    if (i + 2 >= raw.Length || !IsHex(raw[i + 1]) || !IsHex(raw[i + 2]))
                    {
                        return "bad percent-encoding in the target's " + what + " '" + raw + "'";
                    }

                    bytes.Add(byte.Parse(raw.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 2;
                }
                else
                {
                    bytes.Add((byte)c);
                }
            }

            if (bytes.Count > MaxOptionLength)
            {
                return "the target's " + what + " is longer than 255 bytes (RFC 7252 §5.10)";
            }

            try
            {
                value = new UTF8Encoding(false, true).GetString(bytes.ToArray());
            }
            catch (DecoderFallbackException)
            {
                return "the target's " + what + " '" + raw + "' is not UTF-8 once decoded";
            }

            return null;
        }

        private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
