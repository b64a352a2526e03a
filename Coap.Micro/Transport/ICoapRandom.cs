namespace Coap.Micro
{
    /// <summary>
    /// Randomness for Message IDs (RFC 7252 §4.4), retransmission jitter (ACK_RANDOM_FACTOR, §4.8)
    /// and anything else an application wants to draw. Injected, because <c>System.Random</c> is not
    /// reproducible across runtimes: the ESP32 firmware ignores the seed (hardware RNG) and the
    /// nanoFramework emulator uses C rand(). Devices use <see cref="CoapRandom"/>; tests script one.
    /// </summary>
    public interface ICoapRandom
    {
        /// <summary>A value in [0, <paramref name="maxExclusive"/>); 0 when <paramref name="maxExclusive"/> is 1 or less.</summary>
        int Next(int maxExclusive);
    }
}
