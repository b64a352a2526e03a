using System;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.ApiCheck;
using ThermoDev.HostTests.Support;

namespace ThermoDev.HostTests.Architecture
{
    /// <summary>
    /// Coap.Micro's folders are its layers (codec, transport, message layer, request layer, Observe and
    /// separate responses, the server that composes them): dependencies point one way, so no two folders
    /// may refer to each other, directly or through others. Read from the assembly the nanoFramework API
    /// check compiled, folder by folder of the sources.
    /// </summary>
    [TestClass]
    public class LayerCycleTests
    {
        public TestContext TestContext { get; set; }

        [TestMethod]
        [DataRow("ApiCheck.Coap.Micro", "Coap.Micro.dll", "Coap.Micro")]
        public void NoTwoFoldersReferToEachOther(string project, string assembly, string sourceFolder)
        {
            var graph = FolderDependencies.Read(File.ReadAllBytes(RepoPaths.ApiCheckOutput(project, assembly)), RepoPaths.Of(sourceFolder));
            foreach (var edge in graph.Edges.Keys.OrderBy(e => e.From, StringComparer.Ordinal).ThenBy(e => e.To, StringComparer.Ordinal))
            {
                TestContext.WriteLine($"{edge.From} -> {edge.To}");
            }

            var cycles = graph.Cycles();
            Assert.IsEmpty(cycles, "folders that refer to each other:" + Environment.NewLine
                + string.Join(Environment.NewLine + Environment.NewLine, cycles.Select(c => string.Join(", ", c) + ":" + Environment.NewLine + graph.Describe(c))));
        }

        [TestMethod]
        public void AReferenceBackUpAFolderIsACycle()
        {
            string root = Path.Combine(Path.GetTempPath(), "layer-cycle-" + Guid.NewGuid().ToString("N"));
            try
            {
                string lower = "namespace L { public class Lower { public int F(Upper u) { return u.G(); } } }";
                string upper = "namespace L { public class Upper { public Lower Below; public int G() { return 1; } } public interface IHook { } }";
                Directory.CreateDirectory(Path.Combine(root, "Low"));
                Directory.CreateDirectory(Path.Combine(root, "High"));
                File.WriteAllText(Path.Combine(root, "Low", "Lower.cs"), lower);
                File.WriteAllText(Path.Combine(root, "High", "Upper.cs"), upper);
                var compiled = NanoCompiler.Compile(lower, upper);
                Assert.IsTrue(compiled.Success, string.Join("; ", compiled.Errors));

                var graph = FolderDependencies.Read(compiled.Image, root);

                Assert.AreEqual(1, graph.Cycles().Count);
                StringAssert.Contains(graph.Describe(graph.Cycles()[0]), "Low -> High: Lower -> Upper");
                StringAssert.Contains(graph.Describe(graph.Cycles()[0]), "High -> Low: Upper -> Lower");
            }
            finally
            {
                Directory.Delete(root, true);
            }
        }
    }
}
