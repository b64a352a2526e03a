using System;
using System.Collections.Generic;
using Coap.Micro;

namespace ThermoDev.Gateway.Forwarding
{
    /// <summary>
    /// A CoAP response copied out of the client's buffers (on its loop thread), or why there is none.
    /// <see cref="ReceivedAt"/> is monotonic milliseconds (<see cref="Environment.TickCount64"/>), the
    /// start of the response's freshness (RFC 7252 §5.6.1).
    /// </summary>
    public sealed record CoapResult(
        CoapOutcome Outcome,
        byte Code,
        int ContentFormat,
        uint MaxAge,
        byte[] ETag,
        byte[] Payload,
        long ReceivedAt)
    {
        /// <summary>The Location-Path option values of a 2.01 (RFC 7252 §5.10.7), decoded; empty for none.</summary>
        public IReadOnlyList<string> LocationPath { get; init; } = Array.Empty<string>();

        /// <summary>The Location-Query option values, decoded; empty for none.</summary>
        public IReadOnlyList<string> LocationQuery { get; init; } = Array.Empty<string>();

        /// <summary>True when the response carried a Max-Age option (else <see cref="MaxAge"/> is the default 60 s, RFC 7252 §5.10.5).</summary>
        public bool HasMaxAgeOption { get; init; } = true;

        /// <summary>With <see cref="CoapOutcome.ProtectionFailed"/>: the <see cref="Forwarding.OscoreFailure"/> reason.</summary>
        public string? OscoreFailure { get; init; }

        /// <summary>A result without a response.</summary>
        public static CoapResult Failed(CoapOutcome outcome) =>
            new CoapResult(outcome, 0, CoapContentFormat.None, 0, Array.Empty<byte>(), Array.Empty<byte>(), Environment.TickCount64);

        /// <summary>True for a response with a 2.xx code.</summary>
        public bool IsSuccess => Outcome == CoapOutcome.Response && CoapCode.ClassOf(Code) == 2;

        /// <summary>Milliseconds of freshness left at <paramref name="now"/> (monotonic ms); 0 or less when stale.</summary>
        public long FreshFor(long now) => ReceivedAt + (MaxAge * 1000L) - now;
    }
}
