using System.Collections;

namespace Coap.Micro
{
    /// <summary>
    /// A transport in memory, for tests: datagrams are queued with <see cref="Inject"/> and what the
    /// server sends is collected in <see cref="Sent"/>. Allocates per datagram (test use only).
    /// </summary>
    public sealed class InMemoryTransport : ICoapTransport
    {
        private readonly ArrayList _incoming = new ArrayList();
        private readonly ArrayList _sources = new ArrayList();
        private readonly ArrayList _sent = new ArrayList();
        private readonly ArrayList _destinations = new ArrayList();

        /// <summary>Number of datagrams sent by the server so far.</summary>
        public int SentCount
        {
            get { return _sent.Count; }
        }

        /// <summary>Datagrams waiting to be received.</summary>
        public int PendingCount
        {
            get { return _incoming.Count; }
        }

        /// <summary>Queues a datagram as if it came from <paramref name="source"/>.</summary>
        public void Inject(byte[] datagram, CoapEndpoint source)
        {
            byte[] copy = new byte[datagram.Length];
            System.Array.Copy(datagram, copy, datagram.Length);
            CoapEndpoint from = new CoapEndpoint();
            from.CopyFrom(source);
            _incoming.Add(copy);
            _sources.Add(from);
        }

        /// <summary>The <paramref name="index"/>-th datagram the server sent.</summary>
        public byte[] Sent(int index)
        {
            return (byte[])_sent[index];
        }

        /// <summary>Where the <paramref name="index"/>-th datagram was sent.</summary>
        public CoapEndpoint SentTo(int index)
        {
            return (CoapEndpoint)_destinations[index];
        }

        /// <summary>Forgets what was sent.</summary>
        public void ClearSent()
        {
            _sent.Clear();
            _destinations.Clear();
        }

        /// <inheritdoc/>
        public int Receive(byte[] buffer, int offset, int count, CoapEndpoint source, int timeoutMilliseconds)
        {
            if (_incoming.Count == 0)
            {
                return -1;
            }

            byte[] datagram = (byte[])_incoming[0];
            source.CopyFrom((CoapEndpoint)_sources[0]);
            _incoming.RemoveAt(0);
            _sources.RemoveAt(0);
            int copied = datagram.Length < count ? datagram.Length : count;
            System.Array.Copy(datagram, 0, buffer, offset, copied);
            return datagram.Length;
        }

        /// <inheritdoc/>
        public bool Send(byte[] buffer, int offset, int count, CoapEndpoint destination)
        {
            byte[] copy = new byte[count];
            System.Array.Copy(buffer, offset, copy, 0, count);
            CoapEndpoint to = new CoapEndpoint();
            to.CopyFrom(destination);
            _sent.Add(copy);
            _destinations.Add(to);
            return true;
        }
    }
}
