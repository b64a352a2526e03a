using Coap.Micro;

namespace ThermoDev.Tests.Server
{
    /// <summary>POST answers 2.01 with Location-Path and Location-Query; it also records the payload space its handlers saw.</summary>
    public sealed class LocationResource : CoapResource
    {
        private static readonly byte[] Sensors = Ascii.Bytes("sensors");
        private static readonly byte[] Unit = Ascii.Bytes("unit=c");
        private static readonly byte[] Dot = Ascii.Bytes(".");
        private static readonly byte[] DotDot = Ascii.Bytes("..");

        /// <summary>True: POST names a "." or ".." segment (refused).</summary>
        public bool DotSegment;

        /// <summary>PayloadSpace as the last handler saw it.</summary>
        public int SpaceSeen;

        /// <summary>What AddLocationPath returned for the dot segment.</summary>
        public bool DotAccepted = true;

        /// <summary>Creates it at "new".</summary>
        public LocationResource()
            : base("new", CoapMethods.Get | CoapMethods.Post)
        {
        }

        /// <inheritdoc/>
        public override void Get(CoapMessage request, CoapResponse response)
        {
            SpaceSeen = response.PayloadSpace;
        }

        /// <inheritdoc/>
        public override void Post(CoapMessage request, CoapResponse response)
        {
            SpaceSeen = response.PayloadSpace;
            response.Code = CoapCode.Created;
            if (DotSegment)
            {
                DotAccepted = response.AddLocationPath(request.PayloadLength == 1 ? Dot : DotDot);
                return;
            }

            response.AddLocationQuery(Unit);
            response.AddLocationPath(Sensors);
            response.AddLocationPathNumber(17);
        }
    }
}
