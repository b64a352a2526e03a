using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http.Headers;
using Coap.Micro;

namespace Coap.Http
{
    /// <summary>
    /// CoAP Content-Format &lt;-&gt; HTTP media type (RFC 8075 §6, the "CoAP Content-Formats" registry of
    /// RFC 7252 §12.3 and the registrations that followed it). Only exact registry entries are mapped:
    /// the optional "loose" mapping of RFC 8075 §6.3 is left out.
    /// </summary>
    public static class MediaTypeMapping
    {
        /// <summary>The generic media type for a Content-Format the proxy does not know (RFC 8075 §6.2, §9.2).</summary>
        public const string CoapPayload = "application/coap-payload";

        // The registry entries mapped here: Content-Format and its media type with parameters (lowercase).
        private static readonly KeyValuePair<int, string>[] Registry =
        {
            new KeyValuePair<int, string>(CoapContentFormat.TextPlain, "text/plain; charset=utf-8"), // RFC 7252 §12.3
            new KeyValuePair<int, string>(CoapContentFormat.LinkFormat, "application/link-format"),  // RFC 6690 §7.2
            new KeyValuePair<int, string>(CoapContentFormat.Xml, "application/xml"),                // RFC 7252 §12.3
            new KeyValuePair<int, string>(CoapContentFormat.OctetStream, "application/octet-stream"),// RFC 7252 §12.3
            new KeyValuePair<int, string>(CoapContentFormat.Exi, "application/exi"),                // RFC 7252 §12.3
            new KeyValuePair<int, string>(CoapContentFormat.Json, "application/json"),              // RFC 7252 §12.3
            new KeyValuePair<int, string>(CoapContentFormat.Cbor, "application/cbor"),              // RFC 8949 §9.5
            new KeyValuePair<int, string>(CoapContentFormat.SenmlJson, "application/senml+json"),   // RFC 8428 §12.3
            new KeyValuePair<int, string>(CoapContentFormat.SenmlCbor, "application/senml+cbor"),   // RFC 8428 §12.3
        };

        /// <summary>The Content-Formats this mapping knows, ascending.</summary>
        public static IReadOnlyList<int> KnownContentFormats { get; } = Array.ConvertAll(Registry, e => e.Key);

        /// <summary>
        /// The HTTP Content-Type for a CoAP Content-Format: the registry's media type, or
        /// "application/coap-payload; cf=N" for a Content-Format not in it (RFC 8075 §6.2, never
        /// application/octet-stream). Null when the response had no Content-Format option: its format
        /// is indeterminate (RFC 7252 §5.10.3); the caller chooses what such a payload is called.
        /// </summary>
        public static string? ToMediaType(int? contentFormat)
        {
            if (contentFormat == null || contentFormat < 0)
            {
                return null;
            }

            foreach (var entry in Registry)
            {
                if (entry.Key == contentFormat.Value)
                {
                    return entry.Value;
                }
            }

            return CoapPayload + "; cf=" + contentFormat.Value.ToString(CultureInfo.InvariantCulture);
        }

        /// <summary>
        /// The CoAP Content-Format for an HTTP Content-Type and Content-Encoding, or null when the pair
        /// maps to none: the proxy answers 415 Unsupported Media Type (RFC 8075 §6.1). Type, subtype and
        /// parameter names compare case-insensitively (RFC 9110 §8.3.1). text/plain maps to 0 with
        /// charset utf-8 or no charset (US-ASCII, the text/* default, is a subset of UTF-8). Any content
        /// coding but identity is refused, since no Content-Format here has one (RFC 8075 §6.4).
        /// application/coap-payload is refused too: the proxy is not configured to pass unknown
        /// Content-Formats through (RFC 8075 §6.2).
        /// </summary>
        public static int? ToContentFormat(string? contentType, string? contentEncoding = null)
        {
            if (!string.IsNullOrWhiteSpace(contentEncoding) && !string.Equals(contentEncoding.Trim(), "identity", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            if (contentType == null || !MediaTypeHeaderValue.TryParse(contentType, out var parsed) || parsed.MediaType == null)
            {
                return null;
            }

            return ToContentFormat(parsed);
        }

        /// <summary>The Content-Format for a parsed media type (an Accept entry or a Content-Type), or null.</summary>
        internal static int? ToContentFormat(MediaTypeHeaderValue mediaType)
        {
            string type = mediaType.MediaType!.ToLowerInvariant();
            string? charset = null;
            foreach (var parameter in mediaType.Parameters)
            {
                if (string.Equals(parameter.Name, "charset", StringComparison.OrdinalIgnoreCase))
                {
                    charset = parameter.Value?.Trim('"').ToLowerInvariant();
                }
                else if (!string.Equals(parameter.Name, "q", StringComparison.OrdinalIgnoreCase))
                {
                    return null;   // a parameter no registry entry has (e.g. cf of coap-payload)
                }
            }

            if (type == "text/plain")
            {
                return charset == null || charset == "utf-8" || charset == "us-ascii" ? CoapContentFormat.TextPlain : (int?)null;
            }

            if (charset != null)
            {
                return null;       // no other entry takes a charset
            }

            foreach (var entry in Registry)
            {
                if (entry.Key != CoapContentFormat.TextPlain && entry.Value == type)
                {
                    return entry.Key;
                }
            }

            return null;
        }

        /// <summary>The bare type/subtype of a registry entry ("text/plain" for 0), for matching Accept ranges.</summary>
        internal static string? BareMediaType(int contentFormat)
        {
            string? full = ToMediaType(contentFormat);
            if (full == null)
            {
                return null;
            }

            int semicolon = full.IndexOf(';');
            return semicolon < 0 ? full : full.Substring(0, semicolon);
        }
    }
}
