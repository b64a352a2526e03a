using System;
using System.Collections.Generic;

namespace Coap.Http
{
    /// <summary>
    /// The CoAP options that carry an HTTP request's preconditions (made by
    /// <see cref="ConditionalRequestMapping"/>), or why they cannot be carried.
    /// </summary>
    public sealed class ConditionalOptions
    {
        internal ConditionalOptions(IReadOnlyList<byte[]> ifMatch, bool ifNoneMatch, IReadOnlyList<byte[]> eTags)
        {
            IfMatch = ifMatch;
            IfNoneMatch = ifNoneMatch;
            ETags = eTags;
        }

        private ConditionalOptions(GatewayFailure failure, string error)
            : this(Array.Empty<byte[]>(), false, Array.Empty<byte[]>())
        {
            Failure = failure;
            Error = error;
        }

        /// <summary>If-Match option values (RFC 7252 §5.10.8.1); an empty value matches any existing representation.</summary>
        public IReadOnlyList<byte[]> IfMatch { get; }

        /// <summary>True to send an If-None-Match option: the resource must not exist (RFC 7252 §5.10.8.2).</summary>
        public bool IfNoneMatch { get; }

        /// <summary>
        /// ETag request options of a validating GET (RFC 7252 §5.10.6.2): the HTTP request was conditional,
        /// so a 2.03 Valid answer becomes 304 Not Modified (RFC 8075 §7 Note 3).
        /// </summary>
        public IReadOnlyList<byte[]> ETags { get; }

        /// <summary>True when the request validates entity-tags: pass it as conditionalRequest to <see cref="ResponseCodeMapping.ToHttpStatus"/>.</summary>
        public bool IsValidation => ETags.Count > 0;

        /// <summary>Why the preconditions cannot be sent; null when they can.</summary>
        public GatewayFailure? Failure { get; }

        /// <summary>What is wrong, for the response body; null when the preconditions can be sent.</summary>
        public string? Error { get; }

        /// <summary>True when the options can be sent.</summary>
        public bool Success => Failure == null;

        /// <summary>200 on success, else the failure's status (400, 412 or 501).</summary>
        public int HttpStatus => Failure == null ? 200 : GatewayFailureStatus.ToHttpStatus(Failure.Value);

        internal static ConditionalOptions Fail(GatewayFailure failure, string error) => new ConditionalOptions(failure, error);
    }
}
