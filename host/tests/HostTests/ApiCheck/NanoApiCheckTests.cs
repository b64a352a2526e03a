using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Support;

namespace ThermoDev.HostTests.ApiCheck
{
    /// <summary>
    /// The nanoFramework API check: the portable sources were compiled against the real nanoFramework
    /// mscorlib by host/ApiCheck.* (built before these tests); here their output is checked for generics,
    /// and the check itself is shown to reject code the device cannot run.
    /// </summary>
    [TestClass]
    public class NanoApiCheckTests
    {
        [TestMethod]
        [DataRow("ApiCheck.Coap.Micro", "Coap.Micro.dll")]
        [DataRow("ApiCheck.Coap.Micro.Client", "Coap.Micro.Client.dll")]
        [DataRow("ApiCheck.Coap.Micro.Oscore", "Coap.Micro.Oscore.dll")]
        [DataRow("ApiCheck.ThermoDev.Core", "ThermoDev.Core.dll")]
        [DataRow("ApiCheck.ThermoDev.ResourceDirectory", "ThermoDev.ResourceDirectory.dll")]
        [DataRow("ApiCheck.Coap.Micro.Tests", "NFUnitTest.dll")]
        [DataRow("ApiCheck.Coap.Micro.Extensions.Tests", "NFUnitTest.dll")]
        [DataRow("ApiCheck.ThermoDev.Core.Tests", "NFUnitTest.dll")]
        [DataRow("ApiCheck.Coap.Micro.Client.Tests", "NFUnitTest.dll")]
        [DataRow("ApiCheck.Coap.Micro.Oscore.Tests", "NFUnitTest.dll")]
        [DataRow("ApiCheck.ThermoDev.ResourceDirectory.Tests", "NFUnitTest.dll")]
        public void ApiCheckOutputUsesNoGenerics(string project, string assembly)
        {
            string path = RepoPaths.ApiCheckOutput(project, assembly);
            Assert.IsTrue(File.Exists(path), $"{path} was not built");
            var findings = GenericUseScanner.Scan(path);
            Assert.IsEmpty(findings, string.Join("\n", findings));
        }

        [TestMethod]
        [DataRow("ApiCheck.Coap.Micro", "Coap.Micro.dll")]
        [DataRow("ApiCheck.Coap.Micro.Client", "Coap.Micro.Client.dll")]
        [DataRow("ApiCheck.Coap.Micro.Oscore", "Coap.Micro.Oscore.dll")]
        [DataRow("ApiCheck.ThermoDev.Core", "ThermoDev.Core.dll")]
        [DataRow("ApiCheck.ThermoDev.ResourceDirectory", "ThermoDev.ResourceDirectory.dll")]
        public void StringLiteralsOnlyAtStartUpOrInExceptions(string project, string assembly)
        {
            // On nanoFramework each evaluation of a string literal allocates: request and notification
            // paths write text from static byte arrays.
            var findings = StringLiteralScanner.Scan(RepoPaths.ApiCheckOutput(project, assembly));
            Assert.IsEmpty(findings, string.Join("\n", findings));
        }

        [TestMethod]
        public void StringLiteralScanFindsALiteralInARequestPath()
        {
            var result = NanoCompiler.Compile(
                "class R { void Get(System.Text.StringBuilder s) { } string Hi() { return \"hi\"; } void Bad(int x) { if (x < 0) throw new System.ArgumentException(\"bad \" + x.ToString()); } }".Replace("System.Text.StringBuilder s", "object s"));
            Assert.IsTrue(result.Success, string.Join("\n", result.Errors));
            string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"literal-scan-{System.Guid.NewGuid():N}.dll");
            System.IO.File.WriteAllBytes(path, result.Image);
            try
            {
                var findings = StringLiteralScanner.Scan(path);
                CollectionAssert.AreEqual(new[] { "R.Hi: \"hi\"" }, findings);
            }
            finally
            {
                System.IO.File.Delete(path);
            }
        }

