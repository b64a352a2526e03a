using System;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ThermoDev.HostTests.FlashScripts
{
    /// <summary>--dry-run / -DryRun: the scripts print the nanoff commands and run nothing.</summary>
    [TestClass]
    public sealed class FlashScriptDryRunTests
    {
        private const string Port = "/dev/ttyUSB0";
        private const string Password = "Masked-0b7e!z";

        [TestMethod]
        [DataRow("bash")]
        [DataRow("pwsh")]
        public void DryRunAllPrintsTheCommandsAndRunsNothing(string shell)
        {
            using var sandbox = new FlashScriptSandbox(shell);
            string image = sandbox.CreateImage();
            ScriptRun run = sandbox.Run(
                new[] { "--dry-run", "all", "--port", Port, "--ssid", "HomeNet", "--image", image, "--masserase" }, Password);

            Assert.AreEqual(0, run.ExitCode, run.Describe());
            Assert.IsEmpty(run.Calls, run.Describe());
            CollectionAssert.AreEqual(
                new[]
                {
                    "nanoff --update --target ESP32_PSRAM_REV0 --serialport /dev/ttyUSB0 --masserase",
                    "nanoff --networkdeployment <wifi.json>",
                    "# <wifi.json> = {\"SerialPort\":\"/dev/ttyUSB0\",\"WirelessClient\":{\"Ssid\":\"HomeNet\",\"Password\":\"***\"}}",
                    $"nanoff --nanodevice --deploy --serialport /dev/ttyUSB0 --image {image}",
                },
                Lines(run.StdOut),
                run.Describe());
            Assert.DoesNotContain(Password, run.StdOut + run.StdErr);
            sandbox.AssertNoCredentialFileLeft();
        }

        [TestMethod]
        [DataRow("bash", "ports")]
        [DataRow("bash", "targets")]
        [DataRow("bash", "firmware")]
        [DataRow("bash", "deploy")]
        [DataRow("bash", "tools")]
        [DataRow("pwsh", "ports")]
        [DataRow("pwsh", "targets")]
        [DataRow("pwsh", "firmware")]
        [DataRow("pwsh", "deploy")]
        [DataRow("pwsh", "tools")]
        public void DryRunPrintsWhatARealRunRuns(string shell, string command)
        {
            using var sandbox = new FlashScriptSandbox(shell);
            string image = sandbox.CreateImage();
            string[] args = command switch
            {
                "firmware" => new[] { "firmware", "--port", "COM7", "--target", "ESP32_REV0", "--masserase" },
                "deploy" => new[] { "deploy", "--port", "COM7", "--image", image },
                "tools" => new[] { "tools", "--update" },
                _ => new[] { command },
            };

            ScriptRun real = sandbox.Run(args);
            ScriptRun dry = sandbox.Run(args.Append("--dry-run").ToArray());

            Assert.AreEqual(0, real.ExitCode, real.Describe());
            Assert.AreEqual(0, dry.ExitCode, dry.Describe());
            Assert.HasCount(1, real.Calls, real.Describe());
            Assert.IsEmpty(dry.Calls, dry.Describe());
            CollectionAssert.AreEqual(real.Calls.ToArray(), Lines(dry.StdOut), dry.Describe());
        }

        [TestMethod]
        [DataRow("bash")]
        [DataRow("pwsh")]
        public void DryRunWifiMasksThePasswordAndNeedsNeitherPasswordNorNanoff(string shell)
        {
            using var sandbox = new FlashScriptSandbox(shell);
            ScriptRun run = sandbox.Run(new[] { "--dry-run", "wifi", "--port", "COM3", "--ssid", "HomeNet" }, withoutNanoff: true);

            Assert.AreEqual(0, run.ExitCode, run.Describe());
            Assert.IsEmpty(run.Calls, run.Describe());
            string[] lines = Lines(run.StdOut);
            Assert.HasCount(2, lines, run.Describe());
            Assert.AreEqual("nanoff --networkdeployment <wifi.json>", lines[0]);
            const string Prefix = "# <wifi.json> = ";
            StringAssert.StartsWith(lines[1], Prefix);
            WifiJson.AssertCredentials(lines[1].Substring(Prefix.Length), "COM3", "HomeNet", "***");
            sandbox.AssertNoCredentialFileLeft();
        }

        private static string[] Lines(string text) =>
            text.Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
