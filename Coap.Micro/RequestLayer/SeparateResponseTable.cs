using System.Threading;

namespace Coap.Micro
{
    /// <summary>
    /// Requests whose response is sent later (RFC 7252 §5.2.2): who asked (endpoint, token, method,
    /// message type) and what state the answer is in. A ticket names a slot and the use of it, so a
    /// late call with an old ticket cannot touch a newer request. Any thread may mark a ticket ready;
    /// everything else happens on the server's loop thread.
    /// </summary>
    internal sealed class SeparateResponseTable
    {
        /// <summary>Most slots: the ready flags are the bits of one int.</summary>
        internal const int MaxSlots = 30;

        internal const byte Free = 0;
        internal const byte Reserved = 1;
        internal const byte Waiting = 2;
        internal const byte InFlight = 3;

        private const int SlotBits = 5;

        private readonly byte[] _states;
        private readonly int[] _generations;
        private readonly int[] _resources;
        private readonly byte[] _methods;
        private readonly bool[] _confirmable;
        private readonly PeerSlots _peers;
        private int _ready;

        internal SeparateResponseTable(int capacity, int endpointCapacity)
        {
            _states = new byte[capacity];
            _generations = new int[capacity];
            _resources = new int[capacity];
            _methods = new byte[capacity];
            _confirmable = new bool[capacity];
            _peers = new PeerSlots(capacity, endpointCapacity);
        }

        /// <summary>Number of slots.</summary>
        internal int Capacity
        {
            get { return _states.Length; }
        }

        /// <summary>State of <paramref name="slot"/>.</summary>
        internal byte StateOf(int slot)
        {
            return _states[slot];
        }

        /// <summary>Slot a ticket names.</summary>
        internal static int SlotOf(int ticket)
        {
            return ticket & ((1 << SlotBits) - 1);
        }

        /// <summary>Reserves a slot for the request being handled; returns its ticket, or -1 when all are in use.</summary>
        internal int Reserve()
        {
            for (int i = 0; i < _states.Length; i++)
            {
                if (_states[i] == Free)
                {
                    _states[i] = Reserved;
                    int generation = (_generations[i] + 1) & 0x3FFFFFF;
                    _generations[i] = generation;
                    return (generation << SlotBits) | i;
                }
            }

            return -1;
        }

        /// <summary>Fills a reserved slot with who asked; the response now waits for <see cref="MarkReady"/>.</summary>
        internal void Fill(int ticket, int resource, CoapEndpoint endpoint, CoapMessage request)
        {
            int slot = SlotOf(ticket);
            _resources[slot] = resource;
            _methods[slot] = request.Code;
            _confirmable[slot] = request.Type == CoapMessageType.Confirmable;
            _peers.Set(slot, endpoint, request);
            _states[slot] = Waiting;
        }

        /// <summary>Frees a slot (answered, given up, or its request failed).</summary>
        internal void Release(int slot)
        {
            _states[slot] = Free;
        }

        /// <summary>Marks the slot in flight (a CON response awaits its ACK).</summary>
        internal void SetInFlight(int slot)
        {
            _states[slot] = InFlight;
        }

        /// <summary>True when <paramref name="ticket"/> names the current use of a slot.</summary>
        internal bool IsCurrent(int ticket)
        {
            if (ticket < 0)
            {
                return false;
            }

            int slot = SlotOf(ticket);
            return slot < _states.Length && _states[slot] != Free && _generations[slot] == (ticket >> SlotBits);
        }

        /// <summary>The ticket of the current use of <paramref name="slot"/>.</summary>
        internal int TicketOf(int slot)
        {
            return (_generations[slot] << SlotBits) | slot;
        }

        /// <summary>Marks a ticket's response ready to send; any thread, never blocks or allocates. False for a stale ticket.</summary>
        internal bool MarkReady(int ticket)
        {
            if (!IsCurrent(ticket))
            {
                return false;
            }

            int bit = 1 << SlotOf(ticket);
            int seen;
            do
            {
                seen = _ready;
            }
            while (Interlocked.CompareExchange(ref _ready, seen | bit, seen) != seen);
            return true;
        }

        /// <summary>Takes the set of slots marked ready (bit i = slot i) and clears it.</summary>
        internal int TakeReady()
        {
            return Interlocked.Exchange(ref _ready, 0);
        }

        /// <summary>Puts back ready marks that could not be served yet.</summary>
        internal void PutBackReady(int bits)
        {
            int seen;
            do
            {
                seen = _ready;
            }
            while (Interlocked.CompareExchange(ref _ready, seen | bits, seen) != seen);
        }

        /// <summary>Index of the resource that answers.</summary>
        internal int ResourceOf(int slot)
        {
            return _resources[slot];
        }

        /// <summary>The request's method code.</summary>
        internal byte MethodOf(int slot)
        {
            return _methods[slot];
        }

        /// <summary>True when the request was a CON (the response is then a CON too, RFC 7252 §5.2.2).</summary>
        internal bool IsConfirmable(int slot)
        {
            return _confirmable[slot];
        }

        /// <summary>The client's endpoint and token.</summary>
        internal PeerSlots Peers
        {
            get { return _peers; }
        }
    }
}
