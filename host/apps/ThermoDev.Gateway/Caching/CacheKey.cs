namespace ThermoDev.Gateway.Caching
{
    /// <summary>
    /// What a cached GET response answers: the device, the path and query, and the Accept option
    /// (-1 for none), the CoAP cache key of RFC 7252 §5.6 with the options that vary the answer.
    /// </summary>
    public readonly record struct CacheKey(string Device, string PathAndQuery, int Accept);
}
