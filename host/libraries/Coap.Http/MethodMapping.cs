using Coap.Micro;

namespace Coap.Http
{
    /// <summary>
    /// HTTP request method -> CoAP method code (RFC 7252 §10.2, §5.8). Methods CoAP has no
    /// equivalent for are not mapped: the proxy answers 501 Not Implemented with <see cref="Allow"/>.
    /// </summary>
    public static class MethodMapping
    {
        /// <summary>The HTTP methods that are mapped, as the value of an Allow header (RFC 9110 §10.2.1).</summary>
        public const string Allow = "GET, HEAD, POST, PUT, DELETE";

        /// <summary>
        /// The CoAP method code for <paramref name="httpMethod"/>, or null when it is not mapped.
        /// HTTP methods are case-sensitive (RFC 9110 §9.1), so "get" is not GET.
        /// </summary>
        public static byte? ToCoap(string? httpMethod)
        {
            switch (httpMethod)
            {
                case "GET":
                    return CoapCode.Get;       // RFC 7252 §10.2.2
                case "HEAD":
                    return CoapCode.Get;       // RFC 7252 §10.2.3: a GET whose body the proxy leaves out
                case "POST":
                    return CoapCode.Post;      // RFC 7252 §10.2.4
                case "PUT":
                    return CoapCode.Put;       // RFC 7252 §10.2.5
                case "DELETE":
                    return CoapCode.Delete;    // RFC 7252 §10.2.6
                default:
                    return null;               // OPTIONS, TRACE (§10.2.1), CONNECT (§10.2.7), PATCH, anything else: 501
            }
        }

        /// <summary>True for HEAD: the response carries the headers of a GET and no body (RFC 7252 §10.2.3).</summary>
        public static bool OmitsBody(string? httpMethod) => httpMethod == "HEAD";
    }
}
