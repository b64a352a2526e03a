using System;
using Coap.Micro;

namespace ThermoDev.HostTests.Conformance.Resources
{
    /// <summary>
    /// /test: GET gives a text payload (TD_COAP_CORE_01, 05, 10, 12); PUT stores the payload (03, 07);
    /// POST stores it and answers 2.01 Created at /location1/location2/location3 (04, 08, 18); DELETE
    /// answers 2.02 Deleted (02, 06) and the resource stays, as at the interop events.
    /// </summary>
    public sealed class TestResource : CoapResource
    {
        private static readonly byte[] Initial = Ascii.Bytes("Hello from /test");
        private static readonly byte[] Location1 = Ascii.Bytes("location1");
        private static readonly byte[] Location2 = Ascii.Bytes("location2");
        private static readonly byte[] Location3 = Ascii.Bytes("location3");

        private readonly byte[] _value = new byte[128];
        private int _length;

        public TestResource()
            : base("test", CoapMethods.Get | CoapMethods.Post | CoapMethods.Put | CoapMethods.Delete)
        {
            ContentFormat = CoapContentFormat.TextPlain;
            Title = "Default test resource";
            Array.Copy(Initial, _value, Initial.Length);
            _length = Initial.Length;
        }

        public int Writes { get; private set; }

        public override void Get(CoapMessage request, CoapResponse response)
        {
            response.SetContentFormat(CoapContentFormat.TextPlain);
            response.AddPayload(_value, 0, _length);
        }

        public override void Put(CoapMessage request, CoapResponse response)
        {
            if (Store(request, response))
            {
                response.Code = CoapCode.Changed;
            }
        }

        public override void Post(CoapMessage request, CoapResponse response)
        {
            if (Store(request, response))
            {
                response.Code = CoapCode.Created;
                response.AddLocationPath(Location1);
                response.AddLocationPath(Location2);
                response.AddLocationPath(Location3);
            }
        }

        public override void Delete(CoapMessage request, CoapResponse response)
        {
            Writes++;
            response.Code = CoapCode.Deleted;
        }

        private bool Store(CoapMessage request, CoapResponse response)
        {
            if (request.PayloadLength > _value.Length)
            {
                response.Code = CoapCode.RequestEntityTooLarge;
                response.AddUIntOption(CoapOption.Size1, (uint)_value.Length);
                return false;
            }

            Array.Copy(request.Buffer, request.PayloadOffset, _value, 0, request.PayloadLength);
            _length = request.PayloadLength;
            Writes++;
            return true;
        }
    }
}
