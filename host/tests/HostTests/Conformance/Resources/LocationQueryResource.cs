using Coap.Micro;

namespace ThermoDev.HostTests.Conformance.Resources
{
    /// <summary>/location-query (TD_COAP_CORE_19): POST answers 2.01 Created at ?first=1&amp;second=2 (two Location-Query options).</summary>
    public sealed class LocationQueryResource : CoapResource
    {
        private static readonly byte[] First = Ascii.Bytes("first=1");
        private static readonly byte[] Second = Ascii.Bytes("second=2");

        public LocationQueryResource()
            : base("location-query", CoapMethods.Post)
        {
        }

        public int Posts { get; private set; }

        public override void Post(CoapMessage request, CoapResponse response)
        {
            Posts++;
            response.Code = CoapCode.Created;
            response.AddLocationQuery(First);
            response.AddLocationQuery(Second);
        }
    }
}
