using System;
using System.Globalization;
using Coap.Micro;

namespace Coap.Http
{
    /// <summary>
    /// CoAP Max-Age -> HTTP Cache-Control and Retry-After, and the freshness a proxy cache gives a
    /// stored response (RFC 7252 §5.6.1, §5.10.5, §10.2.2; RFC 8075 §7 Note 8, §8.1).
    /// </summary>
    public static class MaxAgeMapping
    {
        /// <summary>The Max-Age a response without the option has: 60 seconds (RFC 7252 §5.10.5).</summary>
        public const uint DefaultMaxAge = 60;

        /// <summary>How long a response with this Max-Age option (null: absent) stays fresh (RFC 7252 §5.6.1).</summary>
        public static TimeSpan Freshness(uint? maxAge) => TimeSpan.FromSeconds(maxAge ?? DefaultMaxAge);

        /// <summary>True while a response received <paramref name="age"/> ago may still be served from a cache.</summary>
        public static bool IsFresh(uint? maxAge, TimeSpan age) => age >= TimeSpan.Zero && age < Freshness(maxAge);

        /// <summary>
        /// Seconds of freshness left, rounded down, never below 0: what max-age may say, since it must be
        /// no greater than the time the representation can still be considered fresh (RFC 7252 §10.2.2).
        /// </summary>
        public static uint RemainingSeconds(uint? maxAge, TimeSpan age)
        {
            double left = (maxAge ?? DefaultMaxAge) - Math.Max(0, age.TotalSeconds);
            return left <= 0 ? 0u : (uint)Math.Floor(left);
        }

        /// <summary>
        /// The Cache-Control value for a response with this Max-Age (null: absent, 60 s), received
        /// <paramref name="age"/> ago (zero when relayed at once): "max-age=N" (RFC 7252 §10.2.2).
        /// </summary>
        public static string ToCacheControl(uint? maxAge, TimeSpan age = default)
        {
            return "max-age=" + RemainingSeconds(maxAge, age).ToString(CultureInfo.InvariantCulture);
        }

        /// <summary>
        /// The Retry-After value (seconds) of a 503 mapped from 5.03: the Max-Age option's value, only when
        /// the option is present (RFC 8075 §7 Note 8; RFC 7252 §5.9.3.4); null otherwise.
        /// </summary>
        public static string? RetryAfter(uint? maxAge) => maxAge?.ToString(CultureInfo.InvariantCulture);

        /// <summary>
        /// True for the response codes a cache may store: 2.05 (RFC 7252 §5.9.1.5), every 4.xx and 5.xx
        /// (§5.9.2, §5.9.3); 2.03 refreshes a stored 2.05 instead (§5.9.1.3). 2.01, 2.02 and 2.04 are not
        /// cacheable and make a stored response of their resource stale.
        /// </summary>
        public static bool IsCacheable(byte coapCode)
        {
            int codeClass = CoapCode.ClassOf(coapCode);
            return coapCode == CoapCode.Content || codeClass == 4 || codeClass == 5;
        }
    }
}
