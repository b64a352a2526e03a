using System;
using System.Collections.Generic;
using System.Threading.Channels;

namespace ThermoDev.Gateway.Sse
{
    /// <summary>
    /// One SSE client of the <see cref="EventHub"/>: the events it gets first (replayed, or the current
    /// state of every device) and the channel the later ones arrive on. Its buffer is bounded: a client
    /// that falls that far behind is dropped (the channel completes with <see cref="SlowClientException"/>)
    /// rather than slowing anyone else. Dispose when the client goes.
    /// </summary>
    public sealed class SseSubscription : IDisposable
    {
        private readonly Channel<SseEvent> _channel;
        private readonly Action<SseSubscription> _remove;

        internal SseSubscription(long key, IReadOnlyList<SseEvent> initial, int capacity, Action<SseSubscription> remove)
        {
            Key = key;
            Initial = initial;
            _remove = remove;
            _channel = Channel.CreateBounded<SseEvent>(new BoundedChannelOptions(capacity)
            {
                SingleReader = true,
                FullMode = BoundedChannelFullMode.Wait,
            });
        }

        /// <summary>The events to send before any from <see cref="Events"/>.</summary>
        public IReadOnlyList<SseEvent> Initial { get; }

        /// <summary>The events published after the subscription, in order.</summary>
        public ChannelReader<SseEvent> Events => _channel.Reader;

        internal long Key { get; }

        /// <summary>Stops delivery and forgets the client.</summary>
        public void Dispose()
        {
            _channel.Writer.TryComplete();
            _remove(this);
        }

        /// <summary>Queues <paramref name="sseEvent"/> without waiting; false when the client's buffer is full.</summary>
        internal bool Offer(SseEvent sseEvent) => _channel.Writer.TryWrite(sseEvent);

        /// <summary>Ends delivery because the client did not keep up.</summary>
        internal void Drop() => _channel.Writer.TryComplete(new SlowClientException());
    }
}