        [TestMethod]
        [DataRow("ApiCheck.Coap.Micro", "Coap.Micro.dll", new[] { "mscorlib" })]
        [DataRow("ApiCheck.Coap.Micro.Client", "Coap.Micro.Client.dll", new[] { "Coap.Micro", "mscorlib" })]
        [DataRow("ApiCheck.Coap.Micro.Oscore", "Coap.Micro.Oscore.dll", new[] { "Coap.Micro", "mscorlib" })]
        [DataRow("ApiCheck.ThermoDev.Core", "ThermoDev.Core.dll", new[] { "Coap.Micro", "mscorlib" })]
        [DataRow("ApiCheck.Coap.Micro.Tests", "NFUnitTest.dll", new[] { "Coap.Micro", "mscorlib" })]
        [DataRow("ApiCheck.Coap.Micro.Extensions.Tests", "NFUnitTest.dll", new[] { "Coap.Micro", "mscorlib" })]
        [DataRow("ApiCheck.ThermoDev.Core.Tests", "NFUnitTest.dll", new[] { "Coap.Micro", "ThermoDev.Core", "mscorlib" })]
        [DataRow("ApiCheck.Coap.Micro.Client.Tests", "NFUnitTest.dll", new[] { "Coap.Micro", "Coap.Micro.Client", "mscorlib" })]
        [DataRow("ApiCheck.Coap.Micro.Oscore.Tests", "NFUnitTest.dll", new[] { "Coap.Micro", "Coap.Micro.Oscore", "mscorlib" })]
        [DataRow("ApiCheck.ThermoDev.ResourceDirectory", "ThermoDev.ResourceDirectory.dll", new[] { "Coap.Micro", "Coap.Micro.Client", "ThermoDev.Core", "mscorlib" })]
        [DataRow("ApiCheck.ThermoDev.ResourceDirectory.Tests", "NFUnitTest.dll", new[] { "Coap.Micro", "Coap.Micro.Client", "ThermoDev.Core", "ThermoDev.ResourceDirectory", "mscorlib" })]
        public void ApiCheckOutputReferencesWhatItsNanoFrameworkProjectReferences(string project, string assembly, string[] expected)
        {
            // As on the device: each library and test assembly references the others (and sees their public API only)
            // instead of compiling their sources in, so NFUnitTest.dll is what the nfproj builds.
            using var stream = File.OpenRead(RepoPaths.ApiCheckOutput(project, assembly));
            using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
            var md = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
            var references = md.AssemblyReferences.Select(h => md.GetAssemblyReference(h)).ToList();
            CollectionAssert.AreEqual(expected, references.Select(r => md.GetString(r.Name)).OrderBy(n => n, System.StringComparer.Ordinal).ToList());
            Assert.AreEqual(new System.Version(1, 17, 11, 0), references.Single(r => md.GetString(r.Name) == "mscorlib").Version);
        }

        [TestMethod]
        [DataRow("ApiCheck.ThermoDev.Core", "ThermoDev.Core.dll", "ThermoDev")]
        [DataRow("ApiCheck.Coap.Micro.Tests", "NFUnitTest.dll", "ThermoDev.Tests")]
        [DataRow("ApiCheck.Coap.Micro.Extensions.Tests", "NFUnitTest.dll", "ThermoDev.Tests")]
        [DataRow("ApiCheck.ThermoDev.Core.Tests", "NFUnitTest.dll", "ThermoDev.Tests")]
        [DataRow("ApiCheck.Coap.Micro.Client.Tests", "NFUnitTest.dll", "ThermoDev.Tests")]
        [DataRow("ApiCheck.Coap.Micro.Oscore", "Coap.Micro.Oscore.dll", "Coap.Micro.Oscore")]
        [DataRow("ApiCheck.Coap.Micro.Oscore.Tests", "NFUnitTest.dll", "ThermoDev.Tests")]
        [DataRow("ApiCheck.ThermoDev.ResourceDirectory", "ThermoDev.ResourceDirectory.dll", "ThermoDev.ResourceDirectory")]
        [DataRow("ApiCheck.ThermoDev.ResourceDirectory.Tests", "NFUnitTest.dll", "ThermoDev.Tests")]
        public void ApiCheckOutputDefinesOnlyItsOwnTypes(string project, string assembly, string ownNamespace)
        {
            // A library compiled into another assembly would bring its types (and its strings) with it. The
            // TestFramework's types stand in for its package here (on the device they are an assembly of their own).
            string[] allowed = { ownNamespace, "nanoFramework.TestFramework", "TestFrameworkShared" };
            using var stream = File.OpenRead(RepoPaths.ApiCheckOutput(project, assembly));
            using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
            var md = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
            var foreign = md.TypeDefinitions.Select(h => md.GetTypeDefinition(h))
                .Where(t => t.GetDeclaringType().IsNil && !md.GetString(t.Name).StartsWith("<", System.StringComparison.Ordinal)) // <Module>, compiler-generated
                .Select(t => md.GetString(t.Namespace) + "." + md.GetString(t.Name))
                .Where(n => !allowed.Any(a => n.StartsWith(a + ".", System.StringComparison.Ordinal)))
                .ToList();
            Assert.IsEmpty(foreign, string.Join(", ", foreign));
        }

