using Coap.Micro;

namespace ThermoDev.HostTests.Conformance.Resources
{
    /// <summary>
    /// A GET-only text resource with fixed content and link attributes: /seg1/seg2/seg3 (TD_COAP_CORE_13),
    /// /link1 to /link3 (TD_COAP_LINK_02 to 08), and /path/sub1 to /path/sub3 (LINK_09), which /path lists
    /// and discovery does not.
    /// </summary>
    public sealed class TextResource : CoapResource
    {
        private readonly byte[] _text;

        public TextResource(string path, string text, string resourceType = null, string interfaceDescription = null, bool discoverable = true)
            : base(path, CoapMethods.Get)
        {
            _text = Ascii.Bytes(text);
            ContentFormat = CoapContentFormat.TextPlain;
            ResourceType = resourceType;
            InterfaceDescription = interfaceDescription;
            Discoverable = discoverable;
        }

        public override void Get(CoapMessage request, CoapResponse response)
        {
            response.SetContentFormat(CoapContentFormat.TextPlain);
            response.AddPayload(_text);
        }
    }
}
