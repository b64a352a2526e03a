using System;
using Coap.Micro.Oscore;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ThermoDev.HostTests.Oscore
{
    /// <summary>The replay window, the Notification Number and handing out sequence numbers allocate nothing per message.</summary>
    [TestClass]
    public class ReplayWindowAllocationTests
    {
        private sealed class CountingStore : ISequenceNumberStore
        {
            internal long Value;

            public long Load() => Value;

            public void Store(long value) => Value = value;
        }

        [TestMethod]
        public void CheckAcceptIsFreshAndNextAllocateNothing()
        {
            var window = new OscoreReplayWindow();
            var notifications = new OscoreNotificationNumber();
            var sequence = new OscoreSenderSequence(new CountingStore(), OscoreSenderSequence.DefaultBlock);
            int fresh = 0;
            Action loop = () =>
            {
                for (int i = 0; i < 2_000; i++)
                {
                    long number = sequence.Next();
                    long partialIv = number ^ 1; // pairs out of order: 1, 0, 3, 2, ...
                    if (window.Check(partialIv) == OscoreReplayWindow.Fresh)
                    {
                        window.Accept(partialIv);
                        fresh++;
                    }

                    if (notifications.IsFresh(number))
                    {
                        notifications.Accept(number);
                    }
                }
            };

            loop();
            fresh = 0;
            long before = GC.GetAllocatedBytesForCurrentThread();
            loop();
            Assert.AreEqual(0L, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.AreEqual(2_000, fresh);
        }
    }
}
