using System;
using System.Collections.Generic;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Coap.Micro;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;
using ThermoDev.Gateway.Devices;
using ThermoDev.Gateway.Forwarding;

namespace ThermoDev.Gateway.Mqtt
{
    /// <summary>
    /// Publishes every device of a <see cref="GatewayCore"/> to an MQTT broker (--mqtt), with Home Assistant
    /// discovery configs, and turns messages on &lt;prefix&gt;/&lt;device&gt;/set into CoAP PUTs. One loop keeps
    /// the connection: on a failure it waits (<see cref="MqttBackoff"/>) and connects again, logging one
    /// line per change (connected, unreachable, lost), never per attempt. While connected it publishes, for
    /// each device, what differs from what it last published on this connection: after a (re)connect
    /// that is everything, then only the changes the gateway reports (and, every
    /// <see cref="RescanInterval"/>, those of /status). The gateway's availability is online once
    /// connected; its last will, left with the broker at connect, makes it offline if the gateway dies.
    /// </summary>
    public sealed class MqttBridge : IAsyncDisposable
    {
        /// <summary>How often the devices are compared with what was published, without a change reported.</summary>
        public static readonly TimeSpan RescanInterval = TimeSpan.FromSeconds(2);

        private static readonly TimeSpan ShutdownWait = TimeSpan.FromSeconds(3);

        private readonly GatewayCore _core;
        private readonly MqttSettings _settings;
        private readonly ILogger _log;
        private readonly IMqttClient _client;
        private readonly MqttClientOptions _options;
        private readonly HomeAssistantDiscovery _discovery;
        private readonly Dictionary<string, string> _published = new Dictionary<string, string>(StringComparer.Ordinal);
        private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private Task? _loop;
        private long _connections;
        private long _commands;
        private int _disposed;

        /// <summary>A bridge for <paramref name="core"/>'s devices to the broker of <paramref name="settings"/>; nothing is sent until <see cref="Start"/>.</summary>
        public MqttBridge(GatewayCore core, MqttSettings settings, ILogger log)
        {
            ArgumentNullException.ThrowIfNull(core);
            ArgumentNullException.ThrowIfNull(settings);
            ArgumentNullException.ThrowIfNull(log);
            _core = core;
            _settings = settings;
            _log = log;
            Topics = new MqttTopics(settings.Prefix, settings.DiscoveryPrefix);
            string version = typeof(MqttBridge).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
            _discovery = new HomeAssistantDiscovery(Topics, version);
            _options = ConnectOptions(settings, Topics);
            _client = new MqttClientFactory().CreateMqttClient();
            _client.DisconnectedAsync += _ =>
            {
                Wake();
                return Task.CompletedTask;
            };
            _client.ApplicationMessageReceivedAsync += e =>
            {
                string? device = Topics.DeviceOfCommand(e.ApplicationMessage.Topic);
                if (device != null)
                {
                    // Not on the client's receive loop: the PUT may take up to the CoAP timeout.
                    string value = e.ApplicationMessage.ConvertPayloadToString() ?? string.Empty;
                    _ = Task.Run(() => CommandAsync(device, value));
                }

                return Task.CompletedTask;
            };
        }

        /// <summary>The topics.</summary>
        public MqttTopics Topics { get; }

        /// <summary>The MQTT client id: thermodev-gateway- and the prefix ('/' as '_'), one per gateway on a broker.</summary>
        public string ClientId => _options.ClientId;

        /// <summary>True while connected to the broker.</summary>
        public bool IsConnected => _client.IsConnected;

        /// <summary>Connections made so far (the first, then every reconnect).</summary>
        public long Connections => Interlocked.Read(ref _connections);

        /// <summary>Commands (messages on a set topic) handled so far, answered on the result topic or not.</summary>
        public long Commands => Interlocked.Read(ref _commands);

        /// <summary>Starts connecting; returns at once.</summary>
        public void Start()
        {
            _core.DeviceChanged += OnDeviceChanged;
            _loop = Task.Run(() => RunAsync(_stop.Token));
        }

        /// <summary>Stops the loop; while connected, publishes the gateway offline and disconnects cleanly (no will).</summary>
        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            _core.DeviceChanged -= OnDeviceChanged;
            _stop.Cancel();
            if (_loop != null)
            {
                await _loop.WaitAsync(ShutdownWait).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            }

