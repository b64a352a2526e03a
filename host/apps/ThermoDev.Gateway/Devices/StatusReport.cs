using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ThermoDev.Gateway.Devices
{
    /// <summary>
    /// A device's CoAP /status (Content-Format 50) as the gateway read it:
    /// <c>{"version":"0.1.0","uptime":7,"freeMemory":25275923616,"ip":"192.0.2.2","wifiReconnects":0,"sensor":"simulated","sensorError":null,"sensorFailures":0,"requests":1,"notifications":0,"retransmissions":0,"gaveUp":0,"evictions":0}</c>.
    /// Fields the device does not send are null; fields the gateway does not know are ignored. The CoAP
    /// counters are the device's own since it started.
    /// </summary>
    public sealed record StatusReport(
        [property: JsonPropertyName("version")] string? Version,
        [property: JsonPropertyName("uptime")] long? Uptime,
        [property: JsonPropertyName("freeMemory")] long? FreeMemory,
        [property: JsonPropertyName("ip")] string? Ip,
        [property: JsonPropertyName("wifiReconnects")] long? WifiReconnects,
        [property: JsonPropertyName("sensor")] string? Sensor,
        [property: JsonPropertyName("sensorError")] string? SensorError,
        [property: JsonPropertyName("sensorFailures")] long? SensorFailures,
        [property: JsonPropertyName("requests")] long? Requests,
        [property: JsonPropertyName("notifications")] long? Notifications,
        [property: JsonPropertyName("retransmissions")] long? Retransmissions,
        [property: JsonPropertyName("gaveUp")] long? GaveUp,
        [property: JsonPropertyName("evictions")] long? Evictions)
    {
        private static readonly JsonSerializerOptions ReadOptions = new JsonSerializerOptions
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        };

        /// <summary>Reads a /status payload (UTF-8 JSON); null when it is not a JSON object of these fields.</summary>
        public static StatusReport? TryParse(ReadOnlySpan<byte> json)
        {
            try
            {
                return JsonSerializer.Deserialize<StatusReport>(json, ReadOptions);
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
