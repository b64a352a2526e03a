using nanoFramework.TestFramework;
using ThermoDev.ResourceDirectory;
using ThermoDev.Tests.ThermoDev;

namespace ThermoDev.Tests.ResourceDirectory
{
    /// <summary>When updates are sent (RFC 9176 §5.3) and how long a failed step waits.</summary>
    [TestClass]
    public class RegistrationTimingTests
    {
        [TestMethod]
        public void TheDefaultLifetimeIsUpdatedAtThreeQuarters()
        {
            Assert.AreEqual(67500L, RegistrationTiming.UpdateDelaySeconds(90000));
        }

        [TestMethod]
        public void AShortLifetimeIsUpdatedAMinuteBeforeItsEnd()
        {
            // 75 % of 200 s is 150 s; 60 s before the end is 140 s, the earlier.
            Assert.AreEqual(140L, RegistrationTiming.UpdateDelaySeconds(200));
        }

        [TestMethod]
        public void TheShortestLifetimeIsUpdatedAtHalfOfIt()
        {
            Assert.AreEqual(30L, RegistrationTiming.UpdateDelaySeconds(60));
            Assert.AreEqual(50L, RegistrationTiming.UpdateDelaySeconds(100));
        }

        [TestMethod]
        public void TheLongestLifetimeDoesNotOverflow()
        {
            Assert.AreEqual(int.MaxValue * 3L / 4, RegistrationTiming.UpdateDelaySeconds(int.MaxValue));
        }

        [TestMethod]
        public void RetriesDoubleUpToTheBound()
        {
            ScriptedRandom noJitter = new ScriptedRandom(0, 0, 0, 0, 0, 0, 0);
            int[] expected = { 10000, 20000, 40000, 80000, 160000, 300000, 300000 };
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], RegistrationTiming.RetryDelayMilliseconds(i + 1, 10, 300, noJitter));
            }
        }

        [TestMethod]
        public void JitterTakesUpToAQuarterOff()
        {
            ScriptedRandom random = new ScriptedRandom(10000, 1234);
            Assert.AreEqual(30000, RegistrationTiming.RetryDelayMilliseconds(3, 10, 300, random));
            Assert.AreEqual(10001, random.LastMaxExclusive);
            Assert.AreEqual(300000 - 1234, RegistrationTiming.RetryDelayMilliseconds(9, 10, 300, random));
            Assert.AreEqual(75001, random.LastMaxExclusive);
        }

        [TestMethod]
        public void ManyFailuresStayAtTheBound()
        {
            ScriptedRandom noJitter = new ScriptedRandom(0);
            Assert.AreEqual(300000, RegistrationTiming.RetryDelayMilliseconds(int.MaxValue, 10, 300, noJitter));
        }
    }
}
