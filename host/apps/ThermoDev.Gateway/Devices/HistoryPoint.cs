using System;
using System.Text.Json.Serialization;

namespace ThermoDev.Gateway.Devices
{
    /// <summary>One reading of a device's history: <c>{"time":"2026-11-25T16:40:00.123Z","value":25.0}</c>.</summary>
    public sealed record HistoryPoint(
        [property: JsonPropertyName("time")] DateTimeOffset Time,
        [property: JsonPropertyName("value")] decimal Value);
}
