using Coap.Micro;

namespace ThermoDev.ResourceDirectory
{
    /// <summary>
    /// When a registration is updated and how long a failed step waits (RFC 9176 §5.3: the endpoint updates
    /// before its lifetime ends).
    /// </summary>
    public static class RegistrationTiming
    {
        /// <summary>An update is sent at least this long before the lifetime ends, seconds.</summary>
        public const int UpdateMarginSeconds = 60;

        /// <summary>
        /// Seconds from a successful registration or update to the next update: at 75 % of the lifetime or
        /// 60 s before its end, whichever is earlier, but never sooner than half the lifetime (so a short
        /// lifetime is not updated in a burst). 90000 s gives 67500 s; 60 s gives 30 s.
        /// </summary>
        public static long UpdateDelaySeconds(int lifetimeSeconds)
        {
            long lifetime = lifetimeSeconds;
            long threeQuarters = lifetime * 3 / 4;
            long beforeEnd = lifetime - UpdateMarginSeconds;
            long delay = threeQuarters < beforeEnd ? threeQuarters : beforeEnd;
            long half = lifetime / 2;
            return delay < half ? half : delay;
        }

        /// <summary>
        /// Milliseconds to wait after the <paramref name="failures"/>-th failure in a row (1 for the first):
        /// <paramref name="firstSeconds"/> doubled each time up to <paramref name="maxSeconds"/>, then less a random
        /// jitter of up to a quarter of it, so devices that lost the RD together do not come back together.
        /// </summary>
        public static int RetryDelayMilliseconds(int failures, int firstSeconds, int maxSeconds, ICoapRandom random)
        {
            long delay = firstSeconds * 1000L;
            long max = maxSeconds * 1000L;
            for (int i = 1; i < failures && delay < max; i++)
            {
                delay *= 2;
            }

            if (delay > max)
            {
                delay = max;
            }

            return (int)(delay - random.Next((int)(delay / 4) + 1));
        }
    }
}
