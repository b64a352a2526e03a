using Coap.Micro.Oscore;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.Oscore
{
    /// <summary>The server's replay window (RFC 8613 §7.4): a 32-wide sliding window over the Partial IVs received.</summary>
    [TestClass]
    public class OscoreReplayWindowTests
    {
        // Check, then Accept as a caller does once the message verified.
        private static int Receive(OscoreReplayWindow window, long partialIv)
        {
            int result = window.Check(partialIv);
            if (result == OscoreReplayWindow.Fresh)
            {
                window.Accept(partialIv);
            }

            return result;
        }

        [TestMethod]
        public void AnEmptyWindowTakesAnyPartialIv()
        {
            Assert.AreEqual(OscoreReplayWindow.Fresh, new OscoreReplayWindow().Check(0));
            Assert.AreEqual(OscoreReplayWindow.Fresh, new OscoreReplayWindow().Check(5000));
            Assert.AreEqual(-1L, new OscoreReplayWindow().Highest);
        }

        [TestMethod]
        public void InOrderPartialIvsAreFreshAndEachIsReplayedAfterwards()
        {
            OscoreReplayWindow window = new OscoreReplayWindow();
            for (long i = 0; i < 100; i++)
            {
                Assert.AreEqual(OscoreReplayWindow.Fresh, Receive(window, i), "first " + i.ToString());
                Assert.AreEqual(OscoreReplayWindow.Replayed, window.Check(i), "again " + i.ToString());
            }

            Assert.AreEqual(99L, window.Highest);
            Assert.AreEqual(OscoreReplayWindow.Replayed, window.Check(99 - 31));
            Assert.AreEqual(OscoreReplayWindow.TooOld, window.Check(99 - 32));
        }

        [TestMethod]
        public void OutOfOrderPartialIvsWithinTheWindowAreFreshOnce()
        {
            OscoreReplayWindow window = new OscoreReplayWindow();
            Assert.AreEqual(OscoreReplayWindow.Fresh, Receive(window, 40));
            Assert.AreEqual(OscoreReplayWindow.Fresh, Receive(window, 38));
            Assert.AreEqual(OscoreReplayWindow.Fresh, Receive(window, 10));
            Assert.AreEqual(OscoreReplayWindow.Fresh, Receive(window, 39));
            Assert.AreEqual(OscoreReplayWindow.Fresh, Receive(window, 41));
            Assert.AreEqual(41L, window.Highest);
            Assert.AreEqual(OscoreReplayWindow.Replayed, window.Check(38));
            Assert.AreEqual(OscoreReplayWindow.Replayed, window.Check(39));
            Assert.AreEqual(OscoreReplayWindow.Replayed, window.Check(40));
            Assert.AreEqual(OscoreReplayWindow.Replayed, window.Check(10));
            Assert.AreEqual(OscoreReplayWindow.Fresh, window.Check(37));
            Assert.AreEqual(OscoreReplayWindow.Fresh, window.Check(11));

            // 10 was 30 below the top when it came; 41 moved the window past 9.
            Assert.AreEqual(OscoreReplayWindow.TooOld, window.Check(9));
        }

        [TestMethod]
        public void ADuplicateIsRefusedAndCheckingAloneRecordsNothing()
        {
            OscoreReplayWindow window = new OscoreReplayWindow();
            Assert.AreEqual(OscoreReplayWindow.Fresh, Receive(window, 7));
            Assert.AreEqual(OscoreReplayWindow.Replayed, Receive(window, 7));

            // §7.4: the window moves only after the message verified; a message that failed leaves it as it was.
            Assert.AreEqual(OscoreReplayWindow.Fresh, window.Check(8));
            Assert.AreEqual(OscoreReplayWindow.Fresh, window.Check(8));
            Assert.AreEqual(7L, window.Highest);
        }

        [TestMethod]
        public void APartialIvOlderThanTheWindowIsRefused()
        {
            OscoreReplayWindow window = new OscoreReplayWindow();
            Assert.AreEqual(OscoreReplayWindow.Fresh, Receive(window, 100));
            Assert.AreEqual(OscoreReplayWindow.Fresh, window.Check(100 - (OscoreReplayWindow.Size - 1)));
            Assert.AreEqual(OscoreReplayWindow.TooOld, window.Check(100 - OscoreReplayWindow.Size));
            Assert.AreEqual(OscoreReplayWindow.TooOld, window.Check(0));
        }

        [TestMethod]
        public void AJumpFarAheadSlidesTheWholeWindow()
        {
            OscoreReplayWindow window = new OscoreReplayWindow();
            for (long i = 0; i < 32; i++)
            {
                Receive(window, i);
            }

            Assert.AreEqual(OscoreReplayWindow.Fresh, Receive(window, 1000));
            Assert.AreEqual(OscoreReplayWindow.TooOld, window.Check(31));
            for (long i = 1000 - 31; i < 1000; i++)
            {
                Assert.AreEqual(OscoreReplayWindow.Fresh, window.Check(i), i.ToString());
            }

            // A jump by less than the width keeps what the window still covers.
            Assert.AreEqual(OscoreReplayWindow.Fresh, Receive(window, 1010));
            Assert.AreEqual(OscoreReplayWindow.Replayed, window.Check(1000));
            Assert.AreEqual(OscoreReplayWindow.Fresh, window.Check(1001));
            Assert.AreEqual(OscoreReplayWindow.Fresh, Receive(window, 1000 + 32));
            Assert.AreEqual(OscoreReplayWindow.Replayed, window.Check(1010));
            Assert.AreEqual(OscoreReplayWindow.TooOld, window.Check(1000));
        }

        [TestMethod]
        public void AWindowStartedAtAPartialIvTakesNothingAtOrBelowIt()
        {
            // Appendix B.1.2: the Partial IV of the request proven fresh is the window's lower limit.
            OscoreReplayWindow window = new OscoreReplayWindow();
            window.StartAt(40);
            Assert.AreEqual(40L, window.Highest);
            for (long i = 9; i <= 40; i++)
            {
                Assert.AreEqual(OscoreReplayWindow.Replayed, window.Check(i), i.ToString());
            }

            for (long i = 0; i < 9; i++)
            {
                Assert.AreEqual(OscoreReplayWindow.TooOld, window.Check(i), i.ToString());
            }

            Assert.AreEqual(OscoreReplayWindow.Fresh, Receive(window, 42));
            Assert.AreEqual(OscoreReplayWindow.Fresh, Receive(window, 41));
            Assert.AreEqual(OscoreReplayWindow.Replayed, window.Check(40));
        }

        [TestMethod]
        public void ThePartialIvIsAtMostTwoToTheFortyMinusOne()
        {
            // §7.2.1: a Partial IV is at most 5 bytes; nothing beyond is ever fresh.
            OscoreReplayWindow window = new OscoreReplayWindow();
            Assert.AreEqual(OscoreReplayWindow.Invalid, window.Check(OscoreSecurityContext.MaxPartialIv + 1));
            Assert.AreEqual(OscoreReplayWindow.Invalid, window.Check(-1));
            Assert.AreEqual(OscoreReplayWindow.Fresh, Receive(window, OscoreSecurityContext.MaxPartialIv - 1));
            Assert.AreEqual(OscoreReplayWindow.Fresh, Receive(window, OscoreSecurityContext.MaxPartialIv));
            Assert.AreEqual(OscoreReplayWindow.Replayed, window.Check(OscoreSecurityContext.MaxPartialIv));
            Assert.AreEqual(OscoreReplayWindow.Replayed, window.Check(OscoreSecurityContext.MaxPartialIv - 1));
            Assert.AreEqual(OscoreReplayWindow.Fresh, window.Check(OscoreSecurityContext.MaxPartialIv - 2));
            Assert.AreEqual(OscoreReplayWindow.TooOld, window.Check(OscoreSecurityContext.MaxPartialIv - 32));
            Assert.AreEqual(OscoreReplayWindow.Invalid, window.Check(OscoreSecurityContext.MaxPartialIv + 1));
        }
    }
}
