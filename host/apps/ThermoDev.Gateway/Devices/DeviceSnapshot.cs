using System;
using System.Text.Json.Serialization;

namespace ThermoDev.Gateway.Devices
{
    /// <summary>
    /// A device as /api/devices and every SSE event show it:
    /// <c>{"name":"kitchen","uri":"coap://[::1]:5683/temp","value":25.0,"unit":"Cel","lastUpdate":"2026-11-25T16:40:00.123Z","status":"online","writable":true,"origin":"configured","oscore":false}</c>.
    /// Value and lastUpdate are null before the first reading; origin is configured, registered or discovered.
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
        /// <summary>The SenML unit of degrees Celsius (RFC 8428 §12.1).</summary>
        public const string Celsius = "Cel";

        /// <summary>How the gateway learnt of the device: configured, registered or discovered.</summary>
        [JsonPropertyName("origin")]
        public string Origin { get; init; } = "configured";

        /// <summary>True when the gateway reaches the device with OSCORE (RFC 8613).</summary>
        [JsonPropertyName("oscore")]
        public bool Oscore { get; init; }

        /// <summary>The origin as the JSON writes it.</summary>
        public static string OriginText(DeviceOrigin origin) => origin switch
        {
            DeviceOrigin.Registered => "registered",
            DeviceOrigin.Discovered => "discovered",
            _ => "configured",
        };

        /// <summary>The status as the JSON writes it: online, offline, sensor-failed or unreadable.</summary>
        public static string StatusText(DeviceStatus status) => status switch
        {
            DeviceStatus.Online => "online",
            DeviceStatus.SensorFailed => "sensor-failed",
            DeviceStatus.Unreadable => "unreadable",
            DeviceStatus.Gone => "gone",
            _ => "offline",
        };
    }
}
