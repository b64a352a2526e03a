using System;
using Coap.Micro;

namespace ThermoDev.HostTests.Support
{
    /// <summary>
    /// Measures amplification (RFC 7252 §11.3) as a server trace: for every answer to a request, the bytes
    /// it takes on the wire over those of the request, each counted with 28 bytes of IPv4 and UDP headers.
    /// Requests that asked for a block size (Block2) are measured apart, as the bound is for clients that
    /// did not ask. Messages the server sends of its own accord (notifications, separate responses,
    /// retransmissions) answer no datagram in the same exchange; the largest is kept to be reported.
    /// Allocates nothing while it measures.
    /// </summary>
    public sealed class AmplificationMeter : ICoapServerTrace
    {
        /// <summary>IPv4 header (20 bytes) and UDP header (8 bytes).</summary>
        public const int HeaderBytes = 28;

        /// <summary>The bound the tests hold the server to.</summary>
        public const double Limit = 3.0;

        private readonly byte[] _worstRequest = new byte[MemoryTransport.MaxDatagram];
        private readonly byte[] _worstAnswer = new byte[MemoryTransport.MaxDatagram];

        /// <summary>Answers measured (block-size requests included).</summary>
        public long Exchanges { get; private set; }

        /// <summary>The largest ratio over requests without Block2.</summary>
        public double MaxRatio { get; private set; }

        /// <summary>The largest ratio over requests that asked for a block size with Block2.</summary>
        public double MaxRatioWithBlock2 { get; private set; }

        /// <summary>Answers above <see cref="Limit"/> to requests without Block2.</summary>
        public long OverLimit { get; private set; }

        /// <summary>The largest message the server sent of its own accord, in bytes.</summary>
        public int LargestOwnMessage { get; private set; }

        /// <summary>The request and answer of <see cref="MaxRatio"/>, as hex, for a failure message.</summary>
        public string Worst => $"{Convert.ToHexString(_worstRequest, 0, WorstRequestLength)} -> {Convert.ToHexString(_worstAnswer, 0, WorstAnswerLength)}";

        private int WorstRequestLength { get; set; }

        private int WorstAnswerLength { get; set; }

        /// <summary>The ratio of <paramref name="answer"/> bytes to <paramref name="request"/> bytes on the wire.</summary>
        public static double Ratio(int request, int answer) => (double)(answer + HeaderBytes) / (request + HeaderBytes);

        /// <inheritdoc/>
        public void Exchanged(CoapEndpoint peer, CoapMessage received, byte[] answer, int offset, int length)
        {
            if (answer == null || length <= 0 || !received.HasHeader)
            {
                return;
            }

            Exchanges++;
            double ratio = Ratio(received.Length, length);
            if (received.HasOption(CoapOption.Block2))
            {
                MaxRatioWithBlock2 = Math.Max(MaxRatioWithBlock2, ratio);
                return;
            }

            if (ratio > Limit)
            {
                OverLimit++;
            }

            if (ratio > MaxRatio)
            {
                MaxRatio = ratio;
                WorstRequestLength = Math.Min(received.Length, _worstRequest.Length);
                Array.Copy(received.Buffer, received.Offset, _worstRequest, 0, WorstRequestLength);
                WorstAnswerLength = Math.Min(length, _worstAnswer.Length);
                Array.Copy(answer, offset, _worstAnswer, 0, WorstAnswerLength);
            }
        }

        /// <inheritdoc/>
        public void Sent(CoapEndpoint peer, byte[] message, int offset, int length, CoapTransmission kind)
        {
            LargestOwnMessage = Math.Max(LargestOwnMessage, length);
        }

        /// <summary>Adds what <paramref name="other"/> measured.</summary>
        public void Add(AmplificationMeter other)
        {
            Exchanges += other.Exchanges;
            OverLimit += other.OverLimit;
            MaxRatioWithBlock2 = Math.Max(MaxRatioWithBlock2, other.MaxRatioWithBlock2);
            LargestOwnMessage = Math.Max(LargestOwnMessage, other.LargestOwnMessage);
            if (other.MaxRatio > MaxRatio)
            {
                MaxRatio = other.MaxRatio;
                WorstRequestLength = other.WorstRequestLength;
                WorstAnswerLength = other.WorstAnswerLength;
                Array.Copy(other._worstRequest, _worstRequest, WorstRequestLength);
                Array.Copy(other._worstAnswer, _worstAnswer, WorstAnswerLength);
            }
        }

        /// <summary>One line for the test output.</summary>
        public override string ToString() =>
            $"{Exchanges:N0} answers: largest ratio {MaxRatio:F2} (limit {Limit:F1}), {MaxRatioWithBlock2:F2} where the client asked for a block size; largest message of the server's own {LargestOwnMessage} bytes";
    }
}
