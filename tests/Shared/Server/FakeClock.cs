using Coap.Micro;

namespace ThermoDev.Tests.Server
{
    /// <summary>A clock the test moves by hand.</summary>
    public sealed class FakeClock : ICoapClock
    {
        /// <summary>Current time in milliseconds.</summary>
        public long Now;

        /// <inheritdoc/>
        public long NowMilliseconds
        {
            get { return Now; }
        }
    }
}
