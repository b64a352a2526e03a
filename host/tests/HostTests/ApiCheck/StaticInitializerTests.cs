using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Support;

namespace ThermoDev.HostTests.ApiCheck
{
    /// <summary>
    /// No static initializer reads another type's static field: nanoCLR runs an assembly's static
    /// constructors at start-up in its own order, so the other field may not be set yet on a board.
    /// Read the other type's field where it is used instead.
    /// </summary>
    [TestClass]
    public class StaticInitializerTests
    {
        [TestMethod]
        [DataRow("ApiCheck.Coap.Micro", "Coap.Micro.dll")]
        [DataRow("ApiCheck.Coap.Micro.Client", "Coap.Micro.Client.dll")]
        [DataRow("ApiCheck.Coap.Micro.Oscore", "Coap.Micro.Oscore.dll")]
        [DataRow("ApiCheck.ThermoDev.ResourceDirectory", "ThermoDev.ResourceDirectory.dll")]
        [DataRow("ApiCheck.ThermoDev.Core", "ThermoDev.Core.dll")]
        [DataRow("ApiCheck.Device", "ApiCheck.Device.dll")]
        [DataRow("ApiCheck.Coap.Micro.Tests", "NFUnitTest.dll")]
        [DataRow("ApiCheck.Coap.Micro.Extensions.Tests", "NFUnitTest.dll")]
        [DataRow("ApiCheck.ThermoDev.Core.Tests", "NFUnitTest.dll")]
        [DataRow("ApiCheck.Coap.Micro.Client.Tests", "NFUnitTest.dll")]
        [DataRow("ApiCheck.Coap.Micro.Oscore.Tests", "NFUnitTest.dll")]
        [DataRow("ApiCheck.ThermoDev.ResourceDirectory.Tests", "NFUnitTest.dll")]
        public void NoStaticInitializerReadsAnotherTypesStaticField(string project, string assembly)
        {
            var findings = StaticInitializerScanner.Scan(RepoPaths.ApiCheckOutput(project, assembly));
            Assert.IsEmpty(findings, string.Join("\n", findings));
        }

        [TestMethod]
        public void TheScanFindsAFieldInitializedFromAnotherTypesField()
        {
            var compiled = NanoCompiler.Compile(
                "class Text { internal static readonly byte[] Gone = new byte[] { 1 }; }",
                "class Copy { static readonly byte[] Kept = Text.Gone; static readonly byte[] Own = new byte[] { 2 }; static readonly byte[] Other = Own; }");
            Assert.IsTrue(compiled.Success, string.Join("; ", compiled.Errors));

            var findings = StaticInitializerScanner.Scan(compiled.Image);

            Assert.HasCount(1, findings);
            Assert.AreEqual("Copy reads Text.Gone", findings[0]);
        }
    }
}
