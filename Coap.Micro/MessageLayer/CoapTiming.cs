namespace Coap.Micro
{
    /// <summary>Transmission parameters and derived times of RFC 7252 §4.8, in milliseconds.</summary>
    public static class CoapTiming
    {
        /// <summary>ACK_TIMEOUT, 2 s (RFC 7252 §4.8).</summary>
        public const int AckTimeout = 2000;
        /// <summary>ACK_RANDOM_FACTOR 1.5, as a ratio of thousandths (RFC 7252 §4.8).</summary>
        public const int AckRandomFactorPerMille = 1500;
        /// <summary>MAX_RETRANSMIT (RFC 7252 §4.8).</summary>
        public const int MaxRetransmit = 4;
        /// <summary>MAX_TRANSMIT_SPAN, 45 s (RFC 7252 §4.8.2).</summary>
        public const int MaxTransmitSpan = 45000;
        /// <summary>MAX_TRANSMIT_WAIT, 93 s (RFC 7252 §4.8.2).</summary>
        public const int MaxTransmitWait = 93000;
        /// <summary>MAX_LATENCY, 100 s (RFC 7252 §4.8.2).</summary>
        public const int MaxLatency = 100000;
        /// <summary>PROCESSING_DELAY, 2 s (RFC 7252 §4.8.2).</summary>
        public const int ProcessingDelay = 2000;
        /// <summary>EXCHANGE_LIFETIME, 247 s: how long a CON Message ID is remembered (RFC 7252 §4.8.2).</summary>
        public const int ExchangeLifetime = 247000;
        /// <summary>NON_LIFETIME, 145 s: how long a NON Message ID is remembered (RFC 7252 §4.8.2).</summary>
        public const int NonLifetime = 145000;
    }
}
