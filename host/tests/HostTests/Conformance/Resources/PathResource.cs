using Coap.Micro;

namespace ThermoDev.HostTests.Conformance.Resources
{
    /// <summary>
    /// /path (TD_COAP_LINK_09): ct=40, its representation the links of its sub-resources /path/sub1 to
    /// /path/sub3, which discovery does not list (a hierarchy of link descriptions, RFC 6690 §5).
    /// </summary>
    public sealed class PathResource : CoapResource
    {
        public static readonly byte[] Links = Ascii.Bytes("</path/sub1>;ct=0,</path/sub2>;ct=0,</path/sub3>;ct=0");

        public PathResource()
            : base("path", CoapMethods.Get)
        {
            ContentFormat = CoapContentFormat.LinkFormat;
        }

        public override void Get(CoapMessage request, CoapResponse response)
        {
            response.SetContentFormat(CoapContentFormat.LinkFormat);
            response.AddPayload(Links);
        }
    }
}
