using Coap.Micro;

namespace Coap.Http
{
    /// <summary>
    /// CoAP response code -> HTTP status code: RFC 8075 §7, Table 2 and its notes. A code the table
    /// does not list (another class, an unknown detail, or 2.31 and 4.08, which belong to block-wise
    /// transfers and are never translated, Note 10) is a result the proxy does not understand: 502
    /// (RFC 7252 §10.2).
    /// </summary>
    public static class ResponseCodeMapping
    {
        /// <summary>
        /// The HTTP status for <paramref name="coapCode"/>.
        /// </summary>
        /// <param name="coapCode">The response code, c.dd as one byte (<see cref="CoapCode"/>).</param>
        /// <param name="hasPayload">The CoAP response carries a payload (2.02, 2.04: 200 with it, 204 without, Note 2).</param>
        /// <param name="conditionalRequest">
        /// The HTTP request was conditional (If-None-Match with entity-tags), so 2.03 Valid answers it with
        /// 304 (Note 3); otherwise 2.03 revalidated the proxy's own cached copy, which it returns with 200 (Note 4).
        /// </param>
        /// <param name="badOptionFromClientHeader">
        /// The proxy knows a 4.02 Bad Option comes from an option it mapped from one of the client's headers:
        /// 400; otherwise 500 (Note 6).
        /// </param>
        public static int ToHttpStatus(byte coapCode, bool hasPayload = false, bool conditionalRequest = false, bool badOptionFromClientHeader = false)
        {
            switch (coapCode)
            {
                case CoapCode.Created:
                    return 201;                                   // Note 1: any payload goes in the 201
                case CoapCode.Deleted:
                case CoapCode.Changed:
                    return hasPayload ? 200 : 204;                // Note 2
                case CoapCode.Valid:
                    return conditionalRequest ? 304 : 200;        // Notes 3 and 4
                case CoapCode.Content:
                    return 200;
                case CoapCode.BadRequest:
                    return 400;
                case CoapCode.Unauthorized:
                    return 403;                                   // Note 5: no WWW-Authenticate in CoAP, so no 401
                case CoapCode.BadOption:
                    return badOptionFromClientHeader ? 400 : 500; // Note 6
                case CoapCode.Forbidden:
                    return 403;
                case CoapCode.NotFound:
                    return 404;
                case CoapCode.MethodNotAllowed:
                    return 400;                                   // Note 7: 405 would need an Allow the proxy does not know
                case CoapCode.NotAcceptable:
                    return 406;
                case CoapCode.PreconditionFailed:
                    return 412;
                case CoapCode.RequestEntityTooLarge:
                    return 413;                                   // Note 11
                case CoapCode.UnsupportedContentFormat:
                    return 415;
                case CoapCode.InternalServerError:
                    return 500;
                case CoapCode.NotImplemented:
                    return 501;
                case CoapCode.BadGateway:
                    return 502;
                case CoapCode.ServiceUnavailable:
                    return 503;                                   // Note 8: Retry-After from Max-Age
                case CoapCode.GatewayTimeout:
                    return 504;
                case CoapCode.ProxyingNotSupported:
                    return 502;                                   // Note 9
                default:
                    return 502;                                   // 2.31, 4.08 (Note 10) and unknown codes: not understood (RFC 7252 §10.2)
            }
        }

        /// <summary>
        /// The reason phrase to send instead of the status code's usual one, or null for the usual one.
        /// 4.05 gets "CoAP server returned 4.05 Method Not Allowed" (RFC 8075 §7, Note 7). The CoAP diagnostic
        /// payload never goes in a reason phrase (RFC 8075 §6.5.3): it goes in the body.
        /// </summary>
        public static string? ReasonPhrase(byte coapCode)
        {
            return coapCode == CoapCode.MethodNotAllowed ? "CoAP server returned 4.05 Method Not Allowed" : null;
        }

        /// <summary>
        /// True when the HTTP response takes a Retry-After header from the CoAP response's Max-Age
        /// (5.03, RFC 8075 §7 Note 8; RFC 7252 §5.9.3.4). See <see cref="MaxAgeMapping.RetryAfter"/>.
        /// </summary>
        public static bool TakesRetryAfter(byte coapCode) => coapCode == CoapCode.ServiceUnavailable;

        /// <summary>"c.dd" text of a code, for messages: 0x84 -> "4.04".</summary>
        public static string Dotted(byte coapCode) => CoapCode.ClassOf(coapCode) + "." + CoapCode.DetailOf(coapCode).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
    }
}
