using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http.Headers;

namespace Coap.Http
{
    /// <summary>
    /// An HTTP Accept header read for a CoAP request (RFC 7252 §10.2.2, RFC 8075 §6.1, RFC 9110 §12.5.1):
    /// the CoAP Accept option to send (one value or none), the values to retry with after a 4.06, and
    /// whether a response's Content-Format is acceptable. Content codings (Accept-Encoding) are not
    /// negotiated: every Content-Format mapped here has the identity coding.
    /// </summary>
    public sealed class AcceptNegotiation
    {
        // A Content-Format outside the mapped registry entries (the last of the experimental range, RFC 7252 §12.3).
        private const int UnknownFormat = 65535;

        private readonly List<Range> ranges;

        private AcceptNegotiation(List<Range> ranges, List<int?> attempts, bool nothingAcceptable)
        {
            this.ranges = ranges;
            Attempts = attempts;
            NothingAcceptable = nothingAcceptable;
        }

        /// <summary>
        /// The CoAP Accept values to try, in turn: the first for the request, the next ones after a 4.06 (the proxy
        /// MAY retry, RFC 7252 §10.2.2); null means no Accept option. The most-preferred media type is mapped when
        /// it has a Content-Format; a range (*/*, text/*) or a media type without one maps to no Accept option
        /// (RFC 8075 §6.1: */* MUST, an unmappable type SHOULD be silently ignored). Entries are ordered by q,
        /// then a media type before a range, then as written. Empty when <see cref="NothingAcceptable"/>.
        /// </summary>
        public IReadOnlyList<int?> Attempts { get; }

        /// <summary>The CoAP Accept option for the first request: the first of <see cref="Attempts"/>, or null for none.</summary>
        public int? CoapAccept => Attempts.Count > 0 ? Attempts[0] : null;

        /// <summary>
        /// True when the proxy answers 406 without asking the server: no Content-Format it can return (a known
        /// one, or application/coap-payload for an unknown one) is acceptable (RFC 7252 §10.2.2), or the header
        /// names application/coap-payload, which this proxy does not forward (RFC 8075 §6.2).
        /// </summary>
        public bool NothingAcceptable { get; }

        /// <summary>
        /// Reads an Accept value; null or empty means any media type is acceptable. Elements that do not parse are
        /// ignored; when none parses the header is disregarded as if absent (RFC 9110 §12.5.1).
        /// </summary>
        public static AcceptNegotiation Parse(string? accept)
        {
            var ranges = new List<Range>();
            if (!string.IsNullOrWhiteSpace(accept))
            {
                int order = 0;
                foreach (string element in SplitList(accept))
                {
                    if (MediaTypeWithQualityHeaderValue.TryParse(element, out var parsed) && parsed.MediaType != null && TryReadWeight(parsed, out double q))
                    {
                        ranges.Add(new Range(parsed, q, order++));
                    }
                }
            }

            if (ranges.Count == 0)
            {
                return new AcceptNegotiation(ranges, new List<int?> { null }, false);
            }

            var sorted = new List<Range>(ranges);
            sorted.Sort((a, b) => a.Q != b.Q ? b.Q.CompareTo(a.Q) : (a.IsRange != b.IsRange ? (a.IsRange ? 1 : -1) : a.Order.CompareTo(b.Order)));
            var negotiation = new AcceptNegotiation(ranges, new List<int?>(), false);
            bool anyAcceptable = negotiation.Accepts(UnknownFormat);   // application/coap-payload
            foreach (int format in MediaTypeMapping.KnownContentFormats)
            {
                anyAcceptable |= negotiation.Accepts(format);
            }

            if (!anyAcceptable || NamesCoapPayload(ranges))
            {
                return new AcceptNegotiation(ranges, new List<int?>(), true);
            }

            var attempts = new List<int?>();
            foreach (Range range in sorted)
            {
                if (range.Q <= 0)
                {
                    continue;                                // q=0: "not acceptable" (RFC 9110 §12.4.2)
                }

                int? format = range.IsRange ? null : MediaTypeMapping.ToContentFormat(range.Value);
                if (format != null && !negotiation.Accepts(format.Value))
                {
                    continue;                                // excluded by a more specific q=0
                }

                if (!attempts.Contains(format))
                {
                    attempts.Add(format);
                }
            }

            return new AcceptNegotiation(ranges, attempts, false);
        }

