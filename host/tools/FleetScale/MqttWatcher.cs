using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Protocol;

namespace FleetScale
{
    /// <summary>Subscribes to the gateway's state topics and tells the ledger's MQTT channel of every reading.</summary>
    public sealed class MqttWatcher : IAsyncDisposable
    {
        private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

        /// <summary>Connects to the broker on 127.0.0.1:<paramref name="port"/> and subscribes to <c>prefix/+/state</c>.</summary>
        public async Task StartAsync(int port, string prefix, ChangeLedger.Channel channel, CancellationToken cancel)
        {
            string start = prefix + "/";
            _client.ApplicationMessageReceivedAsync += e =>
            {
                string topic = e.ApplicationMessage.Topic;
                if (topic.StartsWith(start, StringComparison.Ordinal) && topic.EndsWith("/state", StringComparison.Ordinal))
                {
                    string device = topic.Substring(start.Length, topic.Length - start.Length - 6);
                    string payload = e.ApplicationMessage.ConvertPayloadToString() ?? string.Empty;
                    try
                    {
                        using JsonDocument document = JsonDocument.Parse(payload);
                        if (document.RootElement.TryGetProperty("temperature", out JsonElement value) && value.ValueKind == JsonValueKind.Number)
                        {
                            channel.Observed(device, (int)Math.Round(value.GetDouble() * 10));
                        }
                    }
                    catch (JsonException)
                    {
                    }
                }

                return Task.CompletedTask;
            };
            await _client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port)
                .WithClientId("fleetscale-" + Environment.ProcessId).WithCleanSession().Build(), cancel);
            await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(prefix + "/+/state", MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancel);
        }

        /// <inheritdoc/>
        public async ValueTask DisposeAsync()
        {
            try
            {
                if (_client.IsConnected)
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
                    await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or MQTTnet.Exceptions.MqttCommunicationException)
            {
            }

            _client.Dispose();
        }
    }
}
