using System;
using System.Globalization;
using System.Threading.Tasks;
using global::Coap.Http;
using global::Coap.Micro;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using ThermoDev.Gateway.Forwarding;
using ThermoDev.Gateway.Devices;

namespace ThermoDev.Gateway.Proxy
{
    /// <summary>
    /// Writes a device's CoAP response (or the lack of one) as the HTTP response, by RFC 8075: the status
    /// from the response code (§7, Table 2), Content-Type from Content-Format (§6; none: octet-stream), ETag, Cache-Control
    /// from Max-Age less the time the response spent in the cache, Retry-After from the Max-Age of a 5.03,
    /// and the payload as the body (a diagnostic payload of 4.xx/5.xx as text/plain, §6.5.3). No answer
    /// in time is 504 with a message naming the device (RFC 8075 §8.5); an RST or a response that cannot
    /// be used is 502; too many requests pending is 503 (§8.1).
    /// </summary>
    public static class CoapResponseWriter
    {
        /// <summary>The Content-Type of every message the gateway writes itself.</summary>
        public const string TextPlain = "text/plain; charset=utf-8";

        /// <summary>The Content-Type of a successful payload that came without a Content-Format.</summary>
        public const string OctetStream = "application/octet-stream";

        /// <summary>Writes <paramref name="forwarded"/> for <paramref name="device"/>; <paramref name="conditional"/> when the HTTP request carried If-None-Match entity-tags.</summary>
        public static Task WriteAsync(HttpContext context, Device device, Forwarded forwarded, TimeSpan timeout, bool conditional = false)
        {
            ArgumentNullException.ThrowIfNull(context);
            ArgumentNullException.ThrowIfNull(device);
            ArgumentNullException.ThrowIfNull(forwarded);
            CoapResult result = forwarded.Result;
            switch (result.Outcome)
            {
                case CoapOutcome.Response:
                    return WriteResponse(context, result, forwarded.FromCache, conditional);
                case CoapOutcome.Timeout:
                    return WriteText(context, GatewayFailureStatus.ToHttpStatus(GatewayFailure.NoResponse),
                        $"Device {device.Name} ({device.Address.Uri}) did not answer within {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s.");
                case CoapOutcome.Reset:
                    return WriteText(context, GatewayFailureStatus.ToHttpStatus(GatewayFailure.ResponseNotUnderstood),
                        $"Device {device.Name} ({device.Address.Uri}) rejected the request (CoAP Reset).");
                case CoapOutcome.Busy:
                    context.Response.Headers.RetryAfter = "1";
                    return WriteText(context, GatewayFailureStatus.ToHttpStatus(GatewayFailure.Overloaded),
                        "Too many requests are waiting for the devices; try again in a moment.");
                case CoapOutcome.ProtectionFailed:
                    // RFC 8613 §8.4: nothing of an answer that does not verify is relayed (an unprotected one is unauthenticated).
                    return WriteText(context, StatusCodes.Status502BadGateway,
                        $"Device {device.Name} ({device.Address.Uri}) {OscoreFailure.Describe(result.OscoreFailure ?? string.Empty, result.Code)}; its answer is not relayed.");
                case CoapOutcome.InvalidRequest:
                    return WriteText(context, StatusCodes.Status400BadRequest,
                        "The request does not fit a CoAP message (path, options or payload too long).");
                default:
                    return WriteText(context, GatewayFailureStatus.ToHttpStatus(GatewayFailure.ResponseNotUnderstood),
                        $"Device {device.Name} ({device.Address.Uri}) sent a response the gateway cannot use.");
            }
        }

        /// <summary>Writes a message of the gateway's own as text/plain with <paramref name="status"/>.</summary>
        public static Task WriteText(HttpContext context, int status, string message)
        {
            ArgumentNullException.ThrowIfNull(context);
            context.Response.StatusCode = status;
            context.Response.ContentType = TextPlain;
            return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.WriteAsync(message + "\n");
        }

        private static Task WriteResponse(HttpContext context, CoapResult result, bool fromCache, bool conditional)
        {
            HttpResponse response = context.Response;
            bool hasPayload = result.Payload.Length > 0;
            response.StatusCode = ResponseCodeMapping.ToHttpStatus(result.Code, hasPayload, conditional);
            string? reason = ResponseCodeMapping.ReasonPhrase(result.Code);
            if (reason != null)
            {
                context.Features.Get<IHttpResponseFeature>()!.ReasonPhrase = reason;
            }

            bool error = CoapCode.ClassOf(result.Code) >= 4;
            string? mediaType = MediaTypeMapping.ToMediaType(result.ContentFormat == CoapContentFormat.None ? null : result.ContentFormat);
            if (hasPayload)
            {
                // No Content-Format: a diagnostic payload is UTF-8 text (RFC 7252 §5.5.2); any other is of
                // unknown type (RFC 7252 §5.5.1), relayed as opaque bytes (with nosniff on every response).
                response.ContentType = mediaType ?? (error ? TextPlain : OctetStream);
            }

            string? entityTag = EntityTagMapping.ToHttp(result.ETag);
            if (entityTag != null)
            {
                response.Headers.ETag = entityTag;
            }

            TimeSpan age = TimeSpan.FromMilliseconds(Math.Max(0, Environment.TickCount64 - result.ReceivedAt));
            // A 2.03 is not stored, but its Max-Age is the validated representation's new freshness
            // (RFC 7252 §5.9.1.3), which a 304 carries as a 200 would (RFC 9110 §15.4.5).
            if (MaxAgeMapping.IsCacheable(result.Code) || result.Code == CoapCode.Valid)
            {
                response.Headers.CacheControl = MaxAgeMapping.ToCacheControl(result.MaxAge, fromCache ? age : TimeSpan.Zero);
            }

            if (fromCache)
            {
                // RFC 9111 §5.1: how long the response has been in the gateway's cache.
                response.Headers.Age = ((long)age.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            }

            if (ResponseCodeMapping.TakesRetryAfter(result.Code))
            {
                string? retryAfter = MaxAgeMapping.RetryAfter(result.HasMaxAgeOption ? result.MaxAge : null);
                if (retryAfter != null)
                {
                    response.Headers.RetryAfter = retryAfter;
                }
            }

            if (!hasPayload || HttpMethods.IsHead(context.Request.Method) || response.StatusCode == StatusCodes.Status304NotModified)
            {
                return Task.CompletedTask;
            }

            response.ContentLength = result.Payload.Length;
            return response.Body.WriteAsync(result.Payload, 0, result.Payload.Length);
        }
    }
}
