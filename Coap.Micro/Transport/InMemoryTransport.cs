using System.Collections;
using System.Threading;

namespace Coap.Micro
{
    /// <summary>
    /// A transport in memory, for tests: datagrams are queued with <see cref="Inject(byte[], CoapEndpoint)"/> and what the
    /// server sends is collected in <see cref="Sent"/>. Receive waits like a socket: until a datagram
    /// is injected, <see cref="Wake"/> is called or the timeout ends. Thread-safe; allocates per
    /// datagram (test use only).
    /// </summary>
    public sealed class InMemoryTransport : ICoapTransport
    {
        private readonly object _gate = new object();
        private readonly AutoResetEvent _arrived = new AutoResetEvent(false);
        private readonly ArrayList _incoming = new ArrayList();
        private readonly ArrayList _sources = new ArrayList();
        private readonly ArrayList _toGroup = new ArrayList();
        private readonly ArrayList _sent = new ArrayList();
        private readonly ArrayList _destinations = new ArrayList();
        private readonly int _maxEndpointLength;
        private int _wakes;
        private int _receiveCalls;

        /// <summary>A transport whose endpoints may be up to <see cref="CoapEndpoint.MaxLength"/> bytes.</summary>
        public InMemoryTransport()
            : this(CoapEndpoint.MaxLength)
        {
        }

        /// <summary>A transport whose endpoints are at most <paramref name="maxEndpointLength"/> bytes (1..<see cref="CoapEndpoint.MaxLength"/>).</summary>
        public InMemoryTransport(int maxEndpointLength)
        {
            if (maxEndpointLength < 1 || maxEndpointLength > CoapEndpoint.MaxLength)
            {
                throw new System.ArgumentOutOfRangeException("maxEndpointLength");
            }

            _maxEndpointLength = maxEndpointLength;
        }

        /// <inheritdoc/>
        public int MaxEndpointLength
        {
            get { return _maxEndpointLength; }
        }

        /// <summary>Number of datagrams sent by the server so far.</summary>
        public int SentCount
        {
            get
            {
                lock (_gate)
                {
                    return _sent.Count;
                }
            }
        }

        /// <summary>Datagrams waiting to be received.</summary>
        public int PendingCount
        {
            get
            {
                lock (_gate)
                {
                    return _incoming.Count;
                }
            }
        }

        /// <summary>How often <see cref="Receive"/> was called.</summary>
        public int ReceiveCalls
        {
            get { return Interlocked.CompareExchange(ref _receiveCalls, 0, 0); }
        }

        /// <summary>Queues a datagram as if it came from <paramref name="source"/>.</summary>
        public void Inject(byte[] datagram, CoapEndpoint source)
        {
            Inject(datagram, source, false);
        }

        /// <summary>
        /// Queues a datagram as if it came from <paramref name="source"/> to a multicast group the server
        /// joined (received with <see cref="CoapMulticast.ReceivedOnGroup"/>, RFC 7252 §8.1).
        /// </summary>
        public void InjectToGroup(byte[] datagram, CoapEndpoint source)
        {
            Inject(datagram, source, true);
        }

        private void Inject(byte[] datagram, CoapEndpoint source, bool toGroup)
        {
            byte[] copy = new byte[datagram.Length];
            System.Array.Copy(datagram, copy, datagram.Length);
            CoapEndpoint from = new CoapEndpoint();
            from.CopyFrom(source);
            lock (_gate)
            {
                _incoming.Add(copy);
                _sources.Add(from);
                _toGroup.Add(toGroup);
            }

            _arrived.Set();
        }

        /// <summary>The <paramref name="index"/>-th datagram the server sent.</summary>
        public byte[] Sent(int index)
        {
            lock (_gate)
            {
                return (byte[])_sent[index];
            }
        }

        /// <summary>Where the <paramref name="index"/>-th datagram was sent.</summary>
        public CoapEndpoint SentTo(int index)
        {
            lock (_gate)
            {
                return (CoapEndpoint)_destinations[index];
            }
        }

        /// <summary>Forgets what was sent.</summary>
        public void ClearSent()
        {
            lock (_gate)
            {
                _sent.Clear();
                _destinations.Clear();
            }
        }

        /// <inheritdoc/>
        public int Receive(byte[] buffer, int offset, int count, CoapEndpoint source, int timeoutMilliseconds)
        {
            Interlocked.Increment(ref _receiveCalls);
            int length = TryTake(buffer, offset, count, source);
            if (length >= 0 || timeoutMilliseconds <= 0 || Interlocked.Exchange(ref _wakes, 0) != 0)
            {
                return length;
            }

            _arrived.WaitOne(timeoutMilliseconds, false);
            Interlocked.Exchange(ref _wakes, 0);
            return TryTake(buffer, offset, count, source);
        }

        /// <inheritdoc/>
        public bool Send(byte[] buffer, int offset, int count, CoapEndpoint destination)
        {
            byte[] copy = new byte[count];
            System.Array.Copy(buffer, offset, copy, 0, count);
            CoapEndpoint to = new CoapEndpoint();
            to.CopyFrom(destination);
            lock (_gate)
            {
                _sent.Add(copy);
                _destinations.Add(to);
            }

            return true;
        }

        /// <inheritdoc/>
        public void Wake()
        {
            Interlocked.Exchange(ref _wakes, 1);
            _arrived.Set();
        }

        private int TryTake(byte[] buffer, int offset, int count, CoapEndpoint source)
        {
            lock (_gate)
            {
                if (_incoming.Count == 0)
                {
                    return -1;
                }

                byte[] datagram = (byte[])_incoming[0];
                source.CopyFrom((CoapEndpoint)_sources[0]);
                _incoming.RemoveAt(0);
                _sources.RemoveAt(0);
                bool toGroup = (bool)_toGroup[0];
                _toGroup.RemoveAt(0);
                int copied = datagram.Length < count ? datagram.Length : count;
                System.Array.Copy(datagram, 0, buffer, offset, copied);
                return toGroup ? datagram.Length + CoapMulticast.ReceivedOnGroup : datagram.Length;
            }
        }
    }
}
