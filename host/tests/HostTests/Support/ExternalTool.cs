using System;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ThermoDev.HostTests.Support
{
    /// <summary>
    /// Finds programs that tests drive (coap-client-notls, pwsh, shellcheck). On CI (CI=true) a missing
    /// program fails the test; elsewhere the test is reported inconclusive with the install hint.
    /// </summary>
    public static class ExternalTool
    {
        /// <summary>Full path of <paramref name="name"/> on PATH or in the .NET global tools folder.</summary>
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

        /// <summary>The program's path; fails (CI) or stops the test as inconclusive (elsewhere) when missing.</summary>
        public static string Require(string name, string installHint)
        {
            string found = Find(name);
            if (found != null)
            {
                return found;
            }

            Missing($"{name} is not installed ({installHint}).");
            return null;
        }

        /// <summary>
        /// <paramref name="path"/> when it exists; fails (CI) or stops the test as inconclusive (elsewhere)
        /// when it does not, for things a tool needs beside it (a package installed by .ci/run, say).
        /// </summary>
        public static string RequirePath(string path, string what, string installHint)
        {
            if (File.Exists(path) || Directory.Exists(path))
            {
                return path;
            }

            Missing($"{what} is not installed ({installHint}).");
            return null;
        }

        private static void Missing(string message)
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(message + " CI must install it: see .ci/run.");
            }

            Assert.Inconclusive(message);
        }
    }
}
