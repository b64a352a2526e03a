using Coap.Micro;

namespace ThermoDev.Tests.Server
{
    /// <summary>
    /// A resource that takes PUT and POST payloads in blocks (Block1) into an area of <see cref="BlockwisePayloadCapacity"/>
    /// bytes; PUT stores the body, POST stores it and answers 2.01 with a Location-Path.
    /// </summary>
    public sealed class AssemblingResource : CoapResource
    {
        private static readonly byte[] Items = Ascii.Bytes("items");

        /// <summary>The body of the last PUT or POST.</summary>
        public byte[] Body = new byte[0];

        /// <summary>Handler runs.</summary>
        public int Runs;

        /// <summary>Creates it at <paramref name="path"/>, taking up to <paramref name="capacity"/> bytes (0: no Block1).</summary>
        public AssemblingResource(string path, int capacity)
            : base(path, CoapMethods.Get | CoapMethods.Put | CoapMethods.Post)
        {
            BlockwisePayloadCapacity = capacity;
        }

        /// <inheritdoc/>
        public override void Get(CoapMessage request, CoapResponse response)
        {
            response.AddPayload(Body);
        }

        /// <inheritdoc/>
        public override void Put(CoapMessage request, CoapResponse response)
        {
            Store(request);
        }

        /// <inheritdoc/>
        public override void Post(CoapMessage request, CoapResponse response)
        {
            Store(request);
            response.Code = CoapCode.Created;
            response.AddLocationPath(Items);
            response.AddLocationPathNumber(Runs);
        }

        private void Store(CoapMessage request)
        {
            Runs++;
            Body = new byte[request.PayloadLength];
            System.Array.Copy(request.Buffer, request.PayloadOffset, Body, 0, Body.Length);
        }
    }
}
