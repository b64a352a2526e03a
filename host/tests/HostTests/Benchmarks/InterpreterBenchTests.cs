using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.EndToEnd;
using ThermoDev.HostTests.Support;

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
        private const string MonoHint = "apt-get install mono-devel";

        private static readonly string[] PathNames =
        {
            "ping", "malformed", "duplicate", "not-found", "get-temp", "put-temp", "discovery",
            "observe-register", "notify-16-non", "notify-16-con", "client-get",
        };

        public TestContext TestContext { get; set; }

        [TestMethod]
        [Timeout(300_000, CooperativeCancellation = true)]
        public void EveryPathBuiltFromTheWorkingTreeAnswersRightUnderTheInterpreter()
        {
            string mono = ExternalTool.Require("mono", MonoHint);
            ExternalTool.Require("mcs", MonoHint);
            string exe = Path.Combine(Path.GetTempPath(), "interpreter-bench-" + Guid.NewGuid().ToString("N") + ".exe");
            try
            {
                ToolProcess.Result build = ToolProcess.Run("bash",
                    new[] { RepoPaths.Of("host/tools/Coap.Micro.InterpreterBench/build.sh"), exe, RepoPaths.Root },
                    TimeSpan.FromSeconds(180));
                TestContext.WriteLine(build.AllOutput);
                Assert.AreEqual(0, build.ExitCode, build.AllOutput);
                StringAssert.DoesNotMatch(build.Stderr, new System.Text.RegularExpressions.Regex("lacking"), "the working tree has every path");

                ToolProcess.Result run = ToolProcess.Run(mono, new[] { "--interp=-inline", exe, "--quick" }, TimeSpan.FromSeconds(60));
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
            string shellcheck = ExternalTool.Require("shellcheck", "apt-get install shellcheck");
            ToolProcess.Result run = ToolProcess.Run(shellcheck,
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
                var start = new ProcessStartInfo("/bin/bash")
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                };
                start.ArgumentList.Add(RepoPaths.Of("host/tools/Coap.Micro.InterpreterBench/compare.sh"));
                start.Environment["PATH"] = emptyPath;
                using Process process = Process.Start(start);
                string stdout = process.StandardOutput.ReadToEnd();
                string stderr = process.StandardError.ReadToEnd();
                Assert.IsTrue(process.WaitForExit(30_000), "compare.sh did not end");

                Assert.AreNotEqual(0, process.ExitCode, stdout + stderr);
                StringAssert.Contains(stderr, "mono is not installed");
                StringAssert.Contains(stderr, "apt-get install -y mono-devel");
            }
            finally
            {
                Directory.Delete(emptyPath, true);
            }
        }
    }
}
