using System.Diagnostics;

namespace Coap.Micro.Dotnet
{
    /// <summary>Milliseconds from <see cref="Stopwatch"/>: monotonic, unaffected by wall-clock changes.</summary>
    public sealed class MonotonicClock : ICoapClock
    {
        /// <inheritdoc/>
        public long NowMilliseconds => Stopwatch.GetTimestamp() * 1000 / Stopwatch.Frequency;
    }
}
