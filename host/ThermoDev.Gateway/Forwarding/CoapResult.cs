using System;
using System.Collections.Generic;
using System.Text;
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

        /// <summary>A result without a response.</summary>
        public static CoapResult Failed(CoapOutcome outcome) =>
            new CoapResult(outcome, 0, CoapContentFormat.None, 0, Array.Empty<byte>(), Array.Empty<byte>(), Environment.TickCount64);

        /// <summary>True for a response with a 2.xx code.</summary>
        public bool IsSuccess => Outcome == CoapOutcome.Response && CoapCode.ClassOf(Code) == 2;

        /// <summary>The code as RFC 7252 writes it: "2.05".</summary>
        public string CodeText => $"{CoapCode.ClassOf(Code)}.{CoapCode.DetailOf(Code):00}";

        /// <summary>The payload as UTF-8 text (a diagnostic payload is UTF-8, RFC 7252 §5.5.2).</summary>
        public string PayloadText => Encoding.UTF8.GetString(Payload);

        /// <summary>Milliseconds of freshness left at <paramref name="now"/> (monotonic ms); 0 or less when stale.</summary>
        public long FreshFor(long now) => ReceivedAt + (MaxAge * 1000L) - now;
    }
}
