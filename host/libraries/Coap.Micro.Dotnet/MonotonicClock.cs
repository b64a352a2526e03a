using System.Diagnostics;

namespace Coap.Micro.Dotnet
{
    /// <summary>Milliseconds from <see cref="Stopwatch"/>: monotonic, unaffected by wall-clock changes.</summary>
    public sealed class MonotonicClock : ICoapClock
    {
        /// <inheritdoc/>
        public long NowMilliseconds => ToMilliseconds(Stopwatch.GetTimestamp(), Stopwatch.Frequency);

        /// <summary>
        /// Converts a timestamp of <paramref name="frequency"/> ticks per second to milliseconds without
        /// overflow: whole seconds and the remainder are scaled apart (ticks × 1000 overflows a long
        /// after about 106 days at 1 GHz).
        /// </summary>
        public static long ToMilliseconds(long ticks, long frequency)
        {
            return (ticks / frequency * 1000) + (ticks % frequency * 1000 / frequency);
        }
    }
}
