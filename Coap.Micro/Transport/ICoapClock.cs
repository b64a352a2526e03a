namespace Coap.Micro
{
    /// <summary>
    /// Monotonic milliseconds for timers and lifetimes. Never wall-clock time: DateTime jumps when
    /// the device sets its clock (SNTP). Injected so tests control time exactly.
    /// </summary>
    public interface ICoapClock
    {
        /// <summary>Milliseconds since an arbitrary fixed start; never goes backwards.</summary>
        long NowMilliseconds { get; }
    }
}
