using System;
using System.Collections.Generic;
using System.Linq;
using global::Coap.Http;
using global::Coap.Micro;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace ThermoDev.Gateway.Proxy
{
    /// <summary>
    /// HTTP Accept -> CoAP Accept (RFC 8075 §6.1): the media type of highest quality that maps to a
    /// Content-Format. CoAP takes one Accept option, so only that one is asked for; wildcards ("*/*",
    /// "text/*") or no header ask for nothing in particular (no option).
    /// </summary>
    public static class AcceptHeader
    {
        /// <summary>
        /// The Content-Format to ask for (<see cref="CoapContentFormat.None"/> for no option); false when the
        /// header lists only media types that map to none and no wildcard (the proxy answers 406).
        /// </summary>
        public static bool TryMap(StringValues accept, out int contentFormat)
        {
            contentFormat = CoapContentFormat.None;
            if (StringValues.IsNullOrEmpty(accept) || !MediaTypeHeaderValue.TryParseList(accept, out IList<MediaTypeHeaderValue>? entries) || entries.Count == 0)
            {
                return true;
            }

            bool wildcard = false;
            foreach (MediaTypeHeaderValue entry in entries.Where(e => (e.Quality ?? 1.0) > 0).OrderByDescending(e => e.Quality ?? 1.0))
            {
                if (entry.MatchesAllTypes || entry.MatchesAllSubTypes)
                {
                    wildcard = true;
                    continue;
                }

                int? mapped = MediaTypeMapping.ToContentFormat(entry.ToString());
                if (mapped.HasValue)
                {
                    contentFormat = mapped.Value;
                    return true;
                }
            }

            return wildcard;
        }
    }
}
