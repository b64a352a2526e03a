namespace Coap.Micro
{
    /// <summary>
    /// RFC 7641 §3.4: whether a notification is newer than the last one delivered, from their 24-bit
    /// Observe values V1, V2 and arrival times T1, T2:
    /// (V1 &lt; V2 and V2 - V1 &lt; 2^23) or (V1 &gt; V2 and V1 - V2 &gt; 2^23) or T2 &gt; T1 + 128 s.
    /// </summary>
    internal static class ObserveFreshness
    {
        /// <summary>Half the 24-bit sequence space, 2^23.</summary>
        internal const int HalfSpace = 1 << 23;

        /// <summary>After 128 seconds any notification is newer (the server's values may have wrapped).</summary>
        internal const int MaxSequenceAgeMilliseconds = 128000;

        /// <summary>True when the notification (<paramref name="v2"/>, <paramref name="t2"/>) is newer than (<paramref name="v1"/>, <paramref name="t1"/>).</summary>
        internal static bool IsNewer(int v1, long t1, int v2, long t2)
        {
            return (v1 < v2 && v2 - v1 < HalfSpace) || (v1 > v2 && v1 - v2 > HalfSpace) || t2 > t1 + MaxSequenceAgeMilliseconds;
        }
    }
}
