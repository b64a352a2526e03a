using System;
using System.Text.Json.Serialization;

namespace ThermoDev.Gateway.Devices
{
    /// <summary>
    /// A device as /api/devices and every SSE event show it:
    /// <c>{"name":"kitchen","uri":"coap://[::1]:5683/temp","value":25.0,"unit":"Cel","lastUpdate":"2026-11-25T16:40:00.123Z","status":"online","writable":true,"oscore":false}</c>.
    /// Value and lastUpdate are null before the first reading.
    /// </summary>
    public sealed record DeviceSnapshot(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("uri")] string Uri,
        [property: JsonPropertyName("value")] decimal? Value,
        [property: JsonPropertyName("unit")] string Unit,
        [property: JsonPropertyName("lastUpdate")] DateTimeOffset? LastUpdate,
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("writable")] bool Writable)
    {
        /// <summary>True when the gateway reaches the device with OSCORE (RFC 8613).</summary>
        [JsonPropertyName("oscore")]
        public bool Oscore { get; init; }

        /// <summary>The SenML unit of degrees Celsius (RFC 8428 §12.1).</summary>
        public const string Celsius = "Cel";

        /// <summary>The status as the JSON writes it: online, offline, sensor-failed or unreadable.</summary>
        public static string StatusText(DeviceStatus status) => status switch
        {
            DeviceStatus.Online => "online",
            DeviceStatus.SensorFailed => "sensor-failed",
            DeviceStatus.Unreadable => "unreadable",
            _ => "offline",
        };
    }
}
