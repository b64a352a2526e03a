namespace ThermoDev.Gateway.Forwarding
{
    /// <summary>A device's response as the gateway passes it on, and whether the cache gave it.</summary>
    public sealed record Forwarded(CoapResult Result, bool FromCache);
}
