using Coap.Micro;

namespace ThermoDev.HostTests.Conformance.Resources
{
    /// <summary>/query (TD_COAP_CORE_14): GET answers with the Uri-Query arguments it was sent, joined by "&amp;".</summary>
    public sealed class QueryResource : CoapResource
    {
        private static readonly byte[] Prefix = Ascii.Bytes("query: ");
        private static readonly byte[] Ampersand = Ascii.Bytes("&");

        public QueryResource()
            : base("query", CoapMethods.Get)
        {
            ContentFormat = CoapContentFormat.TextPlain;
        }

        public override void Get(CoapMessage request, CoapResponse response)
        {
            response.SetContentFormat(CoapContentFormat.TextPlain);
            response.AddPayload(Prefix);
            int arguments = 0;
            for (int i = request.FindOption(CoapOption.UriQuery); i >= 0 && i < request.OptionCount && request.GetOptionNumber(i) == CoapOption.UriQuery; i++)
            {
                if (arguments++ > 0)
                {
                    response.AddPayload(Ampersand);
                }

                response.AddPayload(request.Buffer, request.GetOptionOffset(i), request.GetOptionLength(i));
            }
        }
    }
}
