using System;
using Coap.Micro;

namespace ThermoDev.HostTests.Conformance.Resources
{
    /// <summary>
    /// /validate (TD_COAP_CORE_21, 22): GET with an ETag that changes with every PUT (RFC 7252 §5.10.6), so
    /// a client holding the current one gets 2.03 Valid, and a PUT with an old one in If-Match gets 4.12.
    /// </summary>
    public sealed class ValidateResource : CoapResource
    {
        private static readonly byte[] Initial = Ascii.Bytes("validate: version 1");

        private readonly byte[] _value = new byte[64];
        private int _length;
        private int _version = 1;

        public ValidateResource()
            : base("validate", CoapMethods.Get | CoapMethods.Put)
        {
            ContentFormat = CoapContentFormat.TextPlain;
            Array.Copy(Initial, _value, Initial.Length);
            _length = Initial.Length;
        }

        public override int GetETag(CoapMessage request, byte[] etag)
        {
            // Two bytes of the version: changes with every PUT.
            etag[0] = (byte)(_version >> 8);
            etag[1] = (byte)_version;
            return 2;
        }

        public override void Get(CoapMessage request, CoapResponse response)
        {
            response.SetContentFormat(CoapContentFormat.TextPlain);
            response.SetMaxAge(30);
            response.AddPayload(_value, 0, _length);
        }

        public override void Put(CoapMessage request, CoapResponse response)
        {
            if (request.PayloadLength > _value.Length)
            {
                response.Code = CoapCode.RequestEntityTooLarge;
                return;
            }

            Array.Copy(request.Buffer, request.PayloadOffset, _value, 0, request.PayloadLength);
            _length = request.PayloadLength;
            _version++;
        }
    }
}
