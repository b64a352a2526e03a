using Coap.Micro;

namespace ThermoDev.HostTests.Conformance.Resources
{
    /// <summary>
    /// /multi-format (TD_COAP_CORE_20): one state in text/plain (0, also without Accept), application/xml
    /// (41), application/json (50) and application/cbor (60); any other Accept gets 4.06 (RFC 7252 §5.10.4).
    /// </summary>
    public sealed class MultiFormatResource : CoapResource
    {
        public static readonly byte[] Text = Ascii.Bytes("multi-format: 1");
        public static readonly byte[] Xml = Ascii.Bytes("<multi-format value=\"1\"/>");
        public static readonly byte[] Json = Ascii.Bytes("{\"multi-format\":1}");

        // CBOR (RFC 8949): a map of one pair, text "multi-format" to the unsigned integer 1.
        public static readonly byte[] Cbor = { 0xA1, 0x6C, 0x6D, 0x75, 0x6C, 0x74, 0x69, 0x2D, 0x66, 0x6F, 0x72, 0x6D, 0x61, 0x74, 0x01 };

        public MultiFormatResource()
            : base("multi-format", CoapMethods.Get)
        {
            ContentFormat = CoapContentFormat.TextPlain;
        }

        public override bool CanProduce(int contentFormat) =>
            contentFormat == CoapContentFormat.TextPlain || contentFormat == CoapContentFormat.Xml
            || contentFormat == CoapContentFormat.Json || contentFormat == CoapContentFormat.Cbor;

        public override void Get(CoapMessage request, CoapResponse response)
        {
            uint accept;
            int format = request.TryGetUIntOption(CoapOption.Accept, CoapContentFormat.TextPlain, out accept) ? (int)accept : CoapContentFormat.TextPlain;
            response.SetContentFormat(format);
            response.AddPayload(format == CoapContentFormat.Xml ? Xml : format == CoapContentFormat.Json ? Json : format == CoapContentFormat.Cbor ? Cbor : Text);
        }
    }
}
