using Coap.Micro;

namespace ThermoDev.Tests.Server
{
    /// <summary>An entry of a hierarchy of link descriptions (RFC 6690 §5): GET lists its sub-resources in the link format.</summary>
    public sealed class LinkListResource : CoapResource
    {
        private readonly byte[] _links;

        /// <summary>Creates it at <paramref name="path"/>, listing <paramref name="links"/>.</summary>
        public LinkListResource(string path, string links)
            : base(path, CoapMethods.Get)
        {
            ContentFormat = CoapContentFormat.LinkFormat;
            _links = Ascii.Bytes(links);
        }

        /// <inheritdoc/>
        public override void Get(CoapMessage request, CoapResponse response)
        {
            response.SetContentFormat(CoapContentFormat.LinkFormat);
            response.AddPayload(_links);
        }
    }
}
