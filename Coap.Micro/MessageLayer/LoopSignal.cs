using System.Threading;

namespace Coap.Micro
{
    /// <summary>
    /// How other threads tell the loop there is work (a change, a ready response, a stop): they count a
    /// signal with <see cref="Interlocked"/> and wake the loop; they never lock or allocate. The loop
    /// compares the count with the one it last serviced.
    /// </summary>
    internal sealed class LoopSignal
    {
        /// <summary>The loop's lifecycle (its thread, or a caller's thread for one turn).</summary>
        internal readonly LoopThread Loop;

        private readonly ICoapTransport _transport;
        private readonly AutoResetEvent _wake = new AutoResetEvent(false);
        // Read in place by the loop once per turn (a property would cost a call each on nanoFramework).
        internal int _signals;
        internal int _serviced = -1;

        internal LoopSignal(ICoapTransport transport, LoopThread loop)
        {
            _transport = transport;
            Loop = loop;
        }

        /// <summary>Counts a signal and wakes the loop; any thread, never blocks.</summary>
        internal void Signal()
        {
            Interlocked.Increment(ref _signals);
            if (Loop.IsCurrentThread)
            {
                // From a handler on the loop thread: the loop services its work as soon as this turn's
                // datagram is answered, so waking it would cost a wake-up for nothing.
                return;
            }

            _transport.Wake();
            _wake.Set();
        }

        /// <summary>
        /// Counts a signal without waking anyone, so the next service looks at every observer: for the
        /// loop thread, which services right after the datagram it is handling (RFC 7641 §4.5.1).
        /// </summary>
        internal void Rescan()
        {
            Interlocked.Increment(ref _signals);
        }

        /// <summary>Waits until signalled or <paramref name="milliseconds"/> have passed.</summary>
        internal void Wait(int milliseconds)
        {
            _wake.WaitOne(milliseconds, false);
        }
    }
}
