using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using MQTTnet;
using MQTTnet.Protocol;
using ThermoDev.Gateway.Tests.Support;

namespace ThermoDev.Gateway.Tests.Mqtt
{
    /// <summary>
    /// The test's own MQTT client: subscribes to a topic filter and keeps every message it gets, in order,
    /// and the last payload per topic. A message that arrives at once on subscribing was retained.
    /// </summary>
    public sealed class MqttProbe : IAsyncDisposable
    {
        private readonly IMqttClient _client;
        private readonly ConcurrentQueue<Received> _messages = new ConcurrentQueue<Received>();
        private readonly ConcurrentDictionary<string, string> _last = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

        private MqttProbe(IMqttClient client)
        {
            _client = client;
        }

        /// <summary>One message: its topic, payload and retain flag (set for one the broker kept).</summary>
        public sealed record Received(string Topic, string Payload, bool Retained);

        /// <summary>Every message so far, in order.</summary>
        public IReadOnlyList<Received> Messages => _messages.ToList();

        /// <summary>Connects to <paramref name="broker"/> and subscribes to <paramref name="filter"/> (QoS 1).</summary>
        public static async Task<MqttProbe> ConnectAsync(MqttBroker broker, string filter)
        {
            IMqttClient client = new MqttClientFactory().CreateMqttClient();
            var probe = new MqttProbe(client);
            client.ApplicationMessageReceivedAsync += e =>
            {
                string payload = e.ApplicationMessage.ConvertPayloadToString() ?? string.Empty;
                probe._messages.Enqueue(new Received(e.ApplicationMessage.Topic, payload, e.ApplicationMessage.Retain));
                probe._last[e.ApplicationMessage.Topic] = payload;
                return Task.CompletedTask;
            };
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port)
                .WithClientId("probe-" + Guid.NewGuid().ToString("N")).WithCleanSession(true).Build(), timeout.Token);
            await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build(), timeout.Token);
            return probe;
        }

        /// <summary>The last payload on <paramref name="topic"/>, or null.</summary>
        public string? Last(string topic) => _last.TryGetValue(topic, out string? payload) ? payload : null;

        /// <summary>Waits (up to <paramref name="timeout"/>) until the last payload on <paramref name="topic"/> satisfies <paramref name="match"/>; that payload.</summary>
        public async Task<string> WaitForAsync(string topic, Func<string, bool> match, TimeSpan timeout)
        {
            string? payload = null;
            bool reached = await Eventually.TrueAsync(() => (payload = Last(topic)) != null && match(payload), timeout);
            Assert.IsTrue(reached, $"{topic} did not get the expected payload within {timeout.TotalSeconds} s; last: {payload ?? "(none)"}\n{Dump()}");
            return payload!;
        }

        /// <summary>Waits until <paramref name="topic"/>'s last payload is <paramref name="expected"/>.</summary>
        public Task<string> WaitForAsync(string topic, string expected, TimeSpan timeout) => WaitForAsync(topic, p => p == expected, timeout);

        /// <summary>Waits until <paramref name="topic"/>'s last payload is JSON that satisfies <paramref name="match"/>; that JSON.</summary>
        public async Task<JsonElement> WaitForJsonAsync(string topic, Func<JsonElement, bool> match, TimeSpan timeout)
        {
            string payload = await WaitForAsync(topic, p =>
            {
                JsonElement json = Parse(p);
                return json.ValueKind == JsonValueKind.Object && match(json);
            }, timeout);
            return Parse(payload);
        }

        /// <summary>Publishes <paramref name="payload"/> on <paramref name="topic"/> (QoS 1, not retained).</summary>
        public async Task PublishAsync(string topic, string payload)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), timeout.Token);
        }

        /// <summary>Every message so far, one a line, for a failure's message.</summary>
        public string Dump() => string.Join("\n", _messages.Select(m => $"{m.Topic}{(m.Retained ? " (retained)" : string.Empty)}: {m.Payload}"));

        /// <summary>The number in <paramref name="json"/>'s temperature, or null.</summary>
        public static decimal? Temperature(JsonElement json) =>
            json.TryGetProperty("temperature", out JsonElement t) && t.ValueKind == JsonValueKind.Number ? t.GetDecimal() : null;

        /// <summary>Disconnects.</summary>
        public async ValueTask DisposeAsync()
        {
            try
            {
                if (_client.IsConnected)
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or MQTTnet.Exceptions.MqttCommunicationException)
            {
                // The broker is gone.
            }

            _client.Dispose();
        }

        private static JsonElement Parse(string payload)
        {
            try
            {
                using JsonDocument document = JsonDocument.Parse(payload);
                return document.RootElement.Clone();
            }
            catch (JsonException)
            {
                return default;
            }
        }
    }
}
