using System;

namespace ThermoDev.ResourceDirectory
{
    /// <summary>
    /// What a <see cref="ResourceDirectoryRegistration"/> registers and how patiently (RFC 9176 §5): the
    /// endpoint name, the lifetime, the base URI, the RD's registration path and the retry bounds. Set once
    /// before the registration is made; <see cref="Validate"/> checks it.
    /// </summary>
    public sealed class RegistrationSettings
    {
        /// <summary>The lifetime an RD assumes when none is given (RFC 9176 §5: 25 hours).</summary>
        public const int DefaultLifetimeSeconds = 90000;

        /// <summary>Shortest lifetime accepted here: an update at most every 30 s.</summary>
        public const int MinLifetimeSeconds = 60;

        /// <summary>Default of <see cref="FirstRetrySeconds"/>.</summary>
        public const int DefaultFirstRetrySeconds = 10;

        /// <summary>Default of <see cref="MaxRetrySeconds"/>: 5 minutes.</summary>
        public const int DefaultMaxRetrySeconds = 300;

        /// <summary>
        /// Default of <see cref="RequestTimeoutMilliseconds"/>: a little more than a confirmable request's
        /// longest life (MAX_TRANSMIT_WAIT, 93 s, RFC 7252 §4.8.2), so the client's own timeout ends it first.
        /// </summary>
        public const int DefaultRequestTimeoutMilliseconds = 95000;

        /// <summary>The endpoint name (ep, RFC 9176 §5): the device's name, 1 to 63 bytes.</summary>
        public string EndpointName { get; set; }

        /// <summary>The registration's lifetime in seconds (lt); updates keep it alive.</summary>
        public int LifetimeSeconds { get; set; } = DefaultLifetimeSeconds;

        /// <summary>
        /// The base URI (base, RFC 9176 §5), such as "coap://192.168.1.20:5683": where the registered links
        /// are. Needed because the registration leaves from the client's own port, not the server's; null or
        /// empty leaves it to the RD (the request's source address and port).
        /// </summary>
        public string BaseUri { get; set; }

        /// <summary>
        /// The RD's registration interface ("/rd"); null or empty to ask the RD for it first
        /// (GET /.well-known/core?rt=core.rd, RFC 9176 §4.3).
        /// </summary>
        public string RegistrationPath { get; set; }

        /// <summary>How the RD is named in the log lines, such as "coap://192.168.1.2:5683".</summary>
        public string DirectoryText { get; set; }

        /// <summary>First wait after a failure, seconds; it doubles with each failure in a row (with jitter).</summary>
        public int FirstRetrySeconds { get; set; } = DefaultFirstRetrySeconds;

        /// <summary>Longest wait between two attempts, seconds.</summary>
        public int MaxRetrySeconds { get; set; } = DefaultMaxRetrySeconds;

        /// <summary>
        /// Default of <see cref="MulticastWaitMilliseconds"/>: an RD answers a multicast request after a random leisure of
        /// up to DEFAULT_LEISURE, 5 s (RFC 7252 §8.2), and a second more for the way.
        /// </summary>
        public const int DefaultMulticastWaitMilliseconds = 6000;

        /// <summary>How long a multicast search waits for an RD's answer, ms.</summary>
        public int MulticastWaitMilliseconds { get; set; } = DefaultMulticastWaitMilliseconds;

        /// <summary>Longest wait for one request's answer, ms.</summary>
        public int RequestTimeoutMilliseconds { get; set; } = DefaultRequestTimeoutMilliseconds;

        /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that is not valid.</summary>
        public void Validate()
        {
            if (!DeviceName.IsValid(EndpointName))
            {
                throw new ArgumentException("1 to 63 letters, digits, '-', '_' or '.'", "EndpointName");
            }

            if (LifetimeSeconds < MinLifetimeSeconds)
            {
                throw new ArgumentOutOfRangeException("LifetimeSeconds", "at least 60");
            }

            if (FirstRetrySeconds < 1 || MaxRetrySeconds < FirstRetrySeconds)
            {
                throw new ArgumentOutOfRangeException("MaxRetrySeconds", "1 <= FirstRetrySeconds <= MaxRetrySeconds");
            }

            if (RequestTimeoutMilliseconds < 1)
            {
                throw new ArgumentOutOfRangeException("RequestTimeoutMilliseconds");
            }
        }
    }
}
