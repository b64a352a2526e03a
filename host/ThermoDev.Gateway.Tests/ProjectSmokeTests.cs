using Microsoft.VisualStudio.TestTools.UnitTesting;

[assembly: Parallelize(Scope = ExecutionScope.ClassLevel, Workers = 0)]

namespace ThermoDev.Gateway.Tests
{
    /// <summary>The gateway builds and its entry point returns (replaced by real tests as they land).</summary>
    [TestClass]
    public sealed class ProjectSmokeTests
    {
        /// <summary>The placeholder entry point ends with 0.</summary>
        [TestMethod]
        public void TheEntryPointRuns() => Assert.AreEqual(0, Program.Main());
    }
}
