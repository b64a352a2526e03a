namespace Coap.Micro
{
    /// <summary>
    /// Message-id sublayer of the client: duplicate handling (RFC 7252 §4.5). Responses received in CON
    /// or NON messages, by endpoint and Message ID, with the answer the client gave (ACK, RST, or
    /// nothing), so a retransmitted one gets the same answer and is not delivered again. Fixed slots as
    /// parallel arrays; when all are live, the one closest to its end of life is replaced.
    /// </summary>
    internal sealed class ResponseDeduplication
    {
        /// <summary>Nothing was sent back (a NON, or a response ignored).</summary>
        internal const byte AnsweredNothing = 0;

        /// <summary>The CON was acknowledged.</summary>
        internal const byte AnsweredAck = 1;

        /// <summary>The CON was rejected.</summary>
        internal const byte AnsweredReset = 2;

        private readonly byte[] _endpoints;
        private readonly byte[] _endpointLengths;
        private readonly int[] _messageIds;
        private readonly long[] _expires;
        private readonly byte[] _answers;

        internal ResponseDeduplication(int entries)
        {
            _endpoints = new byte[entries * CoapEndpoint.MaxLength];
            _endpointLengths = new byte[entries];
            _messageIds = new int[entries];
            _expires = new long[entries];
            _answers = new byte[entries];
            for (int i = 0; i < entries; i++)
            {
                _messageIds[i] = -1;
            }
        }

        /// <summary>The slot of a live entry for (endpoint, Message ID), or -1.</summary>
        internal int Find(CoapEndpoint endpoint, int messageId, long now)
        {
            for (int i = 0; i < _messageIds.Length; i++)
            {
                if (_messageIds[i] == messageId && _expires[i] > now
                    && ByteCompare.Equal(_endpoints, i * CoapEndpoint.MaxLength, _endpointLengths[i], endpoint.Bytes, 0, endpoint.Length))
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>What was answered to the entry in <paramref name="slot"/>.</summary>
        internal byte AnswerOf(int slot)
        {
            return _answers[slot];
        }

        /// <summary>Remembers (endpoint, Message ID) and the answer for EXCHANGE_LIFETIME (CON) or NON_LIFETIME (NON), RFC 7252 §4.8.2.</summary>
        internal void Add(CoapEndpoint endpoint, int messageId, bool confirmable, byte answer, long now)
        {
            int slot = 0;
            for (int i = 0; i < _messageIds.Length; i++)
            {
                if (_expires[i] <= now)
                {
                    slot = i;
                    break;
                }

                if (_expires[i] < _expires[slot])
                {
                    slot = i;
                }
            }

            System.Array.Copy(endpoint.Bytes, 0, _endpoints, slot * CoapEndpoint.MaxLength, endpoint.Length);
            _endpointLengths[slot] = (byte)endpoint.Length;
            _messageIds[slot] = messageId;
            _expires[slot] = now + (confirmable ? CoapTiming.ExchangeLifetime : CoapTiming.NonLifetime);
            _answers[slot] = answer;
        }
    }
}
