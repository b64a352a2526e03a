using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Deque.AxeCore.Commons;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Interactions;
using ThermoDev.Gateway.Devices;
using ThermoDev.Gateway.Tests.Support;

namespace ThermoDev.Gateway.Tests.Browser
{
    /// <summary>
    /// The page in headless Chromium, against one PC-build device (a process at 25.0 °C, no drift) behind
    /// two in-process gateways: one that lets the page write and one started with --read-only. The device
    /// and the gateways are shared by the tests of this class (they run one after another) and stopped
    /// at its end; each test has its own browser.
    /// </summary>
    [TestClass]
    public sealed class DevicePageTests
    {
        private const string Name = "thermo";
        private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
        private static readonly SemaphoreSlim StartGate = new SemaphoreSlim(1, 1);
        private static PcDevice? device;
        private static GatewayApp? writable;
        private static GatewayApp? readOnly;

        /// <summary>Set by MSTest.</summary>
        public TestContext TestContext { get; set; } = null!;

        /// <summary>Stops the gateways, then the device.</summary>
        [ClassCleanup]
        public static async Task StopAsync()
        {
            if (writable != null)
            {
                await writable.DisposeAsync();
            }

            if (readOnly != null)
            {
                await readOnly.DisposeAsync();
            }

            device?.Dispose();
        }

        /// <summary>
        /// The page shows the device's 25.0; 30.5 typed into its form and sent with the Set button comes back
        /// through /events (the page is not reloaded and fetches nothing else), with the device's answer in
        /// the form's live region, the status still online and both readings in the chart.
        /// </summary>
        [TestMethod]
        public async Task TheFormSetsTheDeviceAndTheNewValueArrivesThroughEvents()
        {
            GatewayApp gateway = (await StartAsync()).Writable;
            using ChromeDriver driver = Chromium.Start(1024, 800);
            try
            {
                var page = new GatewayPage(driver, Wait);
                page.Open(gateway.BaseAddress);
                page.WaitUntil(() => page.Value(Name) == "25.0", "the device's 25.0 on the page");
                Assert.AreEqual("Online", page.StatusText(Name));
                Assert.AreEqual("online", page.Status(Name));
                page.WaitUntil(() => page.Connection == "Live", "the connection state 'Live'");
                Assert.AreEqual("Set temperature (°C)", page.InputLabel(Name), "the input has its label");

                RecordFetches(page);

                page.SetTemperature(Name, "30.5");
                page.WaitUntil(() => page.Answer(Name) == "Temperature set to 30.5°C", "the device's answer in the form's live region");
                page.WaitUntil(() => page.Value(Name) == "30.5", "30.5 through /events");

                Assert.AreEqual("not reloaded", page.Script("return window.thermoDevMarker;"), "the page was not reloaded");
                CollectionAssert.AreEqual(new[] { $"api/devices/{Name}/temp" }, Fetches(page), "the PUT is the only request: the value came through /events");
                Assert.AreEqual("Online", page.StatusText(Name));
                Assert.AreEqual("Live", page.Connection);
                page.WaitUntil(() => page.ChartCaption(Name).Contains("max 30.5 °C", StringComparison.Ordinal), "30.5 in the chart");
                Assert.IsGreaterThanOrEqualTo(2, page.ChartReadings(Name), page.ChartCaption(Name));
                StringAssert.Contains(page.ChartCaption(Name), "min 25.0 °C");
                Screenshots.SaveResult(page, TestContext, "gateway-page-set.png");
            }
            finally
            {
                driver.Quit();
            }
        }

