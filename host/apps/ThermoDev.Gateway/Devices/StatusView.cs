using System;
using System.Text.Json.Serialization;

namespace ThermoDev.Gateway.Devices
{
    /// <summary>
    /// GET /api/devices/{name}/status: the device's last /status report, when it came, its age in whole
    /// seconds, and stale: true when the latest poll got no answer (the report is the last one known).
    /// </summary>
    public sealed record StatusView(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("receivedAt")] DateTimeOffset ReceivedAt,
        [property: JsonPropertyName("ageSeconds")] long AgeSeconds,
        [property: JsonPropertyName("stale")] bool Stale,
        [property: JsonPropertyName("status")] StatusReport Status);
}
