using Coap.Micro;

namespace ThermoDev.Tests.Server
{
    /// <summary>A resource every method changes: GET reads a number, POST, PUT and DELETE count as writes.</summary>
    public sealed class WritableResource : CoapResource
    {
        /// <summary>Writes that reached the resource.</summary>
        public int Writes;

        /// <summary>Creates it at <paramref name="path"/>.</summary>
        public WritableResource(string path)
            : base(path, CoapMethods.Get | CoapMethods.Post | CoapMethods.Put | CoapMethods.Delete)
        {
            Observable = true;
        }

        /// <inheritdoc/>
        public override void Get(CoapMessage request, CoapResponse response)
        {
            response.AddPayloadNumber(Writes);
        }

        /// <inheritdoc/>
        public override void Post(CoapMessage request, CoapResponse response)
        {
            Writes++;
            response.Code = CoapCode.Created;
        }

        /// <inheritdoc/>
        public override void Put(CoapMessage request, CoapResponse response)
        {
            Writes++;
        }

        /// <inheritdoc/>
        public override void Delete(CoapMessage request, CoapResponse response)
        {
            Writes++;
        }
    }
}
