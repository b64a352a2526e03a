namespace Coap.Http
{
    /// <summary>Why the proxy answers a request itself instead of relaying a CoAP response.</summary>
    public enum GatewayFailure
    {
        /// <summary>No response from the CoAP server within the proxy's timeout (RFC 7252 §10.2, RFC 8075 §8.5): 504.</summary>
        NoResponse,

        /// <summary>A response came but the proxy does not understand it (RFC 7252 §10.2): 502.</summary>
        ResponseNotUnderstood,

        /// <summary>The Target CoAP URI is missing or malformed (RFC 8075 §5.3.1: a 4xx client error): 400.</summary>
        MalformedTarget,

        /// <summary>The proxy is unable or unwilling to serve this CoAP URI, e.g. coaps without DTLS (RFC 7252 §10.2, RFC 8075 §10.3): 501.</summary>
        UnsupportedTarget,

        /// <summary>The target is not one the proxy may reach: not a configured device, or multicast (RFC 8075 §8.4, §10.4): 403.</summary>
        ForbiddenTarget,

        /// <summary>The HTTP method has no CoAP equivalent (RFC 7252 §10.2.1, §10.2.7): 501 with Allow.</summary>
        MethodNotMapped,

        /// <summary>The Content-Type (and Content-Encoding) of the request maps to no Content-Format (RFC 8075 §6.1): 415.</summary>
        UnsupportedMediaType,

        /// <summary>The response's media type is not acceptable by the request's Accept (RFC 7252 §10.2.2): 406.</summary>
        NotAcceptable,

        /// <summary>Too many CoAP requests pending towards the constrained network (RFC 8075 §8.1): 503.</summary>
        Overloaded,

        /// <summary>A request header the mapping reads (If-Match, If-None-Match) is malformed (RFC 9110 §15.5.1): 400.</summary>
        MalformedHeader,

        /// <summary>A precondition that cannot hold for any CoAP representation, e.g. If-Match with weak tags only (RFC 9110 §13.1.1): 412.</summary>
        PreconditionFailed,

        /// <summary>A precondition CoAP cannot express, e.g. If-None-Match with entity-tags on a PUT (RFC 7252 §10.2): 501.</summary>
        ConditionNotMapped,
    }

    /// <summary>The HTTP status of each <see cref="GatewayFailure"/>.</summary>
    public static class GatewayFailureStatus
    {
        /// <summary>The HTTP status code the proxy answers <paramref name="failure"/> with.</summary>
        public static int ToHttpStatus(GatewayFailure failure)
        {
            switch (failure)
            {
                case GatewayFailure.NoResponse:
                    return 504;
                case GatewayFailure.ResponseNotUnderstood:
                    return 502;
                case GatewayFailure.MalformedTarget:
                    return 400;
                case GatewayFailure.UnsupportedTarget:
                    return 501;
                case GatewayFailure.ForbiddenTarget:
                    return 403;
                case GatewayFailure.MethodNotMapped:
                    return 501;
                case GatewayFailure.UnsupportedMediaType:
                    return 415;
                case GatewayFailure.NotAcceptable:
                    return 406;
                case GatewayFailure.Overloaded:
                    return 503;
                case GatewayFailure.MalformedHeader:
                    return 400;
                case GatewayFailure.PreconditionFailed:
                    return 412;
                case GatewayFailure.ConditionNotMapped:
                    return 501;
                default:
                    return 500;
            }
        }
    }
}
