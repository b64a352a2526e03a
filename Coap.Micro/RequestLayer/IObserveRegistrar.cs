namespace Coap.Micro
{
    /// <summary>
    /// Observe (RFC 7641), as the request layer sees it: a GET with the Observe option registers or
    /// deregisters around its handler (§2, §3.6, §4.1). The one way the request layer reaches up to Observe.
    /// </summary>
    internal interface IObserveRegistrar
    {
        /// <summary>Looks at a GET's Observe option before its handler runs; returns the slot a registration will take, or -1.</summary>
        int Prepare(CoapResource resource, CoapMessage request, CoapEndpoint source);

        /// <summary>After the handler: a success adds (or replaces) the relation and gets the Observe option; anything else ends the one it would replace.</summary>
        void Complete(int slot, CoapResource resource, CoapMessage request, CoapEndpoint source, CoapResponse response, long now);

        /// <summary>Gives up a prepared registration (the request failed or was deferred).</summary>
        void Abandon(int slot);
    }
}
