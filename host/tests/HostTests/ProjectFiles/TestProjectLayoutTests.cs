using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Support;

namespace ThermoDev.HostTests.ProjectFiles
{
    /// <summary>
    /// The unit tests follow the code: tests/ holds one nanoFramework test project per library, two for Coap.Micro
    /// (each an NFUnitTest small enough for a board) and tests/Shared the helpers several of them link. Each is run on
    /// .NET by the MSTest project of the same name in host/tests and API-checked by host/apicheck/ApiCheck.(name):
    /// both must compile exactly what the nfproj compiles.
    /// </summary>
    [TestClass]
    public class TestProjectLayoutTests
    {
        private static readonly string[] TestProjectNames = { "Coap.Micro.Tests", "Coap.Micro.Extensions.Tests", "ThermoDev.Core.Tests", "Coap.Micro.Client.Tests", "Coap.Micro.Oscore.Tests", "ThermoDev.ResourceDirectory.Tests" };

        private static IEnumerable<object[]> TestProjects() => TestProjectNames.Select(n => new object[] { n });

        private static NfProject Nf(string name) => new NfProject(RepoPaths.Of($"tests/{name}/{name}.nfproj"));

        /// <summary>What the nfproj compiles, as full paths with forward slashes.</summary>
        private static List<string> NfCompiled(NfProject p) =>
            p.CompileItems.Select(c => Full(Path.Combine(p.Directory, c))).OrderBy(f => f, StringComparer.Ordinal).ToList();

        private static string Full(string path) => Path.GetFullPath(path).Replace('\\', '/');

