using System;

namespace ThermoDev.Gateway.Mqtt
{
    /// <summary>
    /// The waits between connection attempts: the first <see cref="MqttSettings.MinReconnectDelay"/>, each
    /// next one doubled up to the cap, every one scaled by a random factor from 0.5 to 1 (so gateways that
    /// lost the same broker do not all come back at the same instant).
    /// </summary>
    public sealed class MqttBackoff
    {
        private readonly TimeSpan _min;
        private readonly TimeSpan _max;
        private readonly Random _random;
        private int _failures;

        /// <summary>Waits from <paramref name="min"/> to <paramref name="max"/>; <paramref name="random"/> for the jitter.</summary>
        public MqttBackoff(TimeSpan min, TimeSpan max, Random? random = null)
        {
            if (min <= TimeSpan.Zero || max < min)
            {
                throw new ArgumentOutOfRangeException(nameof(min), "0 < min <= max");
            }

            _min = min;
            _max = max;
            _random = random ?? Random.Shared;
        }

        /// <summary>Attempts that failed since the last success.</summary>
        public int Failures => _failures;

        /// <summary>The wait before the next attempt, counting one more failure.</summary>
        public TimeSpan Next()
        {
            _failures = Math.Min(_failures + 1, 30);
            double full = Math.Min(_max.TotalMilliseconds, _min.TotalMilliseconds * Math.Pow(2, _failures - 1));
            return TimeSpan.FromMilliseconds(full * (0.5 + (_random.NextDouble() * 0.5)));
        }

        /// <summary>A connection succeeded: the next wait is the shortest again.</summary>
        public void Reset() => _failures = 0;
    }
}
