using System;
using System.Diagnostics;
using System.IO;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Gateway.Tests.Mqtt;
using ThermoDev.Gateway.Tests.Support;

namespace ThermoDev.Gateway.Tests.Load
{
    /// <summary>
    /// The fleet benchmark (host/tools/FleetScale) at a tiny scale, so it keeps working: 8 devices in one PC
    /// process registering with the gateway's Resource Directory, mosquitto, a 5 s window with a change per
    /// device every 2 s. It must end by itself with every device online and every change seen on SSE and
    /// on MQTT. Its latency and CPU figures are printed, not checked.
    /// </summary>
    [TestClass]
    [DoNotParallelize]
    public sealed class FleetScaleSmokeTests
    {
        private static readonly TimeSpan RunBound = TimeSpan.FromSeconds(150);

        /// <summary>Test output.</summary>
        public TestContext TestContext { get; set; } = null!;

        /// <summary>Eight devices, a 5 s window: complete, nothing lost.</summary>
        [TestMethod]
        public void EightDevicesAllOnlineAndNoReadingLost()
        {
            string mosquitto = File.Exists(MqttBroker.DebianPath) ? MqttBroker.DebianPath : MqttBroker.ExternalToolMosquitto();
            string table = Path.Combine(Path.GetTempPath(), "fleetscale-" + Guid.NewGuid().ToString("N") + ".md");
            var info = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string argument in new[]
            {
                BuildOutputs.FleetScaleAssembly, "--devices", "8", "--window", "5", "--change-period", "2", "--sample-interval", "1",
                "--grace", "5", "--online-timeout", "60", "--mosquitto", mosquitto, "--markdown", table,
                "--gateway-dll", BuildOutputs.GatewayAssembly, "--pc-dll", BuildOutputs.PcAssembly,
            })
            {
                info.ArgumentList.Add(argument);
            }

            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            try
            {
                if (!process.WaitForExit(RunBound))
                {
                    // The tool stops its own children on SIGTERM; this is the bound in case it hangs.
                    process.Kill(entireProcessTree: true);
                    Assert.Fail($"fleetscale did not end within {RunBound.TotalSeconds} s:\n{output.Result}\n{errors.Result}");
                }

                string text = output.Result + errors.Result;
                TestContext.WriteLine(text);
                Assert.AreEqual(0, process.ExitCode, text);
                string markdown = File.ReadAllText(table);
                StringAssert.Contains(markdown, "| online at the end | 8 of 8 |");
                int made = int.Parse(Regex.Match(markdown, @"\| changes made \(ACKed\) \| (\d+) ").Groups[1].Value);
                Assert.IsGreaterThan(0, made, markdown);
                StringAssert.Contains(markdown, $"| seen on SSE (lost) | {made} (0);");
                StringAssert.Contains(markdown, $"| seen on MQTT (lost) | {made} (0) |");
            }
            finally
            {
                File.Delete(table);
            }
        }
    }
}
