using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Support;

namespace ThermoDev.HostTests.FlashScripts
{
    /// <summary>
    /// The stand-in nanoff knows nanoff 2.5.162's options (see <see cref="FlashScriptSandbox"/>): a script
    /// that calls an option nanoff does not have, or misspells one, fails its tests.
    /// </summary>
    [TestClass]
    public sealed class FlashScriptNanoffOptionTests
    {
        private const string Port = "/dev/ttyUSB0";

        [TestMethod]
        [DataRow("bash")]
        [DataRow("pwsh")]
        public void AScriptCallingAnOptionNanoffDoesNotHaveFails(string shell)
        {
            using var sandbox = new FlashScriptSandbox(shell);
            sandbox.UseCopiedScript();
            sandbox.EditCopiedScript("--serialport", "--port");

            ScriptRun run = sandbox.Run(new[] { "firmware", "--port", Port });

            Assert.AreEqual(40, run.ExitCode, "nanoff's E9000 (9000 mod 256) for a parse error\n" + run.Describe());
            CollectionAssert.AreEqual(
                new[] { "nanoff --update --target ESP32_PSRAM_REV0 --port /dev/ttyUSB0" }, run.Calls.ToArray(), run.Describe());
            StringAssert.Contains(run.StdErr, "Option 'port' is unknown.", run.Describe());
        }

        [TestMethod]
        [DataRow("bash", "words+=(--masserase)", "words+=(--mass-erase)", "firmware")]
        [DataRow("bash", "--platform esp32", "--platform ESP32", "targets")]
        [DataRow("bash", "--platform esp32", "--platform", "targets")]
        [DataRow("pwsh", "'--masserase'", "'--mass-erase'", "firmware")]
        [DataRow("pwsh", "'--platform', 'esp32'", "'--platform', 'ESP32'", "targets")]
        [DataRow("pwsh", "'--listtargets', '--platform', 'esp32'", "'--listtargets', 'esp32'", "targets")]
        public void AMisspeltOptionOrValueFails(string shell, string right, string wrong, string command)
        {
            using var sandbox = new FlashScriptSandbox(shell);
            sandbox.UseCopiedScript();
            sandbox.EditCopiedScript(right, wrong);
            string[] args = command == "firmware" ? new[] { "firmware", "--port", Port, "--masserase" } : new[] { command };

            ScriptRun run = sandbox.Run(args);

            Assert.AreEqual(40, run.ExitCode, run.Describe());
            Assert.HasCount(1, run.Calls, run.Describe());
            StringAssert.StartsWith(run.StdErr, "ERROR(S): ", run.Describe());
        }

        /// <summary>
        /// The stand-in follows nanoff 2.5.162, so every install or update of nanoff the scripts run or the
        /// documentation shows names that version: nanoff 3 takes verbs, not these options.
        /// </summary>
        [TestMethod]
        public void EveryNanoffInstallIsPinnedTo2_5_162()
        {
            string[] files = new[] { "README.md", "ThermoDev/README.md", "nf-flash-scripts/README.md" }
                .Concat(Directory.GetFiles(RepoPaths.Of("nf-flash-scripts"))
                    .Select(path => "nf-flash-scripts/" + Path.GetFileName(path)))
                .Distinct()
                .ToArray();
            var install = new Regex(@"tool(', ')? ?'?(install|update)[^\n|`]*nanoff[^\n|`]*");
            int seen = 0;
            foreach (string file in files)
            {
                foreach (Match m in install.Matches(File.ReadAllText(RepoPaths.Of(file))))
                {
                    seen++;
                    bool pinned = m.Value.Contains("--version 2.5.162")
                        || m.Value.Contains("--version \"$NANOFF_VERSION\"")
                        || m.Value.Contains("'--version', $NanoffVersion");
                    Assert.IsTrue(pinned, $"{file}: {m.Value}");
                }
            }

            Assert.IsGreaterThanOrEqualTo(4, seen, "the scripts install and update nanoff");
            StringAssert.Contains(File.ReadAllText(RepoPaths.Of("nf-flash-scripts/thermodev-flash.sh")), "NANOFF_VERSION=2.5.162");
            StringAssert.Contains(File.ReadAllText(RepoPaths.Of("nf-flash-scripts/thermodev-flash.ps1")), "$NanoffVersion = '2.5.162'");
        }
    }
}
