using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ThermoDev.Gateway.Api
{
    /// <summary>The JSON of /api and /events: camelCase names, times in UTC with milliseconds ("2026-11-25T16:40:00.123Z").</summary>
    public static class GatewayJson
    {
        /// <summary>The serializer options every response and event uses.</summary>
        public static JsonSerializerOptions Options { get; } = Create();

        /// <summary>Applies the same settings to ASP.NET Core's options.</summary>
        public static void Configure(JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            options.Converters.Add(new UtcMillisecondsConverter());
        }

        private static JsonSerializerOptions Create()
        {
            var options = new JsonSerializerOptions();
            Configure(options);
            options.MakeReadOnly(populateMissingResolver: true);
            return options;
        }

        /// <summary>Writes a time as UTC with exactly three decimals of a second; reads any ISO 8601 time.</summary>
        private sealed class UtcMillisecondsConverter : JsonConverter<DateTimeOffset>
        {
            public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
                DateTimeOffset.Parse(reader.GetString() ?? string.Empty, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

            public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
                writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        }
    }
}
