using System;
using Coap.Micro;
using ThermoDev.Gateway.Devices;

namespace ThermoDev.Gateway.Forwarding
{
    /// <summary>
    /// A request the gateway sends to a device: method, path and query, Accept (or none), the payload
    /// with its Content-Format, and ETags to validate with (RFC 7252 §5.10.6).
    /// </summary>
    public sealed record CoapCall(Device Device, byte Method, string PathAndQuery)
    {
        /// <summary>The Accept option, or <see cref="CoapContentFormat.None"/> for none.</summary>
        public int Accept { get; init; } = CoapContentFormat.None;

        /// <summary>The Content-Format of the payload, or <see cref="CoapContentFormat.None"/>.</summary>
        public int ContentFormat { get; init; } = CoapContentFormat.None;

        /// <summary>The payload (empty for none).</summary>
        public byte[] Payload { get; init; } = Array.Empty<byte>();

        /// <summary>ETag options to send (a GET validating cached representations).</summary>
        public byte[][] ETags { get; init; } = Array.Empty<byte[]>();

        /// <summary>If-Match options to send (RFC 7252 §5.10.8.1).</summary>
        public byte[][] IfMatch { get; init; } = Array.Empty<byte[]>();

        /// <summary>True to send If-None-Match (RFC 7252 §5.10.8.2).</summary>
        public bool IfNoneMatch { get; init; }

        /// <summary>True for methods that may change the target (everything but GET and FETCH).</summary>
        public bool IsUnsafe => Method != CoapCode.Get && Method != CoapCode.Fetch;
    }
}
