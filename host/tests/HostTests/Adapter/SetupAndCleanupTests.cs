using nanoFramework.TestFramework;

namespace ThermoDev.HostTests.Adapter
{
    /// <summary>Checks, in the nanoFramework style, that the MSTest adapter runs Setup once before the class's tests.</summary>
    [TestClass]
    public class SetupAndCleanupTests
    {
        private static int _setupRuns;
        private static int _testsRun;

        [Setup]
        public void Setup()
        {
            _setupRuns++;
        }

        [Cleanup]
        public void Cleanup()
        {
            AdapterProbe.CleanupRanAfterTests = _testsRun;
        }

        [TestMethod]
        public void SetupRanOnceBeforeFirstTest()
        {
            _testsRun++;
            Assert.AreEqual(1, _setupRuns);
        }

        [TestMethod]
        public void SetupRanOnceBeforeSecondTest()
        {
            _testsRun++;
            Assert.AreEqual(1, _setupRuns);
        }

        [TestMethod]
        [DataRow(1, "a")]
        [DataRow(2, "b")]
        public void DataRowsArriveAsArguments(int number, string text)
        {
            _testsRun++;
            Assert.AreEqual(1, _setupRuns);
            Assert.AreEqual(number == 1 ? "a" : "b", text);
        }
    }

    /// <summary>Where a test class's cleanup leaves its evidence for the host-side adapter tests.</summary>
    public static class AdapterProbe
    {
        /// <summary>How many tests had run when the cleanup ran; -1 until it runs.</summary>
        public static int CleanupRanAfterTests = -1;
    }
}
