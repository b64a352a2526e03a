namespace ThermoDev.Gateway.Forwarding
{
    /// <summary>
    /// Why a request to a device the gateway holds an OSCORE context for (RFC 8613) ended without an answer it could
    /// use. The names are the <c>reason</c> label of <c>thermodev_device_oscore_failures_total</c>.
    /// </summary>
    public static class OscoreFailure
    {
        /// <summary>The answer carried no OSCORE option (§8.4): a device that does not protect, or someone else answering.</summary>
        public const string NotProtected = "not-protected";

        /// <summary>An unprotected 4.xx/5.xx (§8.2): the device could not verify the request (other keys, a lost context).</summary>
        public const string Refused = "refused";

        /// <summary>The answer carried an OSCORE option but did not decode or verify (§8.4 steps 2 and 5).</summary>
        public const string DecryptionFailed = "decryption-failed";

        /// <summary>Not sent: no Sender Sequence Number left, or its store in the context folder failed (Appendix B.1.1).</summary>
        public const string SequenceUnavailable = "sequence-unavailable";

        /// <summary>Not sent: the request holds an option OSCORE cannot carry (§4.1.3.3).</summary>
        public const string CannotProtect = "cannot-protect";

        /// <summary>Every reason, for the metric's series.</summary>
        public static readonly string[] All = { NotProtected, Refused, DecryptionFailed, SequenceUnavailable, CannotProtect };

        /// <summary>
        /// A short sentence for an HTTP answer: never the device's unauthenticated payload, never a key; for
        /// <see cref="Refused"/> the unprotected response's code (<paramref name="code"/>, e.g. 4.01), which is all that is kept of it.
        /// </summary>
        public static string Describe(string reason, byte code = 0) => reason switch
        {
            NotProtected => "answered without OSCORE protection",
            Refused => "refused the gateway's OSCORE request (an unprotected " + Coap.Micro.CoapCode.ClassOf(code) + "."
                + (code & 0x1F).ToString("00", System.Globalization.CultureInfo.InvariantCulture) + "): it holds other keys, or no OSCORE context for the gateway",
            DecryptionFailed => "sent an answer that does not verify under the gateway's OSCORE context",
            SequenceUnavailable => "could not be reached: no OSCORE sequence number is left or it could not be stored",
            CannotProtect => "could not be reached: the request cannot be protected with OSCORE",
            _ => "could not be reached with OSCORE",
        };
    }
}
