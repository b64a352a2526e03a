using Coap.Micro;
using nanoFramework.Hardware.Esp32;

namespace ThermoDev
{
    /// <summary>
    /// The CoAP server's monotonic clock on an ESP32: the high-resolution timer counts microseconds
    /// since boot and never jumps, unlike DateTime, which moves when SNTP sets the time.
    /// </summary>
    public sealed class Esp32Clock : ICoapClock
    {
        private const ulong MicrosecondsPerMillisecond = 1000;

        /// <summary>Milliseconds since boot.</summary>
        public long NowMilliseconds
        {
            get { return (long)(HighResTimer.GetCurrent() / MicrosecondsPerMillisecond); }
        }
    }
}