        /// <summary>
        /// True when a response with this Content-Format (null or negative: none, the format is indeterminate) is acceptable:
        /// the most specific range matching its media type has q &gt; 0 (RFC 9110 §12.5.1). A Content-Format not
        /// known here is application/coap-payload (RFC 8075 §6.2). When not acceptable, answer 406.
        /// </summary>
        public bool Accepts(int? contentFormat)
        {
            if (contentFormat == null || contentFormat < 0 || ranges.Count == 0)
            {
                return true;     // no Content-Format (CoapContentFormat.None is -1): not subject to negotiation
            }

            string type = MediaTypeMapping.BareMediaType(contentFormat.Value)!;

            int bestSpecificity = -1;
            double bestQ = 0;
            foreach (Range range in ranges)
            {
                int specificity = range.Specificity(type, contentFormat.Value);
                if (specificity > bestSpecificity)
                {
                    bestSpecificity = specificity;
                    bestQ = range.Q;
                }
            }

            return bestSpecificity >= 0 && bestQ > 0;
        }

        // The weight of an element: q as written (RFC 9110 §12.4.2: 0 to 1, at most three decimals), 1 without q.
        private static bool TryReadWeight(MediaTypeWithQualityHeaderValue value, out double q)
        {
            q = 1.0;
            foreach (var parameter in value.Parameters)
            {
                if (string.Equals(parameter.Name, "q", StringComparison.OrdinalIgnoreCase))
                {
                    string text = parameter.Value ?? string.Empty;
                    return text.Length > 0 && text.Length <= 5 && (text[0] == '0' || text[0] == '1')
                        && double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out q) && q >= 0 && q <= 1;
                }
            }

            return true;
        }

        // RFC 8075 §6.2: a request whose Accept names application/coap-payload is not forwarded unless the proxy is
        // configured to pass unknown Content-Formats through, which this one is not.
        private static bool NamesCoapPayload(List<Range> ranges)
        {
            foreach (Range range in ranges)
            {
                if (range.Type == MediaTypeMapping.CoapPayload && range.Q > 0)
                {
                    return true;
                }
            }

            return false;
        }

        // Splits a list on commas outside quoted strings (RFC 9110 §5.6.1); empty elements are dropped.
        private static IEnumerable<string> SplitList(string value)
        {
            int start = 0;
            bool quoted = false;
            for (int i = 0; i <= value.Length; i++)
            {
                if (i < value.Length && value[i] == '"')
                {
                    quoted = !quoted;
                }

                if (i == value.Length || (value[i] == ',' && !quoted))
                {
                    string element = value.Substring(start, i - start).Trim();
                    if (element.Length > 0)
                    {
                        yield return element;
                    }

                    start = i + 1;
                }
            }
        }

        // One media-range of the Accept header with its weight and position.
        private sealed class Range
        {
            public Range(MediaTypeWithQualityHeaderValue value, double q, int order)
            {
                Value = value;
                Q = q;
                Order = order;
                Type = value.MediaType!.ToLowerInvariant();
                IsRange = Type.EndsWith("/*", StringComparison.Ordinal);
                foreach (var parameter in value.Parameters)
                {
                    if (!string.Equals(parameter.Name, "q", StringComparison.OrdinalIgnoreCase))
                    {
                        HasParameters = true;
                    }
                }
            }

            public MediaTypeWithQualityHeaderValue Value { get; }

            public double Q { get; }

            public int Order { get; }

            public string Type { get; }

            public bool IsRange { get; }

            public bool HasParameters { get; }

            // How specifically this range matches the media type of a Content-Format: 3 type/subtype with matching
            // parameters, 2 type/subtype, 1 type/*, 0 */*, -1 no match (RFC 9110 §12.5.1 precedence).
            public int Specificity(string mediaType, int contentFormat)
            {
                if (Type == "*/*")
                {
                    return 0;
                }

                if (IsRange)
                {
                    return mediaType.StartsWith(Type.Substring(0, Type.Length - 1), StringComparison.Ordinal) ? 1 : -1;
                }

                if (Type != mediaType)
                {
                    return -1;
                }

                if (!HasParameters)
                {
                    return 2;
                }

                if (mediaType == MediaTypeMapping.CoapPayload)
                {
                    foreach (var parameter in Value.Parameters)
                    {
                        if (string.Equals(parameter.Name, "cf", StringComparison.OrdinalIgnoreCase))
                        {
                            return parameter.Value == contentFormat.ToString(CultureInfo.InvariantCulture) ? 3 : -1;
                        }
                    }

                    return -1;
                }

                return MediaTypeMapping.ToContentFormat(Value) == contentFormat ? 3 : -1;
            }
        }
    }
}
