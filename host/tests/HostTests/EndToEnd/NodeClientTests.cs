using System;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Support;
using ThermoDev.TestSupport;

namespace ThermoDev.HostTests.EndToEnd
{
    /// <summary>
    /// The PC build queried by node's coap package (1.5.0, installed by .ci/run into EndToEnd/node):
    /// a GET, then an observation during which the script PUTs a new value (node/query-temp.js).
    /// </summary>
    [TestClass]
    public class NodeClientTests
    {
        private const string NodeFolder = "host/tests/HostTests/EndToEnd/node";

        [TestMethod]
        [DataRow("127.0.0.1", null)]
        [DataRow("::1", null)]
        [DataRow("127.0.0.1", "application/json")]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void NodeCoapGetsObservesAndPuts(string loopback, string putFormat)
        {
            string node = ExternalTool.Require("node");
            ExternalTool.RequirePath(RepoPaths.Of(NodeFolder + "/node_modules/coap/package.json"), ExternalTool.NodeCoapPackage);

            using var pc = ThermoDevPc.Start(loopback);
            // Home-automation clients send every PUT as application/json (Content-Format 50): a JSON number is taken too.
            string[] arguments = { RepoPaths.Of(NodeFolder + "/query-temp.js"), loopback, pc.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "30.5" };
            var run = ChildProcess.Run(node, putFormat == null ? arguments : arguments.Append(putFormat).ToArray(), TimeSpan.FromSeconds(30));
            Assert.AreEqual(0, run.ExitCode, run.AllOutput);

            string[] lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.AreEqual(4, lines.Length, run.Stdout);
            Assert.AreEqual("GET 2.05 25.0", lines[0]);
            Assert.AreEqual("NOTIFY 2.05 25.0", lines[1]);

            // The PUT's answer and the notification it causes race each other; both must come.
            CollectionAssert.AreEquivalent(new[] { "PUT 2.04 Temperature set to 30.5°C", "NOTIFY 2.05 30.5" }, lines.Skip(2).ToArray());
            Assert.AreEqual("30.5", pc.Get());
        }
    }
}
