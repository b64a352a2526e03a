using System;
using System.Threading;

namespace Coap.Micro
{
    /// <summary>
    /// The lifecycle of a loop that one thread at a time may run: its own thread (<see cref="Start"/>,
    /// <see cref="Join"/>) or a caller's thread for one turn (<see cref="TryEnter"/>, <see cref="Exit"/>).
    /// Shared by the server and the client (public for Coap.Micro.Client; an application has no need of
    /// it). State is in ints changed with <see cref="Interlocked"/> (nanoFramework has no volatile).
    /// </summary>
    public sealed class LoopThread
    {
        private Thread _thread;
        private int _running;
        private int _stopRequested;

        /// <summary>True while the loop's own thread runs (also while a timed-out stop waits for it).</summary>
        public bool IsRunning
        {
            get { return Interlocked.CompareExchange(ref _running, 0, 0) != 0 && _thread != null; }
        }

        /// <summary>True while any thread runs the loop or a turn of it.</summary>
        internal bool IsBusy
        {
            get { return Interlocked.CompareExchange(ref _running, 0, 0) != 0; }
        }

        /// <summary>True on the loop's own thread.</summary>
        internal bool IsCurrentThread
        {
            get { return Thread.CurrentThread == _thread; }
        }

        /// <summary>True once a stop was asked for.</summary>
        public bool StopRequested
        {
            get { return Interlocked.CompareExchange(ref _stopRequested, 0, 0) != 0; }
        }

        /// <summary>Runs <paramref name="body"/> on a new thread; throws when a loop or a turn runs.</summary>
        public void Start(ThreadStart body)
        {
            if (!TryEnter())
            {
                throw new InvalidOperationException("the loop is running");
            }

            Interlocked.Exchange(ref _stopRequested, 0);
            _thread = new Thread(body);
            _thread.Start();
        }

        /// <summary>Claims the loop for one turn on the calling thread; false when it runs elsewhere.</summary>
        public bool TryEnter()
        {
            return Interlocked.CompareExchange(ref _running, 1, 0) == 0;
        }

        /// <summary>Claims the loop for one turn on the calling thread; throws when it runs elsewhere.</summary>
        public void Enter()
        {
            if (Interlocked.CompareExchange(ref _running, 1, 0) != 0)
            {
                throw new InvalidOperationException("the loop is running");
            }
        }

        /// <summary>Gives the loop back: after a turn, or when the loop's own thread ends.</summary>
        public void Exit()
        {
            Interlocked.Exchange(ref _running, 0);
        }

        /// <summary>Asks the loop's thread to stop (the owner then wakes it); false when no thread runs.</summary>
        public bool RequestStop()
        {
            if (_thread == null)
            {
                return false;
            }

            Interlocked.Exchange(ref _stopRequested, 1);
            return true;
        }

        /// <summary>Waits up to <paramref name="timeoutMilliseconds"/> for the loop's thread; true when it has ended (or none ran).</summary>
        public bool Join(int timeoutMilliseconds)
        {
            Thread thread = _thread;
            if (thread == null)
            {
                return true;
            }

            if (!thread.Join(timeoutMilliseconds))
            {
                return false;
            }

            _thread = null;
            return true;
        }
    }
}
