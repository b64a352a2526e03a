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

        // Two ints per slot, as the observer table keeps its slots (on nanoFramework an array costs a
        // 20-byte header and an object 12 bytes per field, so five arrays of one value per slot cost more
        // than the values). The first, written and read as one value so another thread marking a ticket
        // ready sees a consistent pair: the generation of the slot's current use (26 bits) above its
        // state (2 bits). The second, who asked: the resource index above the CON flag and the method code.
        private const int Stride = 2;
        private const int UseAt = 0;
        private const int RequestAt = 1;
        private const int StateMask = 0x3;
        private const int GenerationShift = 2;
        private const int GenerationMask = 0x3FFFFFF;
        private const int MethodMask = 0xFF;
        private const int ConfirmableFlag = 0x100;
        private const int ResourceShift = 9;

        private readonly int[] _slots;
        private readonly PeerSlots _peers;
        // Read in place by the loop before it takes them (a call less per turn when none is ready).
        internal int _ready;

        /// <summary><paramref name="capacity"/> slots, whose peers are the last slots of <paramref name="peers"/>.</summary>
        internal SeparateResponseTable(int capacity, PeerSlots peers)
        {
            _slots = new int[capacity * Stride];
            _peers = peers;
        }

        /// <summary>Number of slots.</summary>
        internal int Capacity
        {
            get { return _slots.Length / Stride; }
        }

        /// <summary>State of <paramref name="slot"/>.</summary>
        internal byte StateOf(int slot)
        {
            return (byte)(_slots[slot * Stride + UseAt] & StateMask);
        }

        /// <summary>Slot a ticket names.</summary>
        internal static int SlotOf(int ticket)
        {
            return ticket & ((1 << SlotBits) - 1);
        }

        /// <summary>Reserves a slot for the request being handled; returns its ticket, or -1 when all are in use.</summary>
        internal int Reserve()
        {
            for (int i = 0; i < Capacity; i++)
            {
                if (StateOf(i) == Free)
                {
                    int generation = (GenerationOf(i) + 1) & GenerationMask;
                    _slots[i * Stride + UseAt] = (generation << GenerationShift) | Reserved;
                    return (generation << SlotBits) | i;
                }
            }

            return -1;
        }

        /// <summary>Fills a reserved slot with who asked; the response now waits for <see cref="MarkReady"/>.</summary>
        internal void Fill(int ticket, int resource, CoapEndpoint endpoint, CoapMessage request)
        {
            int slot = SlotOf(ticket);
            _slots[slot * Stride + RequestAt] = (resource << ResourceShift)
                | (request.Type == CoapMessageType.Confirmable ? ConfirmableFlag : 0)
                | request.Code;
            _peers.Set(PeerOf(slot), endpoint, request);
            SetState(slot, Waiting);
        }

        /// <summary>Frees a slot (answered, given up, or its request failed).</summary>
        internal void Release(int slot)
        {
            SetState(slot, Free);
        }

        /// <summary>Marks the slot in flight (a CON response awaits its ACK).</summary>
        internal void SetInFlight(int slot)
        {
            SetState(slot, InFlight);
        }

        /// <summary>True when <paramref name="ticket"/> names the current use of a slot.</summary>
        internal bool IsCurrent(int ticket)
        {
            if (ticket < 0)
            {
                return false;
            }

            int slot = SlotOf(ticket);
            if (slot >= Capacity)
            {
                return false;
            }

            int use = _slots[slot * Stride + UseAt];
            return (use & StateMask) != Free && ((use >> GenerationShift) & GenerationMask) == (ticket >> SlotBits);
        }

        /// <summary>The ticket of the current use of <paramref name="slot"/>.</summary>
        internal int TicketOf(int slot)
        {
            return (GenerationOf(slot) << SlotBits) | slot;
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
            return _slots[slot * Stride + RequestAt] >> ResourceShift;
        }

        /// <summary>The request's method code.</summary>
        internal byte MethodOf(int slot)
        {
            return (byte)(_slots[slot * Stride + RequestAt] & MethodMask);
        }

        /// <summary>True when the request was a CON (the response is then a CON too, RFC 7252 §5.2.2).</summary>
        internal bool IsConfirmable(int slot)
        {
            return (_slots[slot * Stride + RequestAt] & ConfirmableFlag) != 0;
        }

        /// <summary>The clients' endpoints and tokens; a slot's are at <see cref="PeerOf"/>.</summary>
        internal PeerSlots Peers
        {
            get { return _peers; }
        }

        /// <summary>The slot in <see cref="Peers"/> of <paramref name="slot"/>'s client (this table has the last ones).</summary>
        internal int PeerOf(int slot)
        {
            return _peers.Capacity - Capacity + slot;
        }

        private int GenerationOf(int slot)
        {
            return (_slots[slot * Stride + UseAt] >> GenerationShift) & GenerationMask;
        }

        // Keeps the generation; only the loop thread changes a slot's state.
        private void SetState(int slot, byte state)
        {
            int at = slot * Stride + UseAt;
            _slots[at] = (_slots[at] & ~StateMask) | state;
        }
    }
}
