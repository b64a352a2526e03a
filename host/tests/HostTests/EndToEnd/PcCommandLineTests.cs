using System.IO;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Support;

namespace ThermoDev.HostTests.EndToEnd
{
    /// <summary>The PC build's command line: --help, --version, and bad arguments (usage on stderr, exit code 2).</summary>
    [TestClass]
    public class PcCommandLineTests
    {
        private static readonly string[] Options =
        {
            "--port", "--devices", "--bind", "--temperature", "--drift", "--seed", "--interval", "--max-age", "--max-observers", "--allow-writes", "--quiet", "--help", "--version", "--rd", "--rd-lifetime",
        };

        [TestMethod]
        public void HelpListsEveryOptionAndExitsZero()
        {
            var help = ThermoDevPc.Run("--help");
            Assert.AreEqual(0, help.ExitCode, help.AllOutput);
            StringAssert.Contains(help.Stdout, "Usage:");
            foreach (string option in Options)
            {
                StringAssert.Contains(help.Stdout, option);
            }

            StringAssert.Contains(help.Stdout, "[default: 5683]");
            StringAssert.Contains(help.Stdout, "--devices <count>");
            StringAssert.Contains(help.Stdout, "(1 to 64) [default: 1]");
            StringAssert.Contains(help.Stdout, "[default: 25.0]");
            StringAssert.Contains(help.Stdout, "[default: all]");
            Assert.AreEqual(string.Empty, help.Stderr);
        }

        [TestMethod]
        public void VersionIsTheFirmwareVersion()
        {
            // ThermoDev/Properties/AssemblyInfo.cs: AssemblyVersion("0.1.0.0"); the PC build shows three parts.
            string assemblyInfo = File.ReadAllText(RepoPaths.Of("ThermoDev/Properties/AssemblyInfo.cs"));
            Match firmware = Regex.Match(assemblyInfo, @"AssemblyVersion\(""(\d+\.\d+\.\d+)\.0""\)");
            Assert.IsTrue(firmware.Success, "no AssemblyVersion in ThermoDev/Properties/AssemblyInfo.cs");

            var version = ThermoDevPc.Run("--version");
            Assert.AreEqual(0, version.ExitCode, version.AllOutput);
            Assert.AreEqual(firmware.Groups[1].Value, version.Stdout.Trim());
        }

        [TestMethod]
        [DataRow("--port nope", "--port must be a whole number from 0 to 65535, not 'nope'.")]
        [DataRow("--port 70000", "--port must be a whole number from 0 to 65535, not '70000'.")]
        [DataRow("--temperature 200", "--temperature must be a number from -40 to 85 (a dot for decimals), not '200'.")]
        [DataRow("--temperature 2,5", "--temperature must be a number from -40 to 85 (a dot for decimals), not '2,5'.")]
        [DataRow("--drift 11", "--drift must be a number from 0 to 10 (a dot for decimals), not '11'.")]
        [DataRow("--interval 50", "--interval must be a whole number from 100 to 3600000, not '50'.")]
        [DataRow("--max-age 0", "--max-age must be a whole number from 1 to 86400, not '0'.")]
        [DataRow("--max-observers -1", "--max-observers must be a whole number from 0 to 4096, not '-1'.")]
        [DataRow("--bind localhost", "--bind must be an IPv4 or IPv6 address such as :: or 127.0.0.1, not 'localhost'.")]
        [DataRow("--seed x", "--seed must be a whole number, not 'x'.")]
        [DataRow("--devices 0", "--devices must be a whole number from 1 to 64, not '0'.")]
        [DataRow("--devices 65", "--devices must be a whole number from 1 to 64, not '65'.")]
        [DataRow("--devices three", "--devices must be a whole number from 1 to 64, not 'three'.")]
        [DataRow("--port 65534 --devices 3", "--port 65534 leaves no room for 3 devices on consecutive ports: the last one would be 65536, above 65535.")]
        [DataRow("--rd http://127.0.0.1", "--rd must be a coap:// URI such as coap://192.168.1.2 or coap://[fd00::2]:5683/rd, not 'http://127.0.0.1'.")]
        [DataRow("--rd coap://127.0.0.1/rd?ep=x", "--rd must be a coap:// URI such as coap://192.168.1.2 or coap://[fd00::2]:5683/rd, not 'coap://127.0.0.1/rd?ep=x'.")]
        [DataRow("--rd 127.0.0.1", "--rd must be a coap:// URI such as coap://192.168.1.2 or coap://[fd00::2]:5683/rd, not '127.0.0.1'.")]
        [DataRow("--rd-lifetime 59", "--rd-lifetime must be a whole number from 60 to 2147483647, not '59'.")]
        [DataRow("--no-such-option", "--no-such-option")]
        [DataRow("--port", "--port")]
        public void ABadArgumentGetsTheUsageOnStandardErrorAndExitCodeTwo(string arguments, string message)
        {
            var run = ThermoDevPc.Run(arguments.Split(' '));
            Assert.AreEqual(2, run.ExitCode, run.AllOutput);
            StringAssert.Contains(run.Stderr, message);
            StringAssert.Contains(run.Stderr, "Usage:");
            StringAssert.Contains(run.Stderr, "--temperature");
            Assert.AreEqual(string.Empty, run.Stdout);
        }
    }
}
