using System;
using Coap.Micro;
using ThermoDev.HostTests.Support;

namespace ThermoDev.HostTests.Footprint
{
    /// <summary>The nanoFramework heap a constructed <see cref="CoapServer"/> keeps, by <see cref="NanoHeapWalker"/>.</summary>
    public static class ServerHeap
    {
        /// <summary>Bytes of an endpoint of the nanoFramework UDP transport: IPv4 address and port.</summary>
        public const int DeviceEndpointLength = 6;

        /// <summary>A walker over a server built with <paramref name="options"/> on a transport with 6-byte endpoints, as on a board.</summary>
        public static NanoHeapWalker Of(CoapServerOptions options)
        {
            var server = new CoapServer(new InMemoryTransport(DeviceEndpointLength), new FixedClock(), new CoapRandom(new Random(1)), options);
            var walker = new NanoHeapWalker(RepoPaths.NanoMscorlib, IsForeign);
            walker.Add(server, nameof(CoapServer));
            return walker;
        }

        /// <summary>Bytes of a server built with <paramref name="options"/>.</summary>
        public static int Bytes(CoapServerOptions options) => Of(options).Total;

        /// <summary>
        /// What the application owns and hands to the server: never counted as the server's. Resources are
        /// counted (the built-in /.well-known/core and any registered one): the server keeps them.
        /// </summary>
        public static bool IsForeign(object value) =>
            value is ICoapTransport || value is ICoapClock || value is ICoapRandom || value is ICoapServerTrace;

        /// <summary>A clock that stands still.</summary>
        public sealed class FixedClock : ICoapClock
        {
            /// <inheritdoc/>
            public long NowMilliseconds => 0;
        }
    }
}
