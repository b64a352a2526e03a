using Coap.Micro.Dotnet;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ThermoDev.HostTests.Transport
{
    /// <summary>The .NET clock converts timestamps without overflow, whatever the uptime.</summary>
    [TestClass]
    public class MonotonicClockTests
    {
        [TestMethod]
        [DataRow(1_000_000_000L)]
        [DataRow(10_000_000L)]
        [DataRow(3_579_546L)]
        public void LargeTimestampsConvertExactlyAndKeepIncreasing(long frequency)
        {
            // 200 days of uptime at a 1 GHz counter is 1.7e16 ticks: ticks * 1000 would overflow a long.
            long day = 24L * 60 * 60;
            foreach (long seconds in new[] { 0L, 1L, 106L * day, 107L * day, 200L * day, 100L * 365 * day })
            {
                long ticks = seconds * frequency;
                Assert.AreEqual(seconds * 1000, MonotonicClock.ToMilliseconds(ticks, frequency), $"{seconds} s");
                Assert.AreEqual((seconds * 1000) + 500, MonotonicClock.ToMilliseconds(ticks + (frequency / 2), frequency), $"{seconds}.5 s");
                Assert.IsGreaterThan(MonotonicClock.ToMilliseconds(ticks - 1, frequency), MonotonicClock.ToMilliseconds(ticks + frequency, frequency));
            }
        }

        [TestMethod]
        public void NeverGoesBackwards()
        {
            var clock = new MonotonicClock();
            long last = clock.NowMilliseconds;
            for (int i = 0; i < 100_000; i++)
            {
                long now = clock.NowMilliseconds;
                Assert.IsGreaterThanOrEqualTo(last, now);
                last = now;
            }
        }
    }
}
