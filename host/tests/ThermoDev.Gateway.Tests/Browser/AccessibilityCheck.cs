using System;
using System.Collections.Generic;
using System.Linq;
using Deque.AxeCore.Commons;
using Newtonsoft.Json.Linq;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace ThermoDev.Gateway.Tests.Browser
{
    /// <summary>
    /// axe-core (the copy bundled in Deque.AxeCore.Commons, so nothing is fetched) run inside the page
    /// against the WCAG 2.1 A and AA rules and axe's best practices, in the light or the dark colour scheme.
    /// </summary>
    public static class AccessibilityCheck
    {
        private static readonly string[] Tags = { "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice" };

        /// <summary>
        /// Emulates <c>prefers-color-scheme: <paramref name="scheme"/></c> ("light" or "dark"), runs axe on
        /// the whole page and returns its result.
        /// </summary>
        public static AxeResult Run(ChromeDriver driver, string scheme)
        {
            driver.ExecuteCdpCommand("Emulation.setEmulatedMedia", new Dictionary<string, object?>
            {
                ["features"] = new[] { new Dictionary<string, object?> { ["name"] = "prefers-color-scheme", ["value"] = scheme } },
            });
            driver.ExecuteScript(new BundledAxeScriptProvider().GetScript());
            driver.Manage().Timeouts().AsynchronousJavaScript = TimeSpan.FromSeconds(60);
            string tags = string.Join(",", Tags.Select(t => "'" + t + "'"));
            object? json = driver.ExecuteAsyncScript(
                "const done = arguments[arguments.length - 1];" +
                $"axe.run(document, {{ runOnly: {{ type: 'tag', values: [{tags}] }} }})" +
                ".then(r => done(JSON.stringify(r)), e => done('axe failed: ' + e));");
            string text = json as string ?? string.Empty;
            if (!text.StartsWith('{'))
            {
                throw new WebDriverException(text.Length > 0 ? text : "axe returned nothing");
            }

            return new AxeResult(JObject.Parse(text));
        }

        /// <summary>The violations of impact serious or critical, one line each with the elements they name.</summary>
        public static IReadOnlyList<string> Serious(AxeResult result) =>
            result.Violations
                .Where(v => v.Impact == "serious" || v.Impact == "critical")
                .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}")
                .ToList();
    }
}
