using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace ThermoDev.Pc
{
    /// <summary>
    /// Ctrl+C, SIGINT and SIGTERM as a request to stop: the first one is taken over (the process does
    /// not end at once) and wakes <see cref="Wait"/>; a second one while stopping ends the process the
    /// usual way. Handled from the moment this object exists, so a host that creates it before
    /// saying it has started can always be stopped cleanly.
    /// </summary>
    public sealed class ShutdownSignal : IDisposable
    {
        private readonly ManualResetEventSlim _requested = new ManualResetEventSlim(false);
        private readonly PosixSignalRegistration _interrupt;
        private readonly PosixSignalRegistration _terminate;
        private int _signal;

        /// <summary>Starts handling SIGINT (Ctrl+C) and SIGTERM.</summary>
        public ShutdownSignal()
        {
            _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
            _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        }

        /// <summary>The signal that asked to stop ("SIGINT", "SIGTERM"), or null while none has.</summary>
        public string Received
        {
            get
            {
                int signal = Volatile.Read(ref _signal);
                return signal == 0 ? null : ((PosixSignal)signal).ToString();
            }
        }

        /// <summary>Blocks until a stop is requested.</summary>
        public void Wait() => _requested.Wait();

        /// <summary>Stops handling the signals: from now on they end the process the usual way.</summary>
        public void Dispose()
        {
            _interrupt.Dispose();
            _terminate.Dispose();
        }

        private void OnSignal(PosixSignalContext context)
        {
            // PosixSignal values are negative; 0 means none yet. A second signal is not taken over.
            if (Interlocked.CompareExchange(ref _signal, (int)context.Signal, 0) == 0)
            {
                context.Cancel = true;
                _requested.Set();
            }
        }
    }
}
