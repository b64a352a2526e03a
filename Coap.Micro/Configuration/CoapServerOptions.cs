using System;

namespace Coap.Micro
{
    /// <summary>
    /// Sizes of everything the server allocates at start-up, and its timing; nothing grows afterwards.
    /// The defaults suit a small board (Coap.Micro/README.md lists the RAM each costs).
    /// The server checks every value when it is created and throws <see cref="ArgumentOutOfRangeException"/>
    /// naming the first one out of range.
    /// </summary>
    public sealed class CoapServerOptions
    {
        /// <summary>
        /// Largest request accepted, in bytes (default 512; 64..65507). One buffer of this size plus one
        /// byte. Larger requests get 4.13 with Size1 (RFC 7252 §5.9.2.9); a client that needs more (RFC 7252
        /// §4.6 has senders expect up to 1152 bytes to fit) can be given this much RAM.
        /// </summary>
        public int MaxRequestSize = 512;

        /// <summary>Largest response, in bytes (default 512; 64..65507). One send buffer of this size plus 16 bytes.</summary>
        public int MaxResponseSize = 512;

        /// <summary>Options indexed per request (default 16; 1..1024): three 16-bit values each.</summary>
        public int MaxOptions = 16;

        /// <summary>Options a response can carry (default 12; 1..64).</summary>
        public int MaxResponseOptions = 12;

        /// <summary>Bytes of option values a response can carry (default 64; 16..255).</summary>
        public int ResponseOptionBytes = 64;

        /// <summary>
        /// Exchanges remembered for deduplication (RFC 7252 §4.5), default 32 (1..4096): endpoint, Message
        /// ID, type, method and response code, for EXCHANGE_LIFETIME (CON) or NON_LIFETIME (NON). When
        /// full, the entry closest to the end of its lifetime is replaced.
        /// </summary>
        public int DeduplicationEntries = 32;

        /// <summary>
        /// Bytes kept of the most recent responses to CONs, so a duplicate gets the identical response
        /// (RFC 7252 §4.5), default 128 (0..65535). A duplicate whose response is no longer kept is answered
        /// without running its handler again, except a GET, which is safe to process again.
        /// </summary>
        public int ReplayCacheBytes = 128;

        /// <summary>Observe relations the server keeps (RFC 7641 §4.1), default 4 (0..4096). When full, registrations are served without Observe.</summary>
        public int MaxObservers = 4;

        /// <summary>
        /// Every this many notifications to an observer, one is confirmable, so a client that has gone away
        /// is noticed (RFC 7641 §4.5); default 5 (1..255; 1 makes every notification confirmable). At
        /// least one every 24 hours is confirmable whatever this says.
        /// </summary>
        public int NotificationConfirmableEvery = 5;

        /// <summary>Responses that may wait to be sent separately (RFC 7252 §5.2.2), default 2 (0..30). When full, a request that would wait gets 5.03.</summary>
        public int MaxSeparateResponses = 2;

        /// <summary>
        /// Largest block of a block-wise response (RFC 7959 §2.4), in bytes: 16, 32, 64 (the default),
        /// 128, 256, 512 or 1024. A GET response larger than this, or than the send buffer holds, goes in
        /// blocks of this size unless the client asks for smaller ones; a client asking for larger ones
        /// gets this size. Kept small so a small request from a forged address never draws a large
        /// response (RFC 7252 §11.3). No RAM of its own.
        /// </summary>
        public int BlockSize = 64;

        /// <summary>
        /// Serve /.well-known/core (RFC 6690 §4), the list of resources for discovery (default true).
        /// False answers it 4.04 like any path without a resource. No RAM of its own.
        /// </summary>
        public bool Discovery = true;

        /// <summary>
        /// Longest the loop waits for a datagram before it looks at its other work (default 250 ms;
        /// 1..60000). Changes and stop requests wake it earlier where the transport can be woken.
        /// </summary>
        public int ReceivePollMilliseconds = 250;

        /// <summary>
        /// Largest request to a multicast group the server answers, in bytes (default 0: requests that came to
        /// a group are ignored; else 16..255). Such a request is kept, with its source, for a random time
        /// within <see cref="MulticastLeisureMilliseconds"/> and then answered by the rules of RFC 7252 §8
        /// (see docs/coap-micro/discovery.md). One request waits at a time; one more byte than this is
        /// allocated, plus the transport's endpoint length and 4.
        /// </summary>
        public int MulticastRequestBytes = 0;

