namespace Coap.Micro
{
    /// <summary>
    /// Sizes of everything the server allocates at start-up; nothing grows afterwards.
    /// Defaults suit a small device: about 6.4 KB of buffers and tables in all.
    /// </summary>
    public sealed class CoapServerOptions
    {
        /// <summary>
        /// Largest request accepted, in bytes (default 1152, the size RFC 7252 §4.6 expects to fit
        /// any path). One buffer of this size plus one byte. Larger requests get 4.13 with Size1.
        /// </summary>
        public int MaxRequestSize = 1152;

        /// <summary>Largest response, in bytes (default 512). One send buffer of this size.</summary>
        public int MaxResponseSize = 512;

        /// <summary>Options indexed per request (default 16): 3 ints each, 192 bytes.</summary>
        public int MaxOptions = 16;

        /// <summary>
        /// Remembered exchanges for deduplication (RFC 7252 §4.5), default 8. Each keeps its
        /// response: about <see cref="MaxResponseSize"/> + 64 bytes, so 4.6 KB with the defaults.
        /// When full, the oldest entry is replaced.
        /// </summary>
        public int DeduplicationEntries = 8;

        /// <summary>How long one receive waits before the loop checks for a stop request (default 250 ms).</summary>
        public int ReceivePollMilliseconds = 250;
    }
}
