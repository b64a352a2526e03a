using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ThermoDev.HostTests.FlashScripts
{
    /// <summary>The nanoff (and dotnet) command lines each command of both flash scripts runs.</summary>
    [TestClass]
    public sealed class FlashScriptCommandTests
    {
        private const string Port = "/dev/ttyUSB0";
        private const string Password = "Pw-7f3c!k9";

        [TestMethod]
        [DataRow("bash")]
        [DataRow("pwsh")]
        public void PortsListsTheSerialPorts(string shell)
        {
            using var sandbox = new FlashScriptSandbox(shell);
            ScriptRun run = sandbox.Run(new[] { "ports" });

            Assert.AreEqual(0, run.ExitCode, run.Describe());
            CollectionAssert.AreEqual(new[] { "nanoff --listports" }, run.Calls.ToArray(), run.Describe());
        }

        [TestMethod]
        [DataRow("bash")]
        [DataRow("pwsh")]
        public void TargetsListsTheEsp32Targets(string shell)
        {
            using var sandbox = new FlashScriptSandbox(shell);
            ScriptRun run = sandbox.Run(new[] { "targets" });

            Assert.AreEqual(0, run.ExitCode, run.Describe());
            CollectionAssert.AreEqual(new[] { "nanoff --listtargets --platform esp32" }, run.Calls.ToArray(), run.Describe());
        }

        [TestMethod]
        [DataRow("bash")]
        [DataRow("pwsh")]
        public void FirmwareFlashesTheDefaultTarget(string shell)
        {
            using var sandbox = new FlashScriptSandbox(shell);
            ScriptRun run = sandbox.Run(new[] { "firmware", "--port", Port });

            Assert.AreEqual(0, run.ExitCode, run.Describe());
            CollectionAssert.AreEqual(
                new[] { "nanoff --update --target ESP32_PSRAM_REV0 --serialport /dev/ttyUSB0" }, run.Calls.ToArray(), run.Describe());
        }

        [TestMethod]
        [DataRow("bash")]
        [DataRow("pwsh")]
        public void FirmwareTakesTheTargetAndMassErase(string shell)
        {
            using var sandbox = new FlashScriptSandbox(shell);
            ScriptRun run = sandbox.Run(new[] { "firmware", "--port", "COM3", "--target", "ESP32_REV0", "--masserase" });

            Assert.AreEqual(0, run.ExitCode, run.Describe());
            CollectionAssert.AreEqual(
                new[] { "nanoff --update --target ESP32_REV0 --serialport COM3 --masserase" }, run.Calls.ToArray(), run.Describe());
        }

        [TestMethod]
        [DataRow("bash")]
        [DataRow("pwsh")]
        public void DeployUploadsTheGivenImage(string shell)
        {
            using var sandbox = new FlashScriptSandbox(shell);
            string image = sandbox.CreateImage();
            ScriptRun run = sandbox.Run(new[] { "deploy", "--port", Port, "--image", image });

            Assert.AreEqual(0, run.ExitCode, run.Describe());
            CollectionAssert.AreEqual(
                new[] { $"nanoff --nanodevice --deploy --serialport {Port} --image {image}" }, run.Calls.ToArray(), run.Describe());
        }

        [TestMethod]
        [DataRow("bash")]
        [DataRow("pwsh")]
        public void DeployDefaultsToTheReleaseImageOfTheRepository(string shell)
        {
            using var sandbox = new FlashScriptSandbox(shell);
            string repo = sandbox.UseCopiedScript();
            string image = sandbox.CreateImage("repo/ThermoDev/bin/Release/ThermoDev.bin");
            Assert.AreEqual(Path.Combine(repo, "ThermoDev", "bin", "Release", "ThermoDev.bin"), image);

            ScriptRun run = sandbox.Run(new[] { "deploy", "--port", Port });

            Assert.AreEqual(0, run.ExitCode, run.Describe());
            CollectionAssert.AreEqual(
                new[] { $"nanoff --nanodevice --deploy --serialport {Port} --image {image}" }, run.Calls.ToArray(), run.Describe());
        }

        [TestMethod]
        [DataRow("bash")]
        [DataRow("pwsh")]
        public void AllRunsFirmwareThenWifiThenDeploy(string shell)
        {
            using var sandbox = new FlashScriptSandbox(shell);
            string image = sandbox.CreateImage();
            ScriptRun run = sandbox.Run(
                new[] { "all", "--port", Port, "--ssid", "HomeNet", "--image", image, "--masserase" }, Password);

            Assert.AreEqual(0, run.ExitCode, run.Describe());
            Assert.HasCount(3, run.Calls, run.Describe());
            Assert.AreEqual("nanoff --update --target ESP32_PSRAM_REV0 --serialport /dev/ttyUSB0 --masserase", run.Calls[0]);
            StringAssert.StartsWith(run.Calls[1], "nanoff --networkdeployment " + sandbox.TempDir + Path.DirectorySeparatorChar);
            Assert.AreEqual($"nanoff --nanodevice --deploy --serialport {Port} --image {image}", run.Calls[2]);
            WifiJson.AssertCredentials(run.NetworkJson[1], Port, "HomeNet", Password);
            sandbox.AssertNoCredentialFileLeft();
        }

        [TestMethod]
        [DataRow("bash", 0, 3)]
        [DataRow("bash", 1, 4)]
        [DataRow("bash", 2, 5)]
        [DataRow("pwsh", 0, 3)]
        [DataRow("pwsh", 1, 4)]
        [DataRow("pwsh", 2, 5)]
        public void AllStopsAtTheFirstFailureWithItsExitCode(string shell, int failingCall, int exitCode)
        {
            using var sandbox = new FlashScriptSandbox(shell);
            string image = sandbox.CreateImage();
            string[] codes = { "0", "0", "0" };
            codes[failingCall] = exitCode.ToString(System.Globalization.CultureInfo.InvariantCulture);

            ScriptRun run = sandbox.Run(
                new[] { "all", "--port", Port, "--ssid", "HomeNet", "--image", image }, Password, string.Join(" ", codes));

            Assert.AreEqual(exitCode, run.ExitCode, run.Describe());
            Assert.HasCount(failingCall + 1, run.Calls, run.Describe());
            string[] steps = { "nanoff --update ", "nanoff --networkdeployment ", "nanoff --nanodevice --deploy " };
            for (int i = 0; i <= failingCall; i++)
            {
                StringAssert.StartsWith(run.Calls[i], steps[i]);
            }

            sandbox.AssertNoCredentialFileLeft();
        }

        [TestMethod]
        [DataRow("bash", "ports")]
        [DataRow("bash", "firmware")]
        [DataRow("bash", "deploy")]
        [DataRow("pwsh", "ports")]
        [DataRow("pwsh", "firmware")]
        [DataRow("pwsh", "deploy")]
        public void ACommandEndsWithNanoffsExitCode(string shell, string command)
        {
            using var sandbox = new FlashScriptSandbox(shell);
            string image = sandbox.CreateImage();
            ScriptRun run = sandbox.Run(new[] { command, "--port", Port, "--image", image }, exitCodes: "42");

            Assert.AreEqual(42, run.ExitCode, run.Describe());
            Assert.HasCount(1, run.Calls, run.Describe());
        }

        [TestMethod]
        [DataRow("bash")]
        [DataRow("pwsh")]
        public void ToolsLeavesAnInstalledNanoffAlone(string shell)
        {
            using var sandbox = new FlashScriptSandbox(shell);
            ScriptRun run = sandbox.Run(new[] { "tools" });

            Assert.AreEqual(0, run.ExitCode, run.Describe());
            Assert.IsEmpty(run.Calls, run.Describe());
            StringAssert.Contains(run.StdOut, "nanoff is installed");
        }

        [TestMethod]
        [DataRow("bash")]
        [DataRow("pwsh")]
        public void ToolsUpdatesNanoffWhenAsked(string shell)
        {
            using var sandbox = new FlashScriptSandbox(shell);
            ScriptRun run = sandbox.Run(new[] { "tools", "--update" });

            Assert.AreEqual(0, run.ExitCode, run.Describe());
            CollectionAssert.AreEqual(new[] { "dotnet tool update -g nanoff --version 2.5.162 --allow-downgrade" }, run.Calls.ToArray(), run.Describe());
        }

        [TestMethod]
        [DataRow("bash")]
        [DataRow("pwsh")]
        public void ToolsInstallsAMissingNanoff(string shell)
        {
            using var sandbox = new FlashScriptSandbox(shell);
            ScriptRun run = sandbox.Run(new[] { "tools" }, withoutNanoff: true);

            Assert.AreEqual(0, run.ExitCode, run.Describe());
            CollectionAssert.AreEqual(new[] { "dotnet tool install -g nanoff --version 2.5.162" }, run.Calls.ToArray(), run.Describe());
        }

        [TestMethod]
        [DataRow("bash")]
        [DataRow("pwsh")]
        public void AMissingNanoffIsReported(string shell)
        {
            using var sandbox = new FlashScriptSandbox(shell);
            ScriptRun run = sandbox.Run(new[] { "firmware", "--port", Port }, withoutNanoff: true);

            Assert.AreEqual(127, run.ExitCode, run.Describe());
            Assert.IsEmpty(run.Calls, run.Describe());
            StringAssert.Contains(run.StdErr, "tools");
        }

        [TestMethod]
        [DataRow("bash", "--help")]
        [DataRow("bash", "-h")]
        [DataRow("pwsh", "--help")]
        public void HelpPrintsTheUsage(string shell, string option)
        {
            using var sandbox = new FlashScriptSandbox(shell);
            ScriptRun run = sandbox.Run(new[] { option });

            Assert.AreEqual(0, run.ExitCode, run.Describe());
            Assert.IsEmpty(run.Calls, run.Describe());
            StringAssert.StartsWith(run.StdOut, "Usage: " + sandbox.ScriptName);
            foreach (string command in new[] { "tools", "ports", "targets", "firmware", "wifi", "deploy", "all" })
            {
                StringAssert.Contains(run.StdOut, "\n  " + command + " ");
            }

            StringAssert.Contains(run.StdOut, FlashScriptSandbox.PasswordVariable);
        }
    }
}
