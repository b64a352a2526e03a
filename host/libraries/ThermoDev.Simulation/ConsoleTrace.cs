using System;
using Coap.Micro;
using Coap.Micro.Dotnet;

namespace ThermoDev.Simulation
{
    /// <summary>
    /// The server's trace hook on a PC: formats a line per exchange (see <see cref="TraceLineFormatter"/>)
    /// and hands it to the <see cref="ConsoleLog"/> queue. It runs on the server's loop thread, so it
    /// only formats and enqueues (never waits for the console), and nothing it does can throw into the loop.
    /// When one process serves several devices, each line starts with the device's port (":5684 ").
    /// </summary>
    public sealed class ConsoleTrace : ICoapServerTrace
    {
        private readonly ConsoleLog _log;
        private readonly string _prefix;

        // Views over the answer bytes; used only on the loop thread, one call at a time.
        private readonly CoapMessage _answer = new CoapMessage(32);

        /// <summary>Writes to <paramref name="log"/>.</summary>
        public ConsoleTrace(ConsoleLog log)
            : this(log, null)
        {
        }

        /// <summary>Writes to <paramref name="log"/>, each line after <paramref name="prefix"/> (null or empty for none).</summary>
        public ConsoleTrace(ConsoleLog log, string prefix)
        {
            ArgumentNullException.ThrowIfNull(log);
            _log = log;
            _prefix = string.IsNullOrEmpty(prefix) ? null : prefix;
        }

        /// <inheritdoc/>
        public void Exchanged(CoapEndpoint peer, CoapMessage received, byte[] answer, int offset, int length)
        {
            try
            {
                CoapMessage parsed = null;
                if (answer != null && length > 0)
                {
                    _answer.Parse(answer, offset, length);
                    parsed = _answer;
                }

                Write(TraceLineFormatter.Exchange(DotnetUdpTransport.Format(peer), received, parsed));
            }
            catch (Exception e)
            {
                Failed(e);
            }
        }

        /// <inheritdoc/>
        public void Sent(CoapEndpoint peer, byte[] message, int offset, int length, CoapTransmission kind)
        {
            try
            {
                _answer.Parse(message, offset, length);
                Write(TraceLineFormatter.Sent(DotnetUdpTransport.Format(peer), _answer, kind));
            }
            catch (Exception e)
            {
                Failed(e);
            }
        }

        private void Write(string line) => _log.TryWrite(_prefix == null ? line : _prefix + line);

        // A line that cannot be formatted is a bug here, never a reason to disturb the server.
        private void Failed(Exception e)
        {
            try
            {
                Write("(a trace line could not be formatted: " + e.GetType().Name + ")");
            }
            catch (Exception)
            {
                // Nothing more to do: the loop goes on.
            }
        }
    }
}
