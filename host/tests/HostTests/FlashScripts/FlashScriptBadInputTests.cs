using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ThermoDev.HostTests.FlashScripts
{
    /// <summary>Bad input: both scripts print the usage on stderr, exit with 2 and run nothing.</summary>
    [TestClass]
    public sealed class FlashScriptBadInputTests
    {
        private const string Port = "/dev/ttyUSB0";
        private const string Password = "Hidden-51ac!q";

        // {image} is an existing image, {missing} a path with no file; "default image" runs a copy of the
        // script from a repository without a build.
        private static readonly Dictionary<string, (string[] Args, string Password)> Cases =
            new Dictionary<string, (string[] Args, string Password)>
            {
                ["no command"] = (new string[0], null),
                ["unknown command"] = (new[] { "flash", "--port", Port }, null),
                ["unknown option"] = (new[] { "firmware", "--port", Port, "--bogus" }, null),
                ["firmware without port"] = (new[] { "firmware", "--masserase" }, null),
                ["wifi without port"] = (new[] { "wifi", "--ssid", "HomeNet" }, Password),
                ["deploy without port"] = (new[] { "deploy", "--image", "{image}" }, null),
                ["all without port"] = (new[] { "all", "--ssid", "HomeNet", "--image", "{image}" }, Password),
                ["deploy missing image"] = (new[] { "deploy", "--port", Port, "--image", "{missing}" }, null),
                ["deploy missing default image"] = (new[] { "deploy", "--port", Port }, null),
                ["all missing image"] = (new[] { "all", "--port", Port, "--ssid", "HomeNet", "--image", "{missing}" }, Password),
                ["wifi without ssid"] = (new[] { "wifi", "--port", Port }, Password),
                ["wifi empty ssid"] = (new[] { "wifi", "--port", Port, "--ssid", string.Empty }, Password),
                ["wifi ssid of 33"] = (new[] { "wifi", "--port", Port, "--ssid", new string('s', 33) }, Password),
                ["all ssid of 33"] = (new[] { "all", "--port", Port, "--ssid", new string('s', 33), "--image", "{image}" }, Password),
                ["wifi password of 65"] = (new[] { "wifi", "--port", Port, "--ssid", "HomeNet" }, new string('p', 65)),
                ["all password of 65"] = (new[] { "all", "--port", Port, "--ssid", "HomeNet", "--image", "{image}" }, new string('p', 65)),
                ["wifi password unset without terminal"] = (new[] { "wifi", "--port", Port, "--ssid", "HomeNet" }, null),
                ["dry-run missing image"] = (new[] { "--dry-run", "deploy", "--port", Port, "--image", "{missing}" }, null),
                ["dry-run ssid of 33"] = (new[] { "--dry-run", "wifi", "--port", Port, "--ssid", new string('s', 33) }, null),
            };

        public static IEnumerable<object[]> BadInputs() =>
            from shell in new[] { "bash", "pwsh" }
            from name in Cases.Keys
            select new object[] { shell, name };

        [TestMethod]
        [DynamicData(nameof(BadInputs))]
        public void BadInputPrintsTheUsageAndExitsWith2(string shell, string name)
        {
            using var sandbox = new FlashScriptSandbox(shell);
            (string[] args, string password) = Cases[name];
            if (name.Contains("default image"))
            {
                sandbox.UseCopiedScript();
            }

            string image = sandbox.CreateImage();
            string missing = Path.Combine(sandbox.Root, "no-such.bin");
            args = args.Select(a => a.Replace("{image}", image).Replace("{missing}", missing)).ToArray();

            ScriptRun run = sandbox.Run(args, password);

            Assert.AreEqual(2, run.ExitCode, run.Describe());
            StringAssert.Contains(run.StdErr, "Usage: " + sandbox.ScriptName, run.Describe());
            Assert.IsEmpty(run.Calls, run.Describe());
            Assert.DoesNotContain("==>", run.StdOut);
            if (password != null)
            {
                Assert.DoesNotContain(password, run.StdOut + run.StdErr);
            }

            sandbox.AssertNoCredentialFileLeft();
        }

        [TestMethod]
        [DataRow("bash")]
        public void AnOptionWithoutItsValueIsBadInput(string shell)
        {
            // PowerShell itself rejects "-Port" without a value, before the script runs.
            using var sandbox = new FlashScriptSandbox(shell);
            ScriptRun run = sandbox.Run(new[] { "firmware", "--port" });

            Assert.AreEqual(2, run.ExitCode, run.Describe());
            StringAssert.Contains(run.StdErr, "Usage: ");
            Assert.IsEmpty(run.Calls, run.Describe());
        }
    }
}
