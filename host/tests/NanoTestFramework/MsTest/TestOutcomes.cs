using System;
using MsTest = Microsoft.VisualStudio.TestTools.UnitTesting;

namespace nanoFramework.TestFramework
{
    /// <summary>Maps nanoFramework outcomes (skip by exception, setup and cleanup failures) onto MSTest results.</summary>
    public static class TestOutcomes
    {
        /// <summary>A result for a test whose class setup failed or skipped the class.</summary>
        public static MsTest.TestResult FromSetupFailure(Exception setupFailure)
        {
            bool skipped = setupFailure is SkipTestException;
            return new MsTest.TestResult
            {
                Outcome = skipped ? MsTest.UnitTestOutcome.Inconclusive : MsTest.UnitTestOutcome.Failed,
                TestFailureException = new Exception((skipped ? "Class skipped in [Setup]: " : "[Setup] failed: ") + setupFailure.Message, setupFailure),
            };
        }

        /// <summary>Turns failures caused by <see cref="Assert.SkipTest"/> into skipped (inconclusive) results.</summary>
        public static void MapSkips(MsTest.TestResult[] results)
        {
            foreach (MsTest.TestResult result in results)
            {
                if (result.Outcome == MsTest.UnitTestOutcome.Failed && FindSkip(result.TestFailureException) != null)
                {
                    result.Outcome = MsTest.UnitTestOutcome.Inconclusive;
                }
            }
        }

        /// <summary>Reports a failing [Cleanup] on the class's last test.</summary>
        public static void AddCleanupFailure(MsTest.TestResult[] results, Exception cleanupFailure)
        {
            foreach (MsTest.TestResult result in results)
            {
                result.Outcome = MsTest.UnitTestOutcome.Failed;
                result.TestFailureException = new Exception("[Cleanup] failed: " + cleanupFailure.Message, cleanupFailure);
            }
        }

        private static SkipTestException FindSkip(Exception exception)
        {
            for (Exception e = exception; e != null; e = e.InnerException)
            {
                if (e is SkipTestException skip)
                {
                    return skip;
                }
            }

            return null;
        }
    }
}
