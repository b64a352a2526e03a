using Coap.Micro;

namespace Coap.Micro.Benchmarks
{
    /// <summary>A GET resource with the link attributes a sensor would list (rt, if, ct, obs, title), for discovery benchmarks.</summary>
    public sealed class LinkedResource : CoapResource
    {
        /// <summary>Creates it at <paramref name="path"/> with the given attributes.</summary>
        public LinkedResource(string path, string resourceType, string interfaceDescription, int contentFormat, bool observable, string title)
            : base(path, CoapMethods.Get)
        {
            ResourceType = resourceType;
            InterfaceDescription = interfaceDescription;
            ContentFormat = contentFormat;
            Observable = observable;
            Title = title;
        }

        /// <inheritdoc/>
        public override void Get(CoapMessage request, CoapResponse response)
        {
        }
    }
}