        /// <summary>
        /// The leisure of RFC 7252 §8.2, in milliseconds (0..65535): a request that came to a multicast group
        /// is answered at a random point within it, so the group's answers do not all arrive at once. Default
        /// DEFAULT_LEISURE (5000, §4.8), for a server with no estimate of the group's size;
        /// <see cref="CoapMulticast.LeisureMilliseconds"/> gives the §8.2 bound from one.
        /// </summary>
        public int MulticastLeisureMilliseconds = CoapMulticast.DefaultLeisureMilliseconds;

        /// <summary>A copy of these options.</summary>
        public CoapServerOptions Copy()
        {
            CoapServerOptions copy = new CoapServerOptions();
            copy.MaxRequestSize = MaxRequestSize;
            copy.MaxResponseSize = MaxResponseSize;
            copy.MaxOptions = MaxOptions;
            copy.MaxResponseOptions = MaxResponseOptions;
            copy.ResponseOptionBytes = ResponseOptionBytes;
            copy.DeduplicationEntries = DeduplicationEntries;
            copy.ReplayCacheBytes = ReplayCacheBytes;
            copy.MaxObservers = MaxObservers;
            copy.NotificationConfirmableEvery = NotificationConfirmableEvery;
            copy.MaxSeparateResponses = MaxSeparateResponses;
            copy.ReceivePollMilliseconds = ReceivePollMilliseconds;
            copy.BlockSize = BlockSize;
            copy.Discovery = Discovery;
            copy.MulticastRequestBytes = MulticastRequestBytes;
            copy.MulticastLeisureMilliseconds = MulticastLeisureMilliseconds;
            return copy;
        }

        /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first option out of range.</summary>
        public void Validate()
        {
            // Each name is evaluated only on the way to the throw (string literals allocate on nanoFramework).
            if (!InRange(MaxRequestSize, 64, 65507)) throw OutOfRange("MaxRequestSize", 64, 65507);
            if (!InRange(MaxResponseSize, 64, 65507)) throw OutOfRange("MaxResponseSize", 64, 65507);
            if (!InRange(MaxOptions, 1, 1024)) throw OutOfRange("MaxOptions", 1, 1024);
            if (!InRange(MaxResponseOptions, 1, 64)) throw OutOfRange("MaxResponseOptions", 1, 64);
            if (!InRange(ResponseOptionBytes, 16, CoapResponse.MaxOptionValueBytes)) throw OutOfRange("ResponseOptionBytes", 16, CoapResponse.MaxOptionValueBytes);
            if (!InRange(DeduplicationEntries, 1, 4096)) throw OutOfRange("DeduplicationEntries", 1, 4096);
            if (!InRange(MaxObservers, 0, 4096)) throw OutOfRange("MaxObservers", 0, 4096);
            if (!InRange(NotificationConfirmableEvery, 1, 255)) throw OutOfRange("NotificationConfirmableEvery", 1, 255);
            if (!InRange(MaxSeparateResponses, 0, SeparateResponseTable.MaxSlots)) throw OutOfRange("MaxSeparateResponses", 0, SeparateResponseTable.MaxSlots);
            if (!InRange(ReceivePollMilliseconds, 1, 60000)) throw OutOfRange("ReceivePollMilliseconds", 1, 60000);
            if (BlockOption.SzxOf(BlockSize) < 0) throw new ArgumentOutOfRangeException("BlockSize", "BlockSize must be 16, 32, 64, 128, 256, 512 or 1024");
            if (!InRange(ReplayCacheBytes, 0, 65535)) throw OutOfRange("ReplayCacheBytes", 0, 65535);
            if (MulticastRequestBytes != 0 && !InRange(MulticastRequestBytes, 16, 255)) throw new ArgumentOutOfRangeException("MulticastRequestBytes", "MulticastRequestBytes must be 0 or from 16 to 255");
            if (!InRange(MulticastLeisureMilliseconds, 0, 65535)) throw OutOfRange("MulticastLeisureMilliseconds", 0, 65535);
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