        [TestMethod]
        [DataRow("class A { object F() { return new System.Text.StringBuilder(); } }", "CS0234")]
        [DataRow("class A { long F() { return System.Environment.TickCount64; } }", "CS0234")]
        [DataRow("class A { double F(double x) { return System.Math.Sqrt(x); } }", "CS0234")]
        [DataRow("class A { string F(string s) { return s.Replace(\"a\", \"b\"); } }", "CS1061")]
        [DataRow("class A { void F(byte[] a, byte[] b) { System.Buffer.BlockCopy(a, 0, b, 0, 1); } }", "CS0234")]
        [DataRow("class A { System.Collections.Generic.List<int> F() { return null; } }", "CS0234")]
        [DataRow("class A { System.DateTime F() { return System.DateTime.Now; } }", "CS0117")]
        public void ApiCheckRejectsCallsTheDeviceDoesNotHave(string source, string expectedError)
        {
            var result = NanoCompiler.Compile(source);
            Assert.IsFalse(result.Success, "compiled although the nanoFramework mscorlib lacks the API");
            Assert.IsTrue(result.Errors.Any(e => e.StartsWith(expectedError)), string.Join("\n", result.Errors));
        }

        [TestMethod]
        public void ApiCheckAcceptsWhatTheDeviceHas()
        {
            var result = NanoCompiler.Compile(
                "class A { void F(byte[] a) { System.Array.Copy(a, 0, a, 1, 1); var l = new System.Collections.ArrayList(); l.Add(1); " +
                "lock (l) { } var r = new System.Random(1); r.Next(); double d; double.TryParse(\"1.5\", out d); } }");
            Assert.IsTrue(result.Success, string.Join("\n", result.Errors));
            Assert.IsEmpty(GenericUseScanner.Scan(result.Image));
        }

        [TestMethod]
        [DataRow("public class Box<T> { public T Value; }", "generic type Box")]
        [DataRow("public class A { public static T Id<T>(T x) { return x; } }", "generic method A.Id")]
        [DataRow("public class A { static T Id<T>(T x) { return x; } public int G() { return Id(1); } }", "MethodSpec")]
        [DataRow("public class A { public System.Action<int> Handler; }", "generic field A.Handler")]
        [DataRow("public class A { public void F() { System.Action<int> a = null; a?.Invoke(1); } }", "Action`1")]
        [DataRow("public class A { public System.Func<int> F() { return null; } }", "generic type in the signature of A.F")]
        public void GenericScanFindsEveryKindOfGenericUse(string source, string expectedFinding)
        {
            // These compile against the nanoFramework mscorlib (it declares Action<T> and Func<T>),
            // but the 1.x runtime cannot load them: the scan of the API-check output must catch them.
            var result = NanoCompiler.Compile(source);
            Assert.IsTrue(result.Success, string.Join("\n", result.Errors));
            var findings = GenericUseScanner.Scan(result.Image);
            Assert.IsTrue(findings.Any(f => f.Contains(expectedFinding)), "findings: " + string.Join("; ", findings));
        }

        [TestMethod]
        public void NullableValueTypesAreRejectedByTheCompileStep()
        {
            var result = NanoCompiler.Compile("public class A { public int? F() { return null; } }");
            Assert.IsFalse(result.Success);
            Assert.IsTrue(result.Errors.Any(e => e.StartsWith("CS0518")), string.Join("\n", result.Errors));
        }
    }
}
