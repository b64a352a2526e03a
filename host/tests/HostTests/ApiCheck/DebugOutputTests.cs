using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Support;

namespace ThermoDev.HostTests.ApiCheck
{
    /// <summary>
    /// The firmware's output reaches a Release image: no code of the firmware or of ThermoDev.Core writes
    /// through System.Diagnostics.Debug, whose Write methods are [Conditional("DEBUG")] in the nanoFramework
    /// mscorlib 1.17.11. Its lines go through ThermoDev.Core's ILogSink (Console.WriteLine on the board).
    /// The API-check builds define DEBUG so such calls would still be in their IL.
    /// </summary>
    [TestClass]
    public class DebugOutputTests
    {
        [TestMethod]
        [DataRow("ApiCheck.Device", "ApiCheck.Device.dll")]
        [DataRow("ApiCheck.ThermoDev.Core", "ThermoDev.Core.dll")]
        public void NoFirmwareCodeWritesThroughDebug(string project, string assembly)
        {
            string path = RepoPaths.ApiCheckOutput(project, assembly);
            Assert.IsTrue(System.IO.File.Exists(path), $"{path} was not built");
            var findings = DebugOutputScanner.Scan(path);
            Assert.IsEmpty(findings, "compiled out of a Release image, use the log sink: " + string.Join("\n", findings));
        }

        [TestMethod]
        public void TheScanFindsDebugWritesInADebugBuildOnly()
        {
            const string source = "class A { void F() { System.Diagnostics.Debug.WriteLine(\"x\"); System.Console.WriteLine(\"y\"); } void G() { System.Diagnostics.Debug.Write(\"z\"); } }";
            var debug = NanoCompiler.CompileDebug(source);
            Assert.IsTrue(debug.Success, string.Join("\n", debug.Errors));
            CollectionAssert.AreEqual(new[] { "A.F: Debug.WriteLine", "A.G: Debug.Write" }, DebugOutputScanner.Scan(debug.Image));

            // Without DEBUG the compiler drops the calls: why the API-check builds define it.
            var release = NanoCompiler.Compile(source);
            Assert.IsTrue(release.Success, string.Join("\n", release.Errors));
            Assert.IsEmpty(DebugOutputScanner.Scan(release.Image));
        }
    }
}