            if (_client.IsConnected)
            {
                using var timeout = new CancellationTokenSource(ShutdownWait);
                try
                {
                    await _client.PublishAsync(Retained(Topics.GatewayAvailability, MqttDeviceState.Offline), timeout.Token).ConfigureAwait(false);
                    await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), timeout.Token)
                        .ConfigureAwait(false);
                }
                catch (Exception e) when (e is MqttCommunicationException or OperationCanceledException or InvalidOperationException)
                {
                    _log.LogWarning("MQTT: could not say offline to {Broker} on the way out: {Reason}", _settings.BrokerText, e.Message);
                }
            }

            _client.Dispose();
            _stop.Dispose();
        }

        private static MqttClientOptions ConnectOptions(MqttSettings settings, MqttTopics topics)
        {
            MqttClientOptionsBuilder builder = new MqttClientOptionsBuilder()
                .WithTcpServer(settings.Host, settings.Port)
                .WithClientId("thermodev-gateway-" + settings.Prefix.Replace('/', '_'))
                .WithCleanSession(true)
                .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
                .WithTimeout(TimeSpan.FromSeconds(10))
                .WithWillTopic(topics.GatewayAvailability)
                .WithWillPayload(MqttDeviceState.Offline)
                .WithWillRetain(true)
                .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
            if (settings.UseTls)
            {
                builder = builder.WithTlsOptions(tls => tls.UseTls());
            }

            if (settings.Username != null)
            {
                builder = builder.WithCredentials(settings.Username, settings.Password);
            }

            return builder.Build();
        }

        private static MqttApplicationMessage Retained(string topic, string payload) =>
            new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithRetainFlag(true)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();

        private void OnDeviceChanged(DeviceSnapshot snapshot) => Wake();

        private void Wake() => _wake.Writer.TryWrite(true);

        private async Task RunAsync(CancellationToken stop)
        {
            var backoff = new MqttBackoff(_settings.MinReconnectDelay, _settings.MaxReconnectDelay);
            bool everConnected = false;
            bool reportedDown = false;
            while (!stop.IsCancellationRequested)
            {
                bool connected = false;
                try
                {
                    await _client.ConnectAsync(_options, stop).ConfigureAwait(false);
                    connected = true;
                    if (reportedDown)
                    {
                        // The pair of the warning that said it was down, at the same level.
                        _log.LogWarning("MQTT connected to {Broker} again after {Failures} failed attempt(s); publishing every device again", _settings.BrokerText, backoff.Failures);
                    }
                    else
                    {
                        _log.LogInformation("MQTT connected to {Broker} as {ClientId}; publishing under {Prefix}/, discovery under {DiscoveryPrefix}/",
                            _settings.BrokerText, ClientId, Topics.Prefix, Topics.DiscoveryPrefix);
                    }

                    everConnected = true;
                    reportedDown = false;
                    backoff.Reset();
                    Interlocked.Increment(ref _connections);
                    _published.Clear();
                    await _client.PublishAsync(Retained(Topics.GatewayAvailability, MqttDeviceState.Online), stop).ConfigureAwait(false);
                    await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(Topics.AllCommands, MqttQualityOfServiceLevel.AtLeastOnce).Build(), stop)
                        .ConfigureAwait(false);
                    await PublishWhileConnectedAsync(stop).ConfigureAwait(false);
                    if (!stop.IsCancellationRequested)
                    {
                        _log.LogWarning("MQTT connection to {Broker} lost; reconnecting (waits up to {Max} s)", _settings.BrokerText, _settings.MaxReconnectDelay.TotalSeconds);
                        reportedDown = true;
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    if (!reportedDown)
                    {
                        if (connected)
                        {
                            _log.LogWarning("MQTT connection to {Broker} lost: {Reason}; reconnecting (waits up to {Max} s)", _settings.BrokerText, e.Message, _settings.MaxReconnectDelay.TotalSeconds);
                        }
                        else
                        {
                            _log.LogWarning("MQTT broker {Broker} {Unreachable}: {Reason}; retrying (waits up to {Max} s)", _settings.BrokerText,
                                everConnected ? "still unreachable" : "unreachable", e.Message, _settings.MaxReconnectDelay.TotalSeconds);
                        }

                        reportedDown = true;
                    }
                }

                try
                {
                    if (_client.IsConnected)
                    {
                        // A failure while connected (a publish refused): start over on a fresh connection.
                        await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None).ConfigureAwait(false);
                    }

                    await Task.Delay(backoff.Next(), stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (Exception e) when (e is MqttCommunicationException or InvalidOperationException)
                {
                    // The connection is gone either way.
                }
            }
        }

        // Until the connection drops (or the bridge stops): publish what changed, then wait for a change.
        private async Task PublishWhileConnectedAsync(CancellationToken stop)
        {
            while (_client.IsConnected && !stop.IsCancellationRequested)
            {
                await PublishChangesAsync(stop).ConfigureAwait(false);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop);
                wait.CancelAfter(RescanInterval);
                try
                {
                    await _wake.Reader.ReadAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                {
                    // The rescan: /status may have changed.
                }
            }
        }

        // Per device, configs first (Home Assistant creates the entities), then state, then availability.
        private async Task PublishChangesAsync(CancellationToken stop)
        {
            DateTimeOffset now = DateTimeOffset.UtcNow;
            foreach (Device device in _core.Devices.All)
            {
                DeviceSnapshot snapshot = device.Snapshot();
                StatusReport? status = device.PolledStatus.View(device.Name, now)?.Status;
                foreach (KeyValuePair<string, string> config in _discovery.Configs(device.Name, device.Writable, status?.Version))
                {
                    await PublishIfChangedAsync(config.Key, config.Value, stop).ConfigureAwait(false);
                }

                await PublishIfChangedAsync(Topics.State(device.Name), MqttDeviceState.StateJson(snapshot, status), stop).ConfigureAwait(false);
                await PublishIfChangedAsync(Topics.Availability(device.Name), MqttDeviceState.Availability(snapshot), stop).ConfigureAwait(false);
            }
        }

        private async Task PublishIfChangedAsync(string topic, string payload, CancellationToken stop)
        {
            if (_published.TryGetValue(topic, out string? last) && last == payload)
            {
                return;
            }

            MqttClientPublishResult result = await _client.PublishAsync(Retained(topic, payload), stop).ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                throw new InvalidOperationException($"the broker refused {topic}: {result.ReasonCode} {result.ReasonString}");
            }

            _published[topic] = payload;
        }

        // <prefix>/<device>/set: a CoAP PUT of the payload (text/plain) to the device's observed path, through
        // the forwarder the HTTP side uses; the outcome goes to <prefix>/<device>/result.
        private async Task CommandAsync(string name, string value)
        {
            Interlocked.Increment(ref _commands);
            string result;
            Device? device = _core.Devices.Find(name);
            if (device == null)
            {
                result = MqttCommandResult.Refused(value, "unknown-device", $"The gateway follows no device named {name}.");
            }
            else if (device.IsGone)
            {
                result = MqttCommandResult.Refused(value, "gone", $"Device {name} is gone: its registration ended or discovery lost it.");
            }
            else if (_core.ReadOnly)
            {
                result = MqttCommandResult.Refused(value, "read-only", "This gateway is read-only (--read-only): writes are refused.");
            }
            else if (Encoding.UTF8.GetByteCount(value) > MqttCommandResult.MaxPayload)
            {
                result = MqttCommandResult.Refused(value.Substring(0, Math.Min(value.Length, MqttCommandResult.MaxPayload)), "invalid-request",
                    $"Send a temperature as text (e.g. 21.5), at most {MqttCommandResult.MaxPayload} bytes.");
            }
            else
            {
                var call = new CoapCall(device, CoapCode.Put, device.Address.Path)
                {
                    ContentFormat = CoapContentFormat.TextPlain,
                    Payload = Encoding.UTF8.GetBytes(value.Trim()),
                };
                try
                {
                    Forwarded forwarded = await _core.Forwarder.ForwardAsync(call, _stop.Token).ConfigureAwait(false);
                    result = MqttCommandResult.Of(value, forwarded.Result);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (ObjectDisposedException)
                {
                    return;
                }
            }

            try
            {
                await _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(Topics.Result(name)).WithPayload(result)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is MqttCommunicationException or InvalidOperationException or ObjectDisposedException)
            {
                _log.LogDebug("MQTT: the result of a write to {Device} was not published: {Reason}", name, e.Message);
            }
        }
    }
}