        /// <summary>
        /// axe-core finds no serious or critical WCAG 2.1 A/AA or best-practice violation, in the light and the
        /// dark colour scheme; and the form works from the keyboard alone (Tab to the input, type, Enter).
        /// </summary>
        [TestMethod]
        public async Task ThePageIsAccessibleAndItsFormWorksFromTheKeyboard()
        {
            GatewayApp gateway = (await StartAsync()).Writable;
            using ChromeDriver driver = Chromium.Start(1024, 800);
            try
            {
                var page = new GatewayPage(driver, Wait);
                page.Open(gateway.BaseAddress);
                page.WaitUntil(() => Regex.IsMatch(page.Value(Name), @"^\d+\.\d$"), "a value on the page");
                page.WaitUntil(() => page.Connection == "Live", "the connection state 'Live'");
                page.WaitUntil(() => page.ChartReadings(Name) > 0, "the chart drawn");

                foreach (string scheme in new[] { "light", "dark" })
                {
                    AxeResult result = AccessibilityCheck.Run(driver, scheme);
                    TestContext.WriteLine($"axe {result.TestEngine.Version} ({scheme}): {result.Passes.Length} rules passed, {result.Violations.Length} violated, {result.Incomplete.Length} to review");
                    IReadOnlyList<string> serious = AccessibilityCheck.Serious(result);
                    Assert.IsEmpty(serious, $"{scheme}: " + string.Join("\n", serious));
                    Assert.IsNotEmpty(result.Passes, "axe ran its rules");
                    Screenshots.SaveResult(page, TestContext, $"gateway-page-{scheme}.png");
                }

                // The form's input is the first thing Tab reaches; Enter in it submits the form.
                driver.FindElement(By.TagName("body")).Click();
                new Actions(driver).SendKeys(Keys.Tab).Perform();
                Assert.AreEqual("set-input", driver.SwitchTo().ActiveElement().GetAttribute("class"), "Tab reaches the input");
                new Actions(driver).SendKeys("25.0" + Keys.Enter).Perform();
                page.WaitUntil(() => page.Answer(Name) == "Temperature set to 25.0°C", "the device's answer to a form sent with Enter");
                page.WaitUntil(() => page.Value(Name) == "25.0", "25.0 on the page");
            }
            finally
            {
                driver.Quit();
            }
        }

        /// <summary>
        /// A device that refuses writes (ThermoDev.Pc --allow-writes none): the form's live region shows the
        /// HTTP status and the device's diagnostic, and the value stays as it was.
        /// </summary>
        [TestMethod]
        public async Task ARefusedWriteShowsTheDevicesReason()
        {
            _ = Chromium.Browser;
            _ = Chromium.Driver;
            using PcDevice locked = PcDevice.Start("--temperature", "25.0", "--drift", "0", "--quiet", "--allow-writes", "none");
            await using GatewayApp gateway = await PageGateway.StartAsync(new[] { PageGateway.Device("locked", locked.Uri) });
            using ChromeDriver driver = Chromium.Start(1024, 800);
            try
            {
                var page = new GatewayPage(driver, Wait);
                page.Open(gateway.BaseAddress);
                page.WaitUntil(() => page.Value("locked") == "25.0", "the device's 25.0 on the page");
                Assert.IsTrue(page.HasForm("locked"), "the gateway lets the page write; the device decides");

                page.SetTemperature("locked", "30.5");
                page.WaitUntil(() => page.Answer("locked").StartsWith("Not set (HTTP 403)", StringComparison.Ordinal), "the refusal in the form's live region");
                StringAssert.Contains(page.Answer("locked"), "writes not allowed");
                Assert.AreEqual("error", Part(driver, "locked", ".set-answer").GetAttribute("data-outcome"), "shown as an error (with its sign, not colour alone)");
                Assert.AreEqual("25.0", page.Value("locked"));
                Screenshots.SaveResult(page, TestContext, "gateway-page-refused.png");
            }
            finally
            {
                driver.Quit();
            }
        }

