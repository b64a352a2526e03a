using System.Collections.Concurrent;
using System.Diagnostics;

namespace FleetScale
{
    /// <summary>
    /// The changes the tool made, by device and value (tenths of a degree, unique per device in a run), and
    /// for each channel (SSE, MQTT) the ones it saw arrive, with the time from the PUT to the arrival.
    /// </summary>
    public sealed class ChangeLedger
    {
        private readonly ConcurrentDictionary<(string Device, int Tenths), long> _made = new ConcurrentDictionary<(string, int), long>();

        /// <summary>A channel's view of the changes.</summary>
        public sealed class Channel
        {
            private readonly ChangeLedger _ledger;
            private readonly ConcurrentDictionary<(string, int), byte> _seen = new ConcurrentDictionary<(string, int), byte>();

            internal Channel(ChangeLedger ledger) => _ledger = ledger;

            /// <summary>Latencies of the changes seen, in ms.</summary>
            public LatencySet Latencies { get; } = new LatencySet();

            /// <summary>Changes seen (each counted once).</summary>
            public int Seen => _seen.Count;

            /// <summary>Notes that <paramref name="device"/> was reported at <paramref name="tenths"/> now.</summary>
            public void Observed(string device, int tenths)
            {
                long now = Stopwatch.GetTimestamp();
                if (_ledger._made.TryGetValue((device, tenths), out long sent) && _seen.TryAdd((device, tenths), 0))
                {
                    Latencies.Add(Stopwatch.GetElapsedTime(sent, now).TotalMilliseconds);
                }
            }
        }

        /// <summary>Creates the ledger with its two channels.</summary>
        public ChangeLedger()
        {
            Sse = new Channel(this);
            Mqtt = new Channel(this);
        }

        /// <summary>Changes seen on the gateway's /events.</summary>
        public Channel Sse { get; }

        /// <summary>Changes seen on the broker's state topics.</summary>
        public Channel Mqtt { get; }

        /// <summary>Changes made.</summary>
        public int Made => _made.Count;

        /// <summary>Records a change about to be sent.</summary>
        public void Making(string device, int tenths, long timestamp) => _made[(device, tenths)] = timestamp;
    }
}
