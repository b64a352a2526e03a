using System;
using Coap.Micro;

namespace ThermoDev.Tests.Client
{
    /// <summary>Milliseconds of real time for tests whose loops run on threads (device code takes a monotonic clock instead).</summary>
    public sealed class TickClock : ICoapClock
    {
        /// <inheritdoc/>
        public long NowMilliseconds
        {
            get { return DateTime.UtcNow.Ticks / TimeSpan.TicksPerMillisecond; }
        }
    }
}
