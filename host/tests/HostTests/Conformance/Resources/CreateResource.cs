using System;
using Coap.Micro;

namespace ThermoDev.HostTests.Conformance.Resources
{
    /// <summary>
    /// /create1 (TD_COAP_CORE_23): does not exist until a PUT creates it (2.01 Created); a PUT with
    /// If-None-Match after that gets 4.12 (RFC 7252 §5.10.8.2); DELETE removes it again.
    /// </summary>
    public sealed class CreateResource : CoapResource
    {
        private readonly byte[] _value = new byte[64];
        private int _length = -1;

        public CreateResource()
            : base("create1", CoapMethods.Get | CoapMethods.Put | CoapMethods.Delete)
        {
            ContentFormat = CoapContentFormat.TextPlain;
        }

        public override bool Exists => _length >= 0;

        public override void Get(CoapMessage request, CoapResponse response)
        {
            if (!Exists)
            {
                response.Code = CoapCode.NotFound;
                return;
            }

            response.SetContentFormat(CoapContentFormat.TextPlain);
            response.AddPayload(_value, 0, _length);
        }

        public override void Put(CoapMessage request, CoapResponse response)
        {
            if (request.PayloadLength > _value.Length)
            {
                response.Code = CoapCode.RequestEntityTooLarge;
                return;
            }

            response.Code = Exists ? CoapCode.Changed : CoapCode.Created;
            Array.Copy(request.Buffer, request.PayloadOffset, _value, 0, request.PayloadLength);
            _length = request.PayloadLength;
        }

        public override void Delete(CoapMessage request, CoapResponse response)
        {
            _length = -1;
        }
    }
}
