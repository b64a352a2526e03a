using System.Threading;

namespace Coap.Micro
{
    /// <summary>
    /// The requests in progress, one slot each (<see cref="CoapClientOptions.MaxExchanges"/>), which is
    /// also the request's slot in the retransmission table. Any thread submits a request into a free slot
    /// under a lock; the loop thread collects submissions into its own view, which only it reads and
    /// writes, and frees slots.
    /// </summary>
    internal sealed class ExchangeTable
    {
        private readonly object _gate = new object();
        private readonly bool[] _reserved;
        private readonly CoapRequest[] _submitted;
        private readonly CoapRequest[] _active;
        private int _sequence;
        private int _submissions;

        internal ExchangeTable(int capacity)
        {
            _reserved = new bool[capacity];
            _submitted = new CoapRequest[capacity];
            _active = new CoapRequest[capacity];
        }

        internal int Capacity
        {
            get { return _active.Length; }
        }

        /// <summary>True when requests were submitted since the loop last collected them.</summary>
        internal bool HasSubmissions
        {
            get { return Interlocked.CompareExchange(ref _submissions, 0, 0) != 0; }
        }

        /// <summary>The request in progress in <paramref name="slot"/> (loop thread), or null.</summary>
        internal CoapRequest At(int slot)
        {
            return _active[slot];
        }

        /// <summary>Any thread: puts <paramref name="request"/> in a free slot, numbered in order of submission; false when none is free.</summary>
        internal bool Submit(CoapRequest request)
        {
            lock (_gate)
            {
                for (int slot = 0; slot < _reserved.Length; slot++)
                {
                    if (!_reserved[slot])
                    {
                        _reserved[slot] = true;
                        request.Exchange.Slot = slot;
                        request.Exchange.Sequence = ++_sequence;
                        _submitted[slot] = request;
                        Interlocked.Increment(ref _submissions);
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>Loop thread: takes the requests submitted since the last call into its view.</summary>
        internal void Collect()
        {
            if (Interlocked.CompareExchange(ref _submissions, 0, 0) == 0)
            {
                return;
            }

            lock (_gate)
            {
                for (int slot = 0; slot < _submitted.Length; slot++)
                {
                    if (_submitted[slot] != null)
                    {
                        _active[slot] = _submitted[slot];
                        _submitted[slot] = null;
                    }
                }

                Interlocked.Exchange(ref _submissions, 0);
            }
        }

        /// <summary>Loop thread: frees <paramref name="slot"/> for the next submission.</summary>
        internal void Free(int slot)
        {
            _active[slot] = null;
            lock (_gate)
            {
                _reserved[slot] = false;
            }
        }
    }
}
