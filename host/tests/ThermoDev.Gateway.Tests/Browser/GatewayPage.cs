using System;
using System.Collections.Generic;
using System.Drawing;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;

namespace ThermoDev.Gateway.Tests.Browser
{
    /// <summary>
    /// The gateway's page (wwwroot/index.html) as a test reads it: one card per device
    /// (<c>li[data-device=name]</c>) with its value, status, chart caption and form, and the connection state.
    /// Every wait is bounded; a wait that runs out fails the test with what the page showed.
    /// </summary>
    public sealed class GatewayPage
    {
        private readonly IWebDriver _driver;
        private readonly TimeSpan _timeout;

        /// <summary>Wraps <paramref name="driver"/>; waits last at most <paramref name="timeout"/>.</summary>
        public GatewayPage(IWebDriver driver, TimeSpan timeout)
        {
            _driver = driver;
            _timeout = timeout;
        }

        /// <summary>The connection state's text ("Live", "Reconnecting…").</summary>
        public string Connection => _driver.FindElement(By.Id("connection-text")).Text.Trim();

        /// <summary>The device names, in the order the page shows them.</summary>
        public IReadOnlyList<string> DeviceNames =>
            _driver.FindElements(By.CssSelector("#devices > li[data-device]")).Select(e => e.GetAttribute("data-device") ?? string.Empty).ToList();

        /// <summary>Opens the page at <paramref name="url"/>.</summary>
        public void Open(Uri url) => _driver.Navigate().GoToUrl(url);

        /// <summary>The card of device <paramref name="name"/>.</summary>
        public IWebElement Card(string name) => _driver.FindElement(By.CssSelector($"#devices > li[data-device='{name}']"));

        /// <summary>The large temperature as shown ("25.0").</summary>
        public string Value(string name) => Part(name, ".reading-value").Text.Trim();

        /// <summary>The status in words ("Online", "Offline", "Sensor failed").</summary>
        public string StatusText(string name) => Part(name, ".status-text").Text.Trim();

        /// <summary>The status as the gateway named it (the status element's data-status).</summary>
        public string Status(string name) => Part(name, ".status").GetAttribute("data-status") ?? string.Empty;

        /// <summary>The shapes the status icon shows (the class names of its visible parts, e.g. "shape-failed shape-failed-mark").</summary>
        public string StatusShape(string name) =>
            (string?)((IJavaScriptExecutor)_driver).ExecuteScript(
                "return [...arguments[0].querySelectorAll('.status-icon > *')].filter(e => getComputedStyle(e).display !== 'none').map(e => e.getAttribute('class')).join(' ');",
                Part(name, ".status")) ?? string.Empty;

        /// <summary>The chart's caption ("Last hour: min 25.0 °C, max 30.5 °C (2 readings)").</summary>
        public string ChartCaption(string name) => Part(name, ".chart-caption").Text.Trim();

        /// <summary>The number of readings the chart's caption counts, 0 when it has none yet.</summary>
        public int ChartReadings(string name)
        {
            string caption = ChartCaption(name);
            int open = caption.LastIndexOf('(');
            int space = open < 0 ? -1 : caption.IndexOf(' ', open);
            return space > open + 1 && int.TryParse(caption.AsSpan(open + 1, space - open - 1), out int count) ? count : 0;
        }

        /// <summary>The chart's line (its SVG path data), empty when there is none; read in one script, as every redraw replaces it.</summary>
        public string ChartLine(string name) =>
            (string?)((IJavaScriptExecutor)_driver).ExecuteScript(
                "const line = arguments[0].querySelector('.chart-svg path.line'); return line ? line.getAttribute('d') : '';",
                Card(name)) ?? string.Empty;

        /// <summary>The device's status line (firmware, uptime, sensor, Wi-Fi) when it is shown, else empty.</summary>
        public string DeviceInfo(string name)
        {
            IWebElement info = Part(name, ".device-info");
            return info.Displayed ? info.Text.Trim() : string.Empty;
        }

        /// <summary>True when the card shows its form to set the temperature.</summary>
        public bool HasForm(string name) => Part(name, ".set-form").Displayed;

        /// <summary>The read-only note's text when it is shown, else empty.</summary>
        public string ReadOnlyNote(string name)
        {
            IWebElement note = Part(name, ".read-only-note");
            return note.Displayed ? note.Text.Trim() : string.Empty;
        }

        /// <summary>The text of the form's live region (the device's answer or the error).</summary>
        public string Answer(string name) => Part(name, ".set-answer").Text.Trim();

        /// <summary>The label that names the form's input (found through the label's for attribute).</summary>
        public string InputLabel(string name)
        {
            IWebElement input = Part(name, ".set-input");
            string id = input.GetAttribute("id") ?? string.Empty;
            return _driver.FindElement(By.CssSelector($"label[for='{id}']")).Text.Trim();
        }

        /// <summary>Types <paramref name="text"/> into the device's form and presses its Set button.</summary>
        public void SetTemperature(string name, string text)
        {
            IWebElement input = Part(name, ".set-input");
            input.Clear();
            input.SendKeys(text);
            Part(name, ".set-button").Click();
        }

        /// <summary>Where the card of <paramref name="name"/> sits on the page.</summary>
        public Point Location(string name) => Card(name).Location;

        /// <summary>Runs <paramref name="script"/> in the page and returns its result.</summary>
        public object? Script(string script) => ((IJavaScriptExecutor)_driver).ExecuteScript(script);

        /// <summary>Waits until <paramref name="condition"/> holds; fails with <paramref name="what"/> and the page's text when it does not in time.</summary>
        public void WaitUntil(Func<bool> condition, string what)
        {
            var wait = new WebDriverWait(_driver, _timeout) { PollingInterval = TimeSpan.FromMilliseconds(100) };
            wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
            try
            {
                wait.Until(_ => condition());
            }
            catch (WebDriverTimeoutException)
            {
                Assert.Fail($"within {_timeout.TotalSeconds} s: {what}. The page showed:\n{Text()}");
            }
        }

        /// <summary>The visible text of the page, for messages.</summary>
        public string Text()
        {
            try
            {
                return _driver.FindElement(By.TagName("body")).Text;
            }
            catch (WebDriverException e)
            {
                return "(unreadable: " + e.Message + ")";
            }
        }

        /// <summary>Saves what the browser shows to <paramref name="path"/> as PNG.</summary>
        public void SaveScreenshot(string path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            ((ITakesScreenshot)_driver).GetScreenshot().SaveAsFile(path);
        }

        private IWebElement Part(string name, string selector) => Card(name).FindElement(By.CssSelector(selector));
    }
}
