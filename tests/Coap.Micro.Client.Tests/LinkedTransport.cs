using Coap.Micro;

namespace ThermoDev.Tests.Client
{
    /// <summary>
    /// One end of an in-memory link: what it sends arrives at its <see cref="Peer"/> (itself, for a
    /// device that talks to itself) as coming from <see cref="Self"/>. Receive and wake as
    /// <see cref="InMemoryTransport"/>; allocates per datagram (test use only).
    /// </summary>
    public sealed class LinkedTransport : ICoapTransport
    {
        private readonly InMemoryTransport _inbox = new InMemoryTransport();

        /// <summary>An end known to its peer as <paramref name="self"/>.</summary>
        public LinkedTransport(CoapEndpoint self)
        {
            Self = self;
            Peer = this;
        }

        /// <summary>This end's endpoint, as the peer sees it.</summary>
        public CoapEndpoint Self { get; private set; }

        /// <summary>Where datagrams sent here arrive.</summary>
        public LinkedTransport Peer { get; set; }

        /// <summary>Datagrams sent by this end.</summary>
        public int SentCount { get; private set; }

        /// <summary>Links two ends to each other.</summary>
        public static void Link(LinkedTransport a, LinkedTransport b)
        {
            a.Peer = b;
            b.Peer = a;
        }

        /// <inheritdoc/>
        public int Receive(byte[] buffer, int offset, int count, CoapEndpoint source, int timeoutMilliseconds)
        {
            return _inbox.Receive(buffer, offset, count, source, timeoutMilliseconds);
        }

        /// <inheritdoc/>
        public bool Send(byte[] buffer, int offset, int count, CoapEndpoint destination)
        {
            byte[] datagram = new byte[count];
            System.Array.Copy(buffer, offset, datagram, 0, count);
            SentCount++;
            Peer._inbox.Inject(datagram, Self);
            return true;
        }

        /// <inheritdoc/>
        public void Wake()
        {
            _inbox.Wake();
        }

        /// <inheritdoc/>
        public int MaxEndpointLength
        {
            get { return _inbox.MaxEndpointLength; }
        }
    }
}