        /// <summary>A read-only gateway's page shows the reading and says why there is no form instead of showing one.</summary>
        [TestMethod]
        public async Task AReadOnlyGatewaysPageShowsNoForm()
        {
            GatewayApp gateway = (await StartAsync()).ReadOnly;
            using ChromeDriver driver = Chromium.Start(1024, 800);
            try
            {
                var page = new GatewayPage(driver, Wait);
                page.Open(gateway.BaseAddress);
                page.WaitUntil(() => Regex.IsMatch(page.Value(Name), @"^\d+\.\d$"), "a value on the page");
                Assert.AreEqual("Online", page.StatusText(Name));
                Assert.IsFalse(page.HasForm(Name), "no form on a read-only gateway");
                StringAssert.StartsWith(page.ReadOnlyNote(Name), "Read-only");
            }
            finally
            {
                driver.Quit();
            }
        }

        /// <summary>
        /// When its gateway stops, the page says "Reconnecting…"; when a gateway serves again at the same
        /// address, the browser's own EventSource reconnects, the page says "Live" again without a reload
        /// and reads the devices once more (a restarted gateway numbers its events afresh).
        /// </summary>
        [TestMethod]
        public async Task TheConnectionStateFollowsTheGateway()
        {
            await StartAsync();
            DeviceAddress address = PageGateway.Device(Name, device!.Uri);
            GatewayApp first = await PageGateway.StartAsync(new[] { address });
            Uri url = first.BaseAddress;
            using ChromeDriver driver = Chromium.Start(1024, 800);
            try
            {
                var page = new GatewayPage(driver, Wait);
                page.Open(url);
                page.WaitUntil(() => page.Connection == "Live", "the connection state 'Live'");
                RecordFetches(page);

                await first.DisposeAsync();
                page.WaitUntil(() => page.Connection == "Reconnecting…", "'Reconnecting…' once the gateway has stopped");

                GatewayApp second;
                try
                {
                    second = await PageGateway.StartAsync(new[] { address }, urls: url.ToString().TrimEnd('/'));
                }
                catch (IOException e)
                {
                    Assert.Inconclusive($"the port of the stopped gateway was taken in between: {e.Message}");
                    return;
                }

                await using (second)
                {
                    page.WaitUntil(() => page.Connection == "Live", "'Live' again once a gateway serves at the same address");
                    Assert.AreEqual("not reloaded", page.Script("return window.thermoDevMarker;"), "the page was not reloaded");
                    page.WaitUntil(() => Fetches(page).Contains("api/devices"), "the devices read once more after the break");
                    Assert.AreEqual("Online", page.StatusText(Name));
                }
            }
            finally
            {
                driver.Quit();
                await first.DisposeAsync();
            }
        }

        private static IWebElement Part(IWebDriver driver, string name, string selector) =>
            driver.FindElement(By.CssSelector($"#devices > li[data-device='{name}'] {selector}"));

        // Sets a marker that a reload would drop, and records every fetch from now on when it is made.
        private static void RecordFetches(GatewayPage page) =>
            page.Script("window.thermoDevMarker = 'not reloaded';"
                + "window.thermoDevFetches = [];"
                + "const pageFetch = window.fetch;"
                + "window.fetch = (resource, init) => { window.thermoDevFetches.push(String(resource)); return pageFetch(resource, init); };");

        // The resources the page has fetched since RecordFetches.
        private static List<string> Fetches(GatewayPage page) =>
            ((IEnumerable<object>)page.Script("return window.thermoDevFetches;")!).Select(o => (string)o).ToList();

        // Chromium first (a missing one makes the test inconclusive before anything starts), then the device and gateways once.
        private static async Task<(GatewayApp Writable, GatewayApp ReadOnly)> StartAsync()
        {
            _ = Chromium.Browser;
            _ = Chromium.Driver;
            await StartGate.WaitAsync();
            try
            {
                if (device == null)
                {
                    device = PcDevice.Start("--temperature", "25.0", "--drift", "0", "--quiet");
                    var devices = new[] { PageGateway.Device(Name, device.Uri) };
                    writable = await PageGateway.StartAsync(devices);
                    readOnly = await PageGateway.StartAsync(devices, readOnly: true);
                }

                return (writable!, readOnly!);
            }
            finally
            {
                StartGate.Release();
            }
        }
    }
}
