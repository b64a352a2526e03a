using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.TestSupport;

namespace ThermoDev.HostTests.Support
{
    /// <summary>Every external tool a test requires has an install hint, so a skipped test always says how to run it.</summary>
    [TestClass]
    public class ExternalToolHintTests
    {
        [TestMethod]
        public void EveryToolTheTestsRequireHasAnInstallHint()
        {
            // ExternalTool.Require("name"), and the browser tests' Require("name") that leads to it.
            var require = new Regex(@"\bRequire\(""([^""]+)""\)");
            var required = Directory.EnumerateFiles(RepoPaths.Of("host/tests"), "*.cs", SearchOption.AllDirectories)
                .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && Path.GetFileName(file) != nameof(ExternalToolHintTests) + ".cs")
                .SelectMany(file => require.Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value))
                .Distinct()
                .ToList();

            CollectionAssert.IsSubsetOf(new[] { "coap-client-notls", "coap-server-notls", "pwsh", "node", "chromium", "chromedriver", "mono", "mcs", "shellcheck" }, required,
                "the scan finds the tools the tests are known to drive: " + string.Join(", ", required));
            foreach (string tool in required.Append(ExternalTool.NodeCoapPackage))
            {
                Assert.IsTrue(ExternalTool.InstallHints.TryGetValue(tool, out string hint) && hint.Length > 0, $"{tool} has no install hint in ExternalTool.InstallHints");
            }
        }

        [TestMethod]
        public void ARequiredToolWithoutAHintIsAnError()
        {
            Assert.ThrowsExactly<ArgumentException>(() => ExternalTool.Require("a-tool-nobody-listed"));
        }

        [TestMethod]
        public void TheReasonNamesTheToolAndHowToInstallIt()
        {
            Assert.AreEqual("needs coap-client-notls: apt-get install libcoap3-bin", ExternalTool.Reason("coap-client-notls"));
            Assert.AreEqual("needs node's coap package: npm ci --prefix host/tests/HostTests/EndToEnd/node", ExternalTool.Reason(ExternalTool.NodeCoapPackage));
        }
    }
}
