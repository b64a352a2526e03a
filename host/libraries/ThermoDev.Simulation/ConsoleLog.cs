using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading;

namespace ThermoDev.Simulation
{
    /// <summary>
    /// Standard output through a bounded queue and one writer thread. Writing to a console or a pipe can
    /// block (a paused terminal, a reader that stopped reading), and the CoAP loop must never wait for
    /// it: <see cref="TryWrite"/> only enqueues, and when the queue is full the line is dropped and
    /// counted, and the count is printed once output moves again. The queue holds at most
    /// <c>capacity</c> lines, so a flood of requests cannot grow memory either.
    /// </summary>
    public sealed class ConsoleLog : IDisposable
    {
        private readonly BlockingCollection<object> _queue;
        private readonly TextWriter _output;
        private readonly Thread _writer;
        private int _dropped;
        private bool _broken;

        /// <summary>Starts the writer thread for <paramref name="output"/>, queueing at most <paramref name="capacity"/> lines.</summary>
        public ConsoleLog(TextWriter output, int capacity)
        {
            ArgumentNullException.ThrowIfNull(output);
            ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
            _output = output;
            _queue = new BlockingCollection<object>(new ConcurrentQueue<object>(), capacity);

            // A background thread: an output that never drains cannot keep the process from exiting.
            _writer = new Thread(Drain) { IsBackground = true, Name = "console log" };
            _writer.Start();
        }

        /// <summary>Queues a line without ever blocking; false (and counted) when the queue is full or closed.</summary>
        public bool TryWrite(string line)
        {
            if (Enqueue(line, 0))
            {
                return true;
            }

            Interlocked.Increment(ref _dropped);
            return false;
        }

        /// <summary>
        /// Queues a line the user must see (start-up, shutdown) and waits until it has been written,
        /// up to <paramref name="timeout"/>. False when it could not be written in that time.
        /// </summary>
        public bool WriteAndFlush(string line, TimeSpan timeout)
        {
            // Not disposed: after a timeout the writer may still set it.
            var written = new ManualResetEventSlim(false);
            int milliseconds = (int)timeout.TotalMilliseconds;
            return Enqueue(line, milliseconds) && Enqueue(written, milliseconds) && written.Wait(timeout);
        }

        /// <summary>Writes what is queued (waiting up to 2 s) and ends the writer thread.</summary>
        public void Dispose()
        {
            _queue.CompleteAdding();
            _writer.Join(TimeSpan.FromSeconds(2));
        }

        private bool Enqueue(object item, int milliseconds)
        {
            try
            {
                return _queue.TryAdd(item, milliseconds);
            }
            catch (InvalidOperationException)
            {
                // Closed by Dispose.
                return false;
            }
        }

        private void Drain()
        {
            foreach (object item in _queue.GetConsumingEnumerable())
            {
                if (item is ManualResetEventSlim written)
                {
                    Flush();
                    written.Set();
                    continue;
                }

                int dropped = Interlocked.Exchange(ref _dropped, 0);
                if (dropped > 0)
                {
                    Write($"({dropped} log lines dropped: output was not keeping up)");
                }

                Write((string)item);
            }

            Flush();
        }

        // Once the output fails (closed pipe, full disk) it is given up; the queue is still drained.
        private void Write(string line)
        {
            if (_broken)
            {
                return;
            }

            try
            {
                _output.WriteLine(line);
            }
            catch (IOException)
            {
                _broken = true;
            }
            catch (ObjectDisposedException)
            {
                _broken = true;
            }
        }

        private void Flush()
        {
            if (_broken)
            {
                return;
            }

            try
            {
                _output.Flush();
            }
            catch (IOException)
            {
                _broken = true;
            }
            catch (ObjectDisposedException)
            {
                _broken = true;
            }
        }
    }
}
