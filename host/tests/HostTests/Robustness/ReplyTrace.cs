using System;
using Coap.Micro;
using ThermoDev.HostTests.Support;

namespace ThermoDev.HostTests.Robustness
{
    /// <summary>
    /// A server trace for fuzzing: keeps the answer to the last datagram (apart from what the server sends
    /// of its own accord in the same turn) and passes everything on to an <see cref="AmplificationMeter"/>.
    /// Allocates nothing.
    /// </summary>
    public sealed class ReplyTrace : ICoapServerTrace
    {
        public ReplyTrace(AmplificationMeter meter)
        {
            Meter = meter;
        }

        public AmplificationMeter Meter { get; }

        /// <summary>The answer to the last datagram handled.</summary>
        public byte[] Answer { get; } = new byte[MemoryTransport.MaxDatagram];

        /// <summary>Its length: 0 when nothing was sent back, -1 before any datagram.</summary>
        public int AnswerLength { get; private set; } = -1;

        /// <summary>Forgets the last answer.</summary>
        public void Clear() => AnswerLength = -1;

        /// <inheritdoc/>
        public void Exchanged(CoapEndpoint peer, CoapMessage received, byte[] answer, int offset, int length)
        {
            Meter.Exchanged(peer, received, answer, offset, length);
            AnswerLength = answer == null ? 0 : length;
            if (AnswerLength > 0)
            {
                Array.Copy(answer, offset, Answer, 0, Math.Min(length, Answer.Length));
            }
        }

        /// <inheritdoc/>
        public void Sent(CoapEndpoint peer, byte[] message, int offset, int length, CoapTransmission kind) =>
            Meter.Sent(peer, message, offset, length, kind);
    }
}
