using System.Net;
using System.Threading;
using Coap.Micro;
using Coap.Micro.Dotnet;

namespace ThermoDev.Gateway.ResourceDirectory
{
    /// <summary>
    /// The directory's UDP transport, remembering where the datagram received last came from. A request's
    /// handler runs on the server's loop thread in the turn that received its datagram (RFC 9176 needs the
    /// source: the default base of a registration, §5, and the address simple registration asks, §5.1), so
    /// the handler reads its own request's source here.
    /// </summary>
    public sealed class RequestSource : ICoapTransport
    {
        private readonly DotnetUdpTransport _inner;
        private IPEndPoint? _last;

        /// <summary>Wraps <paramref name="inner"/>.</summary>
        public RequestSource(DotnetUdpTransport inner)
        {
            _inner = inner;
        }

        /// <summary>The source of the datagram received last (IPv4 as IPv4, not IPv4-mapped); null before the first.</summary>
        public IPEndPoint? Last => Volatile.Read(ref _last);

        /// <inheritdoc/>
        public int MaxEndpointLength => _inner.MaxEndpointLength;

        /// <inheritdoc/>
        public int Receive(byte[] buffer, int offset, int count, CoapEndpoint source, int timeoutMilliseconds)
        {
            int received = _inner.Receive(buffer, offset, count, source, timeoutMilliseconds);
            if (received > 0)
            {
                Volatile.Write(ref _last, DotnetUdpTransport.ToIPEndPoint(source));
            }

            return received;
        }

        /// <inheritdoc/>
        public bool Send(byte[] buffer, int offset, int count, CoapEndpoint destination) => _inner.Send(buffer, offset, count, destination);

        /// <inheritdoc/>
        public void Wake() => _inner.Wake();
    }
}
