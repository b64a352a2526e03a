using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.EndToEnd;
using ThermoDev.HostTests.Support;
using ThermoDev.TestSupport;

namespace ThermoDev.HostTests.Benchmarks
{
    /// <summary>
    /// The interpreter-cost benchmark (host/tools/Coap.Micro.InterpreterBench) cannot rot: it builds from the
    /// working tree's sources with mono's mcs and every path answers right for a handful of operations
    /// under Mono's IL interpreter; its scripts pass shellcheck; without mono the comparison says how to get it.
    /// </summary>
    [TestClass]
    public class InterpreterBenchTests
    {
        private static readonly string[] PathNames =
        {
            "ping", "malformed", "duplicate", "not-found", "get-temp", "put-temp", "discovery",
            "observe-register", "notify-16-non", "notify-16-con", "oscore-get-temp", "client-get",
        };

        public TestContext TestContext { get; set; }

        [TestMethod]
        [Timeout(300_000, CooperativeCancellation = true)]
        public void EveryPathBuiltFromTheWorkingTreeAnswersRightUnderTheInterpreter()
        {
            string mono = ExternalTool.Require("mono");
            ExternalTool.Require("mcs");
            string exe = Path.Combine(Path.GetTempPath(), "interpreter-bench-" + Guid.NewGuid().ToString("N") + ".exe");
            try
            {
                ChildProcess.Result build = ChildProcess.Run("bash",
                    new[] { RepoPaths.Of("host/tools/Coap.Micro.InterpreterBench/build.sh"), exe, RepoPaths.Root },
                    TimeSpan.FromSeconds(180));
                TestContext.WriteLine(build.AllOutput);
                Assert.AreEqual(0, build.ExitCode, build.AllOutput);
                StringAssert.DoesNotMatch(build.Stderr, new System.Text.RegularExpressions.Regex("lacking"), "the working tree has every path");

                ChildProcess.Result run = ChildProcess.Run(mono, new[] { "--interp=-inline", exe, "--quick" }, TimeSpan.FromSeconds(60));
                TestContext.WriteLine(run.AllOutput);
                Assert.AreEqual(0, run.ExitCode, run.AllOutput);
                string[] lines = run.Stdout.Split('\n');
                foreach (string name in PathNames)
                {
                    string line = lines.FirstOrDefault(l => l.StartsWith("result " + name + " ", StringComparison.Ordinal));
                    Assert.IsNotNull(line, $"no result for {name}:\n{run.AllOutput}");
                    double microseconds = double.Parse(line.Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture);
                    Assert.IsTrue(microseconds > 0, line);
                }

                Assert.AreEqual(PathNames.Length, lines.Count(l => l.StartsWith("result ", StringComparison.Ordinal)), run.Stdout);
            }
            finally
            {
                File.Delete(exe);
            }
        }

        [TestMethod]
        public void TheScriptsPassShellcheck()
        {
            string shellcheck = ExternalTool.Require("shellcheck");
            ChildProcess.Result run = ChildProcess.Run(shellcheck,
                new[] { RepoPaths.Of("host/tools/Coap.Micro.InterpreterBench/compare.sh"), RepoPaths.Of("host/tools/Coap.Micro.InterpreterBench/build.sh") },
                TimeSpan.FromSeconds(60));
            Assert.AreEqual(0, run.ExitCode, run.AllOutput);
        }

        [TestMethod]
        public void WithoutMonoTheComparisonSaysHowToInstallItAndFails()
        {
            if (OperatingSystem.IsWindows())
            {
                Assert.Inconclusive("the comparison is a bash script");
            }

            string emptyPath = Path.Combine(Path.GetTempPath(), "no-mono-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(emptyPath);
            try
            {
                ChildProcess.Result run = ChildProcess.Run("/bin/bash", new[] { RepoPaths.Of("host/tools/Coap.Micro.InterpreterBench/compare.sh") },
                    TimeSpan.FromSeconds(30), start => start.Environment["PATH"] = emptyPath);

                Assert.AreNotEqual(0, run.ExitCode, run.AllOutput);
                StringAssert.Contains(run.Stderr, "mono is not installed");
                StringAssert.Contains(run.Stderr, "apt-get install -y mono-devel");
            }
            finally
            {
                Directory.Delete(emptyPath, true);
            }
        }
    }
}
