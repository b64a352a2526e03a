using System;

namespace Coap.Micro
{
    /// <summary>
    /// Sizes of everything a client allocates when it is created, and its timing; nothing grows
    /// afterwards. The client checks every value and throws <see cref="ArgumentOutOfRangeException"/>
    /// naming the first one out of range.
    /// </summary>
    public sealed class CoapClientOptions
    {
        /// <summary>
        /// Requests and observations in progress at once, over all servers (default 4; 1..256). One
        /// retransmission slot each; a request sent when all are taken gets <see cref="CoapClientResult.TableFull"/>.
        /// </summary>
        public int MaxExchanges = 4;

        /// <summary>
        /// Largest datagram sent or received, in bytes (default 1152, RFC 7252 §4.6; 64..65507): the send
        /// buffer, and the receive buffer (plus one byte) when the client has a transport of its own. A
        /// request payload that does not fit goes in Block1 blocks (RFC 7959 §2.3).
        /// </summary>
        public int MaxMessageSize = 1152;

        /// <summary>Options indexed per response received (default 16; 1..1024): 3 ints each.</summary>
        public int MaxOptions = 16;

        /// <summary>
        /// Length of the random tokens the client draws, in bytes (default 4; 1..8). Long enough that an
        /// attacker off the path cannot guess one to spoof a response (RFC 7252 §5.3.1).
        /// </summary>
        public int TokenLength = 4;

        /// <summary>Outstanding interactions with one server (NSTART, RFC 7252 §4.7; default 1, 1..16): more wait in turn.</summary>
        public int NStart = 1;

        /// <summary>
        /// How long a NON request, or a CON request answered with an empty ACK, waits for its response
        /// (default 93000 ms, MAX_TRANSMIT_WAIT of RFC 7252 §4.8.2; 1..3600000).
        /// </summary>
        public int ResponseTimeoutMilliseconds = CoapTiming.MaxTransmitWait;

        /// <summary>
        /// Responses remembered by endpoint and Message ID so a retransmitted one is acknowledged again
        /// and not delivered twice (RFC 7252 §4.5), default 8 (1..4096); 45 bytes each.
        /// </summary>
        public int DeduplicationEntries = 8;

        /// <summary>
        /// How long after an observation's Max-Age ran out without a notification the client registers
        /// again (RFC 7641 §3.3.1), in ms (default 2000; 0..600000): room for a notification on its way.
        /// </summary>
        public int ReregistrationDelayMilliseconds = 2000;

        /// <summary>
        /// How often a block-wise transfer starts over when the representation changes under it (a new
        /// ETag, RFC 7959 §2.4) before it ends with <see cref="CoapClientResult.RepresentationChanged"/>
        /// (default 2; 0..16).
        /// </summary>
        public int MaxBlockRestarts = 2;

        /// <summary>
        /// Longest a client with a transport of its own waits for a datagram before it looks at its other
        /// work (default 250 ms; 1..60000). New requests and stop requests wake it earlier where the
        /// transport can be woken.
        /// </summary>
        public int ReceivePollMilliseconds = 250;

        /// <summary>A copy of these options.</summary>
        public CoapClientOptions Copy()
        {
            CoapClientOptions copy = new CoapClientOptions();
            copy.MaxExchanges = MaxExchanges;
            copy.MaxMessageSize = MaxMessageSize;
            copy.MaxOptions = MaxOptions;
            copy.TokenLength = TokenLength;
            copy.NStart = NStart;
            copy.ResponseTimeoutMilliseconds = ResponseTimeoutMilliseconds;
            copy.DeduplicationEntries = DeduplicationEntries;
            copy.ReregistrationDelayMilliseconds = ReregistrationDelayMilliseconds;
            copy.MaxBlockRestarts = MaxBlockRestarts;
            copy.ReceivePollMilliseconds = ReceivePollMilliseconds;
            return copy;
        }

        /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first option out of range.</summary>
        public void Validate()
        {
            // Each name is evaluated only on the way to the throw (string literals allocate on nanoFramework).
            if (!InRange(MaxExchanges, 1, 256)) throw OutOfRange("MaxExchanges", 1, 256);
            if (!InRange(MaxMessageSize, 64, 65507)) throw OutOfRange("MaxMessageSize", 64, 65507);
            if (!InRange(MaxOptions, 1, 1024)) throw OutOfRange("MaxOptions", 1, 1024);
            if (!InRange(TokenLength, 1, CoapMessage.MaxTokenLength)) throw OutOfRange("TokenLength", 1, CoapMessage.MaxTokenLength);
            if (!InRange(NStart, 1, 16)) throw OutOfRange("NStart", 1, 16);
            if (!InRange(ResponseTimeoutMilliseconds, 1, 3600000)) throw OutOfRange("ResponseTimeoutMilliseconds", 1, 3600000);
            if (!InRange(DeduplicationEntries, 1, 4096)) throw OutOfRange("DeduplicationEntries", 1, 4096);
            if (!InRange(ReregistrationDelayMilliseconds, 0, 600000)) throw OutOfRange("ReregistrationDelayMilliseconds", 0, 600000);
            if (!InRange(MaxBlockRestarts, 0, 16)) throw OutOfRange("MaxBlockRestarts", 0, 16);
            if (!InRange(ReceivePollMilliseconds, 1, 60000)) throw OutOfRange("ReceivePollMilliseconds", 1, 60000);
        }

        private static bool InRange(int value, int min, int max)
        {
            return value >= min && value <= max;
        }

        private static ArgumentOutOfRangeException OutOfRange(string name, int min, int max)
        {
            return new ArgumentOutOfRangeException(name, name + " must be from " + min.ToString() + " to " + max.ToString());
        }
    }
}
