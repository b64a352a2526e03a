using System;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Gateway.Tests.Support;

namespace ThermoDev.Gateway.Tests.Browser
{
    /// <summary>
    /// Where the browser tests put their screenshots: always the test's results folder (attached to the
    /// result), and the README's docs/gateway.png when THERMODEV_SCREENSHOT_DIR names a folder.
    /// </summary>
    public static class Screenshots
    {
        /// <summary>The environment variable that asks for the README's screenshot, and where to write it.</summary>
        public const string DirectoryVariable = "THERMODEV_SCREENSHOT_DIR";

        /// <summary>The folder THERMODEV_SCREENSHOT_DIR names (a relative one from the repository's top folder), or null when it is not set.</summary>
        public static string? RequestedDirectory
        {
            get
            {
                string? folder = Environment.GetEnvironmentVariable(DirectoryVariable);
                return string.IsNullOrWhiteSpace(folder) ? null : Path.GetFullPath(folder, BuildOutputs.RepoRoot);
            }
        }

        /// <summary>Saves the page as <paramref name="fileName"/> in the test's results folder and attaches it to the result.</summary>
        public static string SaveResult(GatewayPage page, TestContext context, string fileName)
        {
            string folder = context.TestResultsDirectory ?? Path.Combine(AppContext.BaseDirectory, "TestResults");
            string path = Path.Combine(folder, fileName);
            page.SaveScreenshot(path);
            Assert.IsTrue(new FileInfo(path).Length > 1000, $"{path} holds an image");
            context.AddResultFile(path);
            context.WriteLine($"screenshot: {path}");
            return path;
        }
    }
}
