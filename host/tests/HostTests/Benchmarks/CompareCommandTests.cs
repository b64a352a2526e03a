using System;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.EndToEnd;
using ThermoDev.HostTests.Support;
using ThermoDev.TestSupport;

namespace ThermoDev.HostTests.Benchmarks
{
    /// <summary>
    /// The comparison command runs end to end for a second or two per workload and prints its tables.
    /// A smoke test only: the numbers of a shared CI machine are not checked.
    /// </summary>
    [TestClass]
    public class CompareCommandTests
    {
        public TestContext TestContext { get; set; }

        [TestMethod]
        [Timeout(180_000, CooperativeCancellation = true)]
        public void TheComparisonRunsBothServersAndPrintsItsTables()
        {
            ExternalTool.Require("coap-server-notls");
            string tool = RepoPaths.Of($"host/tools/CoapLoad/bin/{RepoPaths.Configuration}/net10.0/CoapLoad.dll");
            string output = Path.Combine(Path.GetTempPath(), "coapload-" + Guid.NewGuid().ToString("N"));
            try
            {
                ChildProcess.Result run = ChildProcess.Run("dotnet",
                    new[] { tool, "compare", "--seconds", "1", "--warmup", "1", "--concurrency", "8", "--observers", "4", "--changes", "3", "--soak", "0", "--out", output },
                    TimeSpan.FromSeconds(150));
                TestContext.WriteLine(run.AllOutput);
                Assert.AreEqual(0, run.ExitCode, run.AllOutput);
                StringAssert.Contains(run.Stdout, "| CON GET c=8 | ThermoDev |");
                StringAssert.Contains(run.Stdout, "| CON GET c=8 | libcoap |");
                StringAssert.Contains(run.Stdout, "| ThermoDev / libcoap |");
                Assert.IsTrue(File.Exists(Path.Combine(output, "compare.png")), "the chart");
                Assert.IsTrue(File.Exists(Path.Combine(output, "compare.md")), "the tables");
            }
            finally
            {
                if (Directory.Exists(output))
                {
                    Directory.Delete(output, true);
                }
            }
        }
    }
}
