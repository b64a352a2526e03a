using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using ThermoDev.Gateway.Api;
using ThermoDev.Gateway.Devices;
using ThermoDev.Gateway.Metrics;

namespace ThermoDev.Gateway.Sse
{
    /// <summary>
    /// Every device change, as numbered events to every SSE client. Ids come from one counter for all
    /// devices (1, 2, 3 ...). The last <see cref="ReplayCapacity"/> events are kept, so a client that
    /// reconnects with Last-Event-ID gets exactly those it missed; a client whose id is older than that
    /// (or unknown) gets the current state of every device instead. Publishing never waits for a client:
    /// each has a bounded buffer, and a client whose buffer is full is dropped.
    /// </summary>
    public sealed class EventHub
    {
        /// <summary>Events kept for clients that reconnect.</summary>
        public const int ReplayCapacity = 1024;

        /// <summary>Events queued per client before it is dropped as too slow.</summary>
        public const int ClientCapacity = 256;

        private readonly object _gate = new object();
        private readonly Queue<SseEvent> _replay = new Queue<SseEvent>();
        private readonly Dictionary<string, SseEvent> _state = new Dictionary<string, SseEvent>(StringComparer.Ordinal);
        private readonly List<string> _order = new List<string>();
        private readonly Dictionary<long, SseSubscription> _clients = new Dictionary<long, SseSubscription>();
        private readonly GatewayMetrics _metrics;
        private long _lastId;
        private long _nextClient;

        /// <summary>A hub whose current state starts as <paramref name="devices"/> are now.</summary>
        public EventHub(IEnumerable<DeviceSnapshot> devices, GatewayMetrics metrics)
        {
            ArgumentNullException.ThrowIfNull(devices);
            ArgumentNullException.ThrowIfNull(metrics);
            _metrics = metrics;
            foreach (DeviceSnapshot device in devices)
            {
                _order.Add(device.Name);
                _state[device.Name] = new SseEvent(0, Serialize(device));
            }
        }

        /// <summary>The id of the newest event (0 before the first).</summary>
        public long LastId
        {
            get
            {
                lock (_gate)
                {
                    return _lastId;
                }
            }
        }

        /// <summary>Clients connected now.</summary>
        public int ClientCount
        {
            get
            {
                lock (_gate)
                {
                    return _clients.Count;
                }
            }
        }

        /// <summary>Publishes a device's new state as the next event, to every client; never blocks on one.</summary>
        public void Publish(DeviceSnapshot device)
        {
            ArgumentNullException.ThrowIfNull(device);
            string data = Serialize(device);
            List<SseSubscription>? slow = null;
            lock (_gate)
            {
                var sseEvent = new SseEvent(++_lastId, data);
                if (!_state.ContainsKey(device.Name))
                {
                    _order.Add(device.Name);
                }

                _state[device.Name] = sseEvent;
                _replay.Enqueue(sseEvent);
                if (_replay.Count > ReplayCapacity)
                {
                    _replay.Dequeue();
                }

                foreach (SseSubscription client in _clients.Values)
                {
                    if (!client.Offer(sseEvent))
                    {
                        (slow ??= new List<SseSubscription>()).Add(client);
                    }
                }

                if (slow != null)
                {
                    foreach (SseSubscription client in slow)
                    {
                        _clients.Remove(client.Key);
                    }

                    _metrics.SseClients(_clients.Count);
                }
            }

            _metrics.SseEventPublished();
            if (slow != null)
            {
                foreach (SseSubscription client in slow)
                {
                    client.Drop();
                    _metrics.SseClientDropped();
                }
            }
        }

        /// <summary>
        /// A new client. Without <paramref name="lastEventId"/> it first gets the current state of every
        /// device; with one, the events after it when the replay buffer still holds them all, else the
        /// current state. Then every event published from now on.
        /// </summary>
        public SseSubscription Subscribe(long? lastEventId)
        {
            lock (_gate)
            {
                IReadOnlyList<SseEvent> initial = Replayable(lastEventId)
                    ? _replay.Where(e => e.Id > lastEventId!.Value).ToList()
                    : CurrentState();
                var client = new SseSubscription(++_nextClient, initial, ClientCapacity, Remove);
                _clients.Add(client.Key, client);
                _metrics.SseClients(_clients.Count);
                return client;
            }
        }

        private bool Replayable(long? lastEventId)
        {
            if (lastEventId is not long id || id < 0 || id > _lastId)
            {
                return false;
            }

            // Every event after the id is still kept: the oldest kept one is at most id + 1.
            long oldest = _replay.Count > 0 ? _replay.Peek().Id : _lastId + 1;
            return oldest <= id + 1;
        }

        // One event per device with its current state, under the id of the newest event: a client that
        // reconnects with it gets what follows.
        private List<SseEvent> CurrentState() =>
            _order.Select(name => new SseEvent(_lastId, _state[name].Data)).ToList();

        private void Remove(SseSubscription client)
        {
            lock (_gate)
            {
                if (_clients.Remove(client.Key))
                {
                    _metrics.SseClients(_clients.Count);
                }
            }
        }

        private static string Serialize(DeviceSnapshot device) => JsonSerializer.Serialize(device, GatewayJson.Options);
    }
}
