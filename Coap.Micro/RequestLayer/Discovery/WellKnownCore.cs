namespace Coap.Micro
{
    /// <summary>
    /// /.well-known/core (RFC 6690 §4): GET lists the links of the registered resources in the CoRE Link
    /// Format (Content-Format 40), in the order they were added, filtered by the query (§4.1). Built into
    /// the server unless <see cref="CoapServerOptions.Discovery"/> is off; not listed in itself (as in
    /// libcoap). Every link was encoded when its resource was added, and the links are written straight
    /// into the response, which sends a long list in blocks (RFC 7959): nothing is allocated or buffered,
    /// whatever the number of resources. A filter that matches nothing gives 2.05 with an empty payload:
    /// the resource exists, its filtered representation is empty.
    /// </summary>
    internal sealed class WellKnownCore : CoapResource
    {
        private static readonly byte[] Separator = { (byte)',' };

        internal WellKnownCore()
            : base(".well-known/core", CoapMethods.Get)
        {
            ContentFormat = CoapContentFormat.LinkFormat;
            Discoverable = false;
        }

        /// <inheritdoc/>
        public override void Get(CoapMessage request, CoapResponse response)
        {
            response.SetContentFormat(CoapContentFormat.LinkFormat);
            ResourceRegistry registry = Registry;
            bool first = true;
            for (int i = 0; i < registry.Count; i++)
            {
                CoapResource resource = registry.At(i);
                if (!resource.Discoverable || !LinkFilter.Matches(resource.Link, request))
                {
                    continue;
                }

                if (!first)
                {
                    response.AddPayload(Separator);
                }

                response.AddPayload(resource.Link);
                first = false;
            }
        }
    }
}
