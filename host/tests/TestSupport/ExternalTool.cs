using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ThermoDev.TestSupport
{
    /// <summary>
    /// The programs (and packages) tests drive that are no part of the .NET build, each with how to install
    /// it. On CI (CI=true) a missing one fails the test; elsewhere the test is skipped (inconclusive) with
    /// the reason "needs NAME: HINT", which `dotnet test` prints beside the skipped test.
    /// </summary>
    public static class ExternalTool
    {
        /// <summary>The name a reason starts with for node's coap package (a folder, not a program).</summary>
        public const string NodeCoapPackage = "node's coap package";

        /// <summary>How to install each external tool a test requires, by its name.</summary>
        public static readonly IReadOnlyDictionary<string, string> InstallHints = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["coap-client-notls"] = "apt-get install libcoap3-bin",
            ["coap-server-notls"] = "apt-get install libcoap3-bin",
            ["coap-rd-notls"] = "apt-get install libcoap3-bin",
            ["pwsh"] = "dotnet tool install --global PowerShell --version 7.6.9",
            ["bash"] = "apt-get install bash",
            ["shellcheck"] = "apt-get install shellcheck",
            ["ip"] = "apt-get install iproute2",
            ["node"] = "apt-get install nodejs npm",
            [NodeCoapPackage] = "npm ci --prefix host/tests/HostTests/EndToEnd/node",
            ["chromium"] = "apt-get install chromium chromium-driver",
            ["chromedriver"] = "apt-get install chromium chromium-driver",
            ["mono"] = "apt-get install mono-devel",
            ["mcs"] = "apt-get install mono-devel",
        };

        /// <summary>Full path of <paramref name="name"/> on PATH or in the .NET global tools folder, or null.</summary>
        public static string Find(string name)
        {
            string path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
            string home = Environment.GetEnvironmentVariable("HOME") ?? string.Empty;
            string dotnetTools = Path.Combine(home, ".dotnet", "tools");
            foreach (string dir in (path + Path.PathSeparator + dotnetTools).Split(Path.PathSeparator))
            {
                if (dir.Length == 0)
                {
                    continue;
                }

                string candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }

        /// <summary>The program's path; fails (CI) or skips the test (elsewhere) with its install hint when missing.</summary>
        public static string Require(string name)
        {
            _ = HintFor(name);   // a name without a hint fails even where the tool is installed
            return Find(name) ?? Missing(name);
        }

        /// <summary>
        /// <paramref name="path"/> when it exists; fails (CI) or skips the test (elsewhere) when it does not,
        /// for something a tool needs beside it (<see cref="NodeCoapPackage"/>, installed by .ci/run).
        /// </summary>
        public static string RequirePath(string path, string name)
        {
            _ = HintFor(name);   // a name without a hint fails even where the tool is installed
            return File.Exists(path) || Directory.Exists(path) ? path : Missing(name);
        }

        /// <summary>"needs coap-client-notls: apt-get install libcoap3-bin".</summary>
        public static string Reason(string name) => $"needs {name}: {HintFor(name)}";

        private static string HintFor(string name) =>
            InstallHints.TryGetValue(name, out string hint)
                ? hint
                : throw new ArgumentException($"{name} has no install hint: add it to {nameof(ExternalTool)}.{nameof(InstallHints)}", nameof(name));

        private static string Missing(string name)
        {
            string reason = Reason(name);
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(reason + " (CI must install it: see .ci/run)");
            }

            Assert.Inconclusive(reason);
            return null;
        }
    }
}
