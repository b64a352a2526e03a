using System;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using OpenQA.Selenium.Chrome;
using ThermoDev.TestSupport;

namespace ThermoDev.Gateway.Tests.Browser
{
    /// <summary>
    /// Headless Chromium as the distribution packages it (Debian: <c>chromium</c> and <c>chromium-driver</c>),
    /// driven through its own chromedriver. Selenium gets both paths, so it never looks for, or downloads,
    /// a browser or a driver. A missing program skips the test with the install hint (<see cref="ExternalTool"/>), or fails
    /// it on CI (CI=true), where .ci/run installs both.
    /// </summary>
    public static class Chromium
    {
        private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

        /// <summary>The browser's path (on PATH as <c>chromium</c>), or an inconclusive (CI: failed) test.</summary>
        public static string Browser => Require("chromium");

        /// <summary>The driver's path (on PATH as <c>chromedriver</c>), or an inconclusive (CI: failed) test.</summary>
        public static string Driver => Require("chromedriver");

        /// <summary>Starts a headless browser whose window is <paramref name="width"/> x <paramref name="height"/> CSS pixels.</summary>
        public static ChromeDriver Start(int width, int height)
        {
            string browser = Browser;
            string driver = Driver;
            ChromeDriverService service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(driver)!, Path.GetFileName(driver));
            service.SuppressInitialDiagnosticInformation = true;
            service.HideCommandPromptWindow = true;

            var options = new ChromeOptions { BinaryLocation = browser };
            options.AddArguments(
                "--headless=new",
                "--no-sandbox",               // CI containers run as root, where the sandbox cannot start
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--hide-scrollbars",
                "--lang=en-US",
                $"--window-size={width},{height}");
            try
            {
                return new ChromeDriver(service, options, CommandTimeout);
            }
            catch
            {
                service.Dispose();
                throw;
            }
        }

        private static string Require(string name) => ExternalTool.Require(name);
    }
}