        private static IEnumerable<string> SourcesUnder(string folder) => Directory
            .EnumerateFiles(RepoPaths.Of(folder), "*.cs", SearchOption.AllDirectories)
            .Select(Full)
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal));

        [TestMethod]
        public void TestsHoldsTheTestProjectsAndTheSharedHelpersOnly()
        {
            var folders = Directory.GetDirectories(RepoPaths.Of("tests")).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToList();
            CollectionAssert.AreEqual(TestProjectNames.Append("Shared").OrderBy(n => n, StringComparer.Ordinal).ToList(), folders);
            Assert.IsEmpty(Directory.GetFiles(RepoPaths.Of("tests")), "files at the top of tests/");
            Assert.IsEmpty(Directory.GetFiles(RepoPaths.Of("tests/Shared"), "*.*proj", SearchOption.AllDirectories), "tests/Shared is no project");
        }

        [TestMethod]
        [DynamicData(nameof(TestProjects))]
        public void TestProjectCompilesExactlyTheSourcesOfItsFolderAndItsLinks(string name)
        {
            NfProject p = Nf(name);
            var own = p.CompileItems.Where(c => !c.StartsWith("../", StringComparison.Ordinal)).OrderBy(c => c, StringComparer.Ordinal).ToList();
            CollectionAssert.AreEqual(p.SourceFilesOnDisk.OrderBy(c => c, StringComparer.Ordinal).ToList(), own, $"{name}.nfproj and the .cs files of its folder");
            var links = p.CompileItems.Where(c => c.StartsWith("../", StringComparison.Ordinal)).ToList();
            Assert.IsNotEmpty(links, $"{name} links no shared helper");
            foreach (string link in links)
            {
                Assert.IsTrue(link.StartsWith("../Shared/", StringComparison.Ordinal), $"{name} links {link}, which is not in tests/Shared");
                Assert.IsTrue(File.Exists(Path.Combine(p.Directory, link)), $"{name} links {link}, which does not exist");
            }

            Assert.AreEqual(links.Count, links.Distinct(StringComparer.Ordinal).Count(), $"{name} links a file twice");
        }

        [TestMethod]
        public void EverySharedHelperIsLinkedByMoreThanOneTestProject()
        {
            // A helper only one project uses lives in that project.
            foreach (string file in SourcesUnder("tests/Shared"))
            {
                var users = TestProjectNames.Where(n => NfCompiled(Nf(n)).Contains(file)).ToList();
                Assert.IsGreaterThan(1, users.Count, $"{file} is linked by {(users.Count == 0 ? "no test project" : users[0] + " only")}");
            }
        }

        [TestMethod]
        public void TestProjectsHaveTheSameRunSettingsAndPackages()
        {
            foreach (string file in new[] { "nano.runsettings", "packages.config" })
            {
                string first = File.ReadAllText(RepoPaths.Of($"tests/{TestProjectNames[0]}/{file}"));
                foreach (string name in TestProjectNames.Skip(1))
                {
                    string path = RepoPaths.Of($"tests/{name}/{file}");
                    Assert.IsTrue(File.Exists(path), $"{name} has no {file}");
                    Assert.AreEqual(first, File.ReadAllText(path), $"{name}/{file} differs from {TestProjectNames[0]}'s");
                }
            }
        }

        [TestMethod]
        public void TestProjectsHaveGuidsOfTheirOwn()
        {
            var guids = NfProject.All().Select(p => Guid.Parse(p.Property("ProjectGuid"))).ToList();
            Assert.AreEqual(guids.Count, guids.Distinct().Count(), "two nfprojs share a ProjectGuid");
        }

        [TestMethod]
        [DynamicData(nameof(TestProjects))]
        public void TheMSTestRunnerCompilesWhatTheTestProjectCompiles(string name)
        {
            // Properties/AssemblyInfo.cs is the nanoFramework build's; the .NET SDK generates the runner's own.
            var expected = NfCompiled(Nf(name)).Where(f => !f.EndsWith("/Properties/AssemblyInfo.cs", StringComparison.Ordinal)).ToList();
            var actual = new HostProject(RepoPaths.Of($"host/tests/{name}/{name}.csproj")).CompiledFiles.ToList();
            CollectionAssert.AreEqual(expected, actual, Difference(expected, actual));
        }

        [TestMethod]
        [DynamicData(nameof(TestProjects))]
        public void TheApiCheckCompilesWhatTheTestProjectCompiles(string name)
        {
            // Plus the TestFramework API it stands in for; the libraries under test are referenced, not compiled in.
            string framework = Full(RepoPaths.Of("host/tests/NanoTestFramework")) + "/";
            var expected = NfCompiled(Nf(name));
            var actual = new HostProject(RepoPaths.Of($"host/apicheck/ApiCheck.{name}/ApiCheck.{name}.csproj")).CompiledFiles
                .Where(f => !f.StartsWith(framework, StringComparison.Ordinal)).ToList();
            CollectionAssert.AreEqual(expected, actual, Difference(expected, actual));
        }

        [TestMethod]
        public void EveryTestSourceIsCompiledByExactlyOneMSTestRunner()
        {
            // The shared helpers are compiled by each runner whose nfproj links them; every other test source by one.
            var runners = Directory.GetFiles(RepoPaths.Of("host/tests"), "*.csproj", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .Select(f => new HostProject(f))
                .ToDictionary(p => Path.GetFileNameWithoutExtension(p.Path), p => p.CompiledFiles);
            string shared = Full(RepoPaths.Of("tests/Shared")) + "/";
            foreach (string file in SourcesUnder("tests").Where(f => !f.EndsWith("/Properties/AssemblyInfo.cs", StringComparison.Ordinal)))
            {
                var compiledBy = runners.Where(r => r.Value.Contains(file)).Select(r => r.Key).OrderBy(n => n, StringComparer.Ordinal).ToList();
                var expected = file.StartsWith(shared, StringComparison.Ordinal)
                    ? TestProjectNames.Where(n => NfCompiled(Nf(n)).Contains(file)).OrderBy(n => n, StringComparer.Ordinal).ToList()
                    : TestProjectNames.Where(n => file.StartsWith(Full(RepoPaths.Of("tests/" + n)) + "/", StringComparison.Ordinal)).ToList();
                CollectionAssert.AreEqual(expected, compiledBy, $"{file} is compiled by: {string.Join(", ", compiledBy)}");
            }
        }

        [TestMethod]
        public void EverySolutionProjectIsClosedAndConfigured()
        {
            // Visual Studio drops what follows an unclosed Project( entry; every project builds in every solution configuration.
            string[] lines = File.ReadAllLines(RepoPaths.Of("ThermoDev.sln"));
            var unclosed = UnclosedProjects(lines);
            Assert.IsEmpty(unclosed, "not closed by EndProject: " + string.Join("; ", unclosed));
            var projects = lines.Where(l => l.StartsWith("Project(", StringComparison.Ordinal))
                .Select(l => Regex.Match(l, "\"(?<guid>\\{[0-9A-Fa-f-]+\\})\"\\s*$").Groups["guid"].Value).ToList();
            Assert.IsFalse(projects.Any(string.IsNullOrEmpty), "a Project( line without a project GUID");
            var configurations = lines.SkipWhile(l => !l.Contains("GlobalSection(SolutionConfigurationPlatforms)", StringComparison.Ordinal)).Skip(1)
                .TakeWhile(l => !l.Contains("EndGlobalSection", StringComparison.Ordinal))
                .Select(l => l.Split('=')[0].Trim()).ToList();
            CollectionAssert.AreEquivalent(new[] { "Debug|Any CPU", "Release|Any CPU" }, configurations);
            var trimmed = lines.Select(l => l.Trim()).ToList();
            foreach (string guid in projects)
            {
                foreach (string configuration in configurations)
                {
                    foreach (string step in new[] { "ActiveCfg", "Build.0", "Deploy.0" })
                    {
                        CollectionAssert.Contains(trimmed, $"{guid}.{configuration}.{step} = {configuration}", $"{guid} {configuration} {step}");
                    }
                }
            }
        }

        [TestMethod]
        public void TheSolutionCheckFindsAProjectWithoutEndProject()
        {
            string[] lines =
            {
                "Project(\"{11A8DD76-328B-46DF-9F39-F559912D0360}\") = \"A\", \"A\\A.nfproj\", \"{CDD7CCF2-2F69-4B01-A587-45779DAAD376}\"",
                "EndProject",
                "Project(\"{11A8DD76-328B-46DF-9F39-F559912D0360}\") = \"B\", \"B\\B.nfproj\", \"{93C11131-13A2-4D10-941C-CE909B3F9031}\"",
                "Project(\"{11A8DD76-328B-46DF-9F39-F559912D0360}\") = \"C\", \"C\\C.nfproj\", \"{1587E10A-AEEE-4CA5-BC69-F5084AE6C517}\"",
                "EndProject",
                "Global",
            };

            CollectionAssert.AreEqual(new[] { lines[2] }, UnclosedProjects(lines));
        }

        /// <summary>The Project( lines of a solution that no EndProject closes before the next entry or Global.</summary>
        private static List<string> UnclosedProjects(string[] lines)
        {
            var unclosed = new List<string>();
            for (int i = 0; i < lines.Length; i++)
            {
                if (lines[i].StartsWith("Project(", StringComparison.Ordinal))
                {
                    int end = Array.FindIndex(lines, i + 1, l => l == "EndProject" || l.StartsWith("Project(", StringComparison.Ordinal) || l == "Global");
                    if (end < 0 || lines[end] != "EndProject")
                    {
                        unclosed.Add(lines[i]);
                    }
                }
            }

            return unclosed;
        }

        private static string Difference(IEnumerable<string> expected, IEnumerable<string> actual) =>
            "missing: " + string.Join(", ", expected.Except(actual)) + "; extra: " + string.Join(", ", actual.Except(expected));
    }
}
