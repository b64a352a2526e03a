using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using OpenQA.Selenium.Chrome;
using ThermoDev.Gateway.Demo;
using ThermoDev.Gateway.Tests.Support;
using ThermoDev.Simulation;

namespace ThermoDev.Gateway.Tests.Browser
{
    /// <summary>
    /// The demo (three simulated devices drifting in-process, as --demo starts them) in headless Chromium:
    /// a grid on a desktop, one column on a phone, every value and chart moving through /events, and each
    /// card's status line from the device's /status.
    /// This test also makes the README's screenshot: with THERMODEV_SCREENSHOT_DIR set it first lets the
    /// gateway collect THERMODEV_SCREENSHOT_SECONDS (default 60) of history, then writes gateway.png there.
    /// </summary>
    [TestClass]
    public sealed class DemoPageTests
    {
        private static readonly string[] Names = { "kitchen", "living-room", "bedroom" };
        private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

        /// <summary>Set by MSTest.</summary>
        public TestContext TestContext { get; set; } = null!;

        /// <summary>
        /// Three cards in the demo's order, side by side at 1280 px and one above the other at 390 px,
        /// each online with a value, and each chart drawn from several readings that came while the page was open.
        /// </summary>
        [TestMethod]
        public async Task TheDemosDevicesShowLiveOnADesktopAndOnAPhone()
        {
            _ = Chromium.Browser;
            _ = Chromium.Driver;
            string? readmeFolder = Screenshots.RequestedDirectory;
            using DemoFleet demo = DemoFleet.Start(Names.Length, 0);
            await using GatewayApp gateway = await PageGateway.StartAsync(demo.Devices);
            if (readmeFolder != null)
            {
                TimeSpan history = HistoryForReadme();
                TestContext.WriteLine($"collecting {history.TotalSeconds} s of history for the README's screenshot");
                await Task.Delay(history, TestContext.CancellationToken);
            }

            // The gateway polls each device's /status at start; the page reads it when it opens.
            Assert.IsTrue(await Eventually.TrueAsync(() => Names.All(n => gateway.Core.Devices.Find(n)!.PolledStatus.Polls > 0), TimeSpan.FromSeconds(10)), "the first /status polls");
            using ChromeDriver driver = Chromium.Start(1280, 800);
            try
            {
                var page = new GatewayPage(driver, Wait);
                page.Open(gateway.BaseAddress);
                page.WaitUntil(() => page.DeviceNames.SequenceEqual(Names), "the demo's three devices in order");
                page.WaitUntil(() => page.Connection == "Live", "the connection state 'Live'");
                foreach (string name in Names)
                {
                    page.WaitUntil(() => page.Status(name) == "online" && Regex.IsMatch(page.Value(name), @"^-?\d+\.\d$"), $"{name} online with a value");
                    Assert.AreEqual("Online", page.StatusText(name));
                    page.WaitUntil(() => page.DeviceInfo(name).Length > 0, $"{name}'s status line");
                    StringAssert.Matches(page.DeviceInfo(name), new Regex(
                        "^Firmware " + Regex.Escape(ProcessFacts.ProgramVersion) + @" · up \d+ (s|min) · sensor simulated, 0 failures in a row · Wi-Fi reconnects 0$"));
                }

                // The drift moves every device about once a second: readings keep arriving without a reload.
                int[] first = Names.Select(page.ChartReadings).ToArray();
                page.WaitUntil(() => Names.Select(page.ChartReadings).Zip(first, (now, then) => now >= then + 3).All(more => more), "three more readings in every chart");
                foreach (string name in Names)
                {
                    StringAssert.StartsWith(page.ChartLine(name), "M", $"{name}'s chart has a line");
                }

                // A desktop: one row of three cards, left to right.
                Assert.AreEqual(1, Names.Select(n => page.Location(n).Y).Distinct().Count(), "one row on a desktop");
                Assert.IsTrue(Names.Select(n => page.Location(n).X).Zip(Names.Skip(1).Select(n => page.Location(n).X), (a, b) => a < b).All(x => x), "left to right");
                Screenshots.SaveResult(page, TestContext, "gateway-demo-desktop.png");
                if (readmeFolder != null)
                {
                    string path = Path.Combine(readmeFolder, "gateway.png");
                    page.SaveScreenshot(path);
                    TestContext.WriteLine($"README screenshot: {path}");
                }

                // A phone: one column, top to bottom.
                driver.Manage().Window.Size = new System.Drawing.Size(390, 844);
                page.WaitUntil(() => Names.Select(n => page.Location(n).X).Distinct().Count() == 1, "one column on a phone");
                Assert.IsTrue(Names.Select(n => page.Location(n).Y).Zip(Names.Skip(1).Select(n => page.Location(n).Y), (a, b) => a < b).All(x => x), "top to bottom");
                Screenshots.SaveResult(page, TestContext, "gateway-demo-phone.png");
            }
            finally
            {
                driver.Quit();
            }
        }

        private static TimeSpan HistoryForReadme()
        {
            string? text = Environment.GetEnvironmentVariable("THERMODEV_SCREENSHOT_SECONDS");
            int seconds = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) ? Math.Clamp(parsed, 0, 3600) : 60;
            return TimeSpan.FromSeconds(seconds);
        }
    }
}
