using Coap.Micro;

namespace ThermoDev.Tests.Server
{
    /// <summary>A resource with every link attribute settable, for discovery tests.</summary>
    public sealed class DescribedResource : CoapResource
    {
        /// <summary>Creates it at <paramref name="path"/> with the given attributes (null: none; ct and sz -1: none).</summary>
        public DescribedResource(string path, string rt, string ifDescription, int ct, int sz, bool obs, string title)
            : base(path, CoapMethods.Get)
        {
            ResourceType = rt;
            InterfaceDescription = ifDescription;
            ContentFormat = ct;
            SizeEstimate = sz;
            Observable = obs;
            Title = title;
        }

        /// <inheritdoc/>
        public override void Get(CoapMessage request, CoapResponse response)
        {
        }

        /// <summary>Hides it from discovery.</summary>
        public void Hide()
        {
            Discoverable = false;
        }
    }
}
