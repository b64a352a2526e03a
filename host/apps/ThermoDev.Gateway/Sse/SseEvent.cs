namespace ThermoDev.Gateway.Sse
{
    /// <summary>One Server-Sent Event: its id (0 for none) and its data, a device object as JSON on one line.</summary>
    public sealed record SseEvent(long Id, string Data)
    {
        /// <summary>The event type every event has.</summary>
        public const string Type = "reading";

        /// <summary>
        /// The event as the stream carries it (HTML Living Standard, "Server-sent events"):
        /// <c>id: 7\nevent: reading\ndata: {...}\n\n</c>.
        /// </summary>
        public string ToWire() => Id > 0
            ? $"id: {Id}\nevent: {Type}\ndata: {Data}\n\n"
            : $"event: {Type}\ndata: {Data}\n\n";
    }
}
