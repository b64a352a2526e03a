namespace Coap.Http
{
    /// <summary>The RFC 8075 mapping library (placeholder until the mappings land).</summary>
    internal static class AssemblyMarker
    {
    }
}
