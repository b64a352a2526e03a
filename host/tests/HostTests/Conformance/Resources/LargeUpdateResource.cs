using System;
using Coap.Micro;

namespace ThermoDev.HostTests.Conformance.Resources
{
    /// <summary>
    /// /large-update and /large-create (TD_COAP_BLOCK_03, 04): take a body of up to 2048 bytes in blocks
    /// (Block1, RFC 7959 §2.5). PUT replaces the representation; POST creates one at
    /// /large-create/&lt;n&gt; (2.01 with two Location-Path options).
    /// </summary>
    public sealed class LargeUpdateResource : CoapResource
    {
        public const int Capacity = 2048;

        private static readonly byte[] CreateSegment = Ascii.Bytes("large-create");

        private readonly byte[] _value = new byte[Capacity];

        public LargeUpdateResource(bool create)
            : base(create ? "large-create" : "large-update", create ? CoapMethods.Get | CoapMethods.Post : CoapMethods.Get | CoapMethods.Put)
        {
            ContentFormat = CoapContentFormat.TextPlain;
            BlockwisePayloadCapacity = Capacity;
        }

        /// <summary>Length of the stored body.</summary>
        public int Length { get; private set; }

        /// <summary>Bodies created by POST.</summary>
        public int Created { get; private set; }

        /// <summary>The stored body.</summary>
        public byte[] Body => _value.AsSpan(0, Length).ToArray();

        public override void Get(CoapMessage request, CoapResponse response)
        {
            response.SetContentFormat(CoapContentFormat.TextPlain);
            response.AddPayload(_value, 0, Length);
        }

        public override void Put(CoapMessage request, CoapResponse response) => Store(request);

        public override void Post(CoapMessage request, CoapResponse response)
        {
            Store(request);
            Created++;
            response.Code = CoapCode.Created;
            response.AddLocationPath(CreateSegment);
            response.AddLocationPathNumber(Created);
        }

        private void Store(CoapMessage request)
        {
            Array.Copy(request.Buffer, request.PayloadOffset, _value, 0, request.PayloadLength);
            Length = request.PayloadLength;
        }
    }
}
