using System;
using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Gateway.Devices;

namespace ThermoDev.Gateway.Tests.Gateway
{
    /// <summary>The bounded history of one device: the last hour, whatever the device's reporting rate.</summary>
    [TestClass]
    public sealed class HistoryRingTests
    {
        /// <summary>Two readings a second for two hours: the ring of 3,600 still holds the whole last hour, and the newest reading.</summary>
        [TestMethod]
        public void AFastDeviceStillHasItsWholeHour()
        {
            var ring = new HistoryRing(Device.HistoryCapacity, TimeSpan.FromHours(1));
            DateTimeOffset now = new DateTimeOffset(2026, 11, 25, 16, 0, 0, TimeSpan.Zero);
            DateTimeOffset start = now - TimeSpan.FromHours(2);
            decimal value = 0m;
            for (DateTimeOffset t = start; t <= now; t += TimeSpan.FromMilliseconds(500))
            {
                value += 0.1m;
                ring.Add(new HistoryPoint(t, value));
            }

            IReadOnlyList<HistoryPoint> hour = ring.Read(now);
            Assert.IsTrue(hour[0].Time <= now - TimeSpan.FromMinutes(59), $"the oldest reading kept is from {hour[0].Time:O}");
            Assert.AreEqual(now, hour[hour.Count - 1].Time, "the newest reading is there");
            Assert.AreEqual(value, hour[hour.Count - 1].Value);
            Assert.IsTrue(hour.Count <= Device.HistoryCapacity);
        }

        /// <summary>Readings a second or more apart are each kept, oldest first, and those older than the window are left out.</summary>
        [TestMethod]
        public void ReadingsASecondApartAreAllKept()
        {
            var ring = new HistoryRing(10, TimeSpan.FromSeconds(10));
            DateTimeOffset now = new DateTimeOffset(2026, 11, 25, 16, 0, 0, TimeSpan.Zero);
            for (int i = 12; i >= 0; i--)
            {
                ring.Add(new HistoryPoint(now - TimeSpan.FromSeconds(i), i));
            }

            IReadOnlyList<HistoryPoint> kept = ring.Read(now);
            Assert.AreEqual(10, kept.Count);
            Assert.AreEqual(9m, kept[0].Value);
            Assert.AreEqual(0m, kept[9].Value);
        }
    }
}
