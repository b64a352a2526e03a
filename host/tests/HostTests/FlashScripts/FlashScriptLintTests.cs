using System.Diagnostics;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Support;

namespace ThermoDev.HostTests.FlashScripts
{
    /// <summary>The bash flash script passes shellcheck.</summary>
    [TestClass]
    public sealed class FlashScriptLintTests
    {
        [TestMethod]
        public void TheBashScriptPassesShellcheck()
        {
            string shellcheck = ExternalTool.Require("shellcheck", "apt-get install shellcheck");
            var start = new ProcessStartInfo(shellcheck)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(RepoPaths.Of("nf-flash-scripts/thermodev-flash.sh"));

            (int exitCode, string stdout, string stderr) = FlashScriptSandbox.Execute(start);

            Assert.AreEqual(0, exitCode, stdout + stderr);
        }
    }
}
