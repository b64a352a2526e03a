using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Support;
using ThermoDev.TestSupport;

namespace ThermoDev.HostTests.FlashScripts
{
    /// <summary>The bash flash script passes shellcheck.</summary>
    [TestClass]
    public sealed class FlashScriptLintTests
    {
        [TestMethod]
        public void TheBashScriptPassesShellcheck()
        {
            string shellcheck = ExternalTool.Require("shellcheck");
            (int exitCode, string stdout, string stderr) = FlashScriptSandbox.Execute(shellcheck, new[] { RepoPaths.Of("nf-flash-scripts/thermodev-flash.sh") });

            Assert.AreEqual(0, exitCode, stdout + stderr);
        }
    }
}
