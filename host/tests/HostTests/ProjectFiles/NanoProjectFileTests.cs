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
    /// The nanoFramework build cannot run here, so its project files are checked by reading them:
    /// what a user opens in Visual Studio must build and test without edits.
    /// </summary>
    [TestClass]
    public class NanoProjectFileTests
    {
        private const string NfProjectType = "{11A8DD76-328B-46DF-9F39-F559912D0360}";

        private static IEnumerable<object[]> Projects() => NfProject.All().Select(p => new object[] { Path.GetRelativePath(RepoPaths.Root, p.Path) });

        private static IEnumerable<object[]> TestProjects() => NfProject.All().Where(p => p.Property("IsTestProject") == "true")
            .Select(p => new object[] { Path.GetRelativePath(RepoPaths.Root, p.Path) });

        [TestMethod]
        public void TheSolutionHoldsTheLibraryAndTheTestProject()
        {
            var names = NfProject.All().Select(p => Path.GetFileName(p.Path)).ToList();
            CollectionAssert.IsSubsetOf(
                new[] { "Coap.Micro.nfproj", "Coap.Micro.Client.nfproj", "Coap.Micro.Udp.nfproj", "ThermoDev.Core.nfproj", "ThermoDev.nfproj", "Coap.Micro.Tests.nfproj", "Coap.Micro.Extensions.Tests.nfproj", "ThermoDev.Core.Tests.nfproj", "Coap.Micro.Client.Tests.nfproj", "Coap.Micro.Oscore.nfproj", "Coap.Micro.Oscore.Tests.nfproj", "ThermoDev.ResourceDirectory.nfproj", "ThermoDev.ResourceDirectory.Tests.nfproj" },
                names);
        }

        [TestMethod]
        [DynamicData(nameof(Projects))]
        public void EveryCompileItemExists(string project)
        {
            NfProject p = new NfProject(RepoPaths.Of(project));
            foreach (string item in p.CompileItems)
            {
                Assert.IsFalse(item.Contains('*'), $"{project}: list files explicitly, not {item}");
                Assert.IsTrue(File.Exists(Path.Combine(p.Directory, item)), $"{project} lists {item}, which does not exist");
            }
        }

        [TestMethod]
        [DynamicData(nameof(Projects))]
        public void EverySourceInTheProjectFolderIsCompiled(string project)
        {
            NfProject p = new NfProject(RepoPaths.Of(project));
            var listed = new HashSet<string>(p.CompileItems, StringComparer.Ordinal);
            var missing = p.SourceFilesOnDisk.Where(f => !listed.Contains(f)).ToList();
            Assert.IsEmpty(missing, $"{project} does not list: {string.Join(", ", missing)}");
        }

        [TestMethod]
        [DynamicData(nameof(Projects))]
        public void ASourceOutsideTheProjectFolderIsALinkToASharedTestHelper(string project)
        {
            // Test helpers used by several test projects live in tests/Shared and are linked where they are (never copied).
            NfProject p = new NfProject(RepoPaths.Of(project));
            string shared = RepoPaths.Of("tests/Shared") + Path.DirectorySeparatorChar;
            foreach (var item in p.Items("Compile").Where(e => ((string)e.Attribute("Include")).StartsWith(@"..\", StringComparison.Ordinal)))
            {
                string include = (string)item.Attribute("Include");
                string file = Path.GetFullPath(Path.Combine(p.Directory, include.Replace('\\', '/')));
                Assert.IsTrue(file.StartsWith(shared, StringComparison.Ordinal), $"{project}: {include} is outside the project and outside tests/Shared");
                Assert.AreEqual("true", p.Property("IsTestProject"), $"{project} links {include}, but only test projects share helpers");
                string link = item.Elements().FirstOrDefault(e => e.Name.LocalName == "Link")?.Value;
                Assert.AreEqual(@"Shared\" + Path.GetRelativePath(shared, file).Replace('/', '\\'), link, $"{project}: the Link of {include}");
            }
        }

        [TestMethod]
        [DynamicData(nameof(Projects))]
        public void ProjectHasTheNanoFrameworkShape(string project)
        {
            NfProject p = new NfProject(RepoPaths.Of(project));
            Assert.AreEqual(@"$(MSBuildExtensionsPath)\nanoFramework\v1.0\", p.Property("NanoFrameworkProjectSystemPath"));
            Assert.AreEqual(NfProjectType + ";{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}", p.Property("ProjectTypeGuids"));
            Assert.AreEqual("v1.0", p.Property("TargetFrameworkVersion"));
            Assert.AreEqual("9.0", p.Property("LangVersion"));
            Assert.IsTrue(Guid.TryParse(p.Property("ProjectGuid"), out _), "ProjectGuid");
            var imports = p.Items("Import").Select(i => (string)i.Attribute("Project")).ToList();
            CollectionAssert.AreEqual(
                new[]
                {
                    "$(NanoFrameworkProjectSystemPath)NFProjectSystem.Default.props",
                    "$(NanoFrameworkProjectSystemPath)NFProjectSystem.props",
                    "$(NanoFrameworkProjectSystemPath)NFProjectSystem.CSharp.targets",
                },
                imports);
            Assert.IsNotNull(p.Items("ProjectConfigurationsDeclaredAsItems").FirstOrDefault(), "ProjectExtensions/ProjectCapabilities");
        }

        [TestMethod]
        [DynamicData(nameof(Projects))]
        public void ReferencesAgreeWithPackagesConfig(string project)
        {
            NfProject p = new NfProject(RepoPaths.Of(project));
            Assert.IsNotEmpty(p.Packages, $"{project}: packages.config missing or empty");
            foreach (NfPackage package in p.Packages)
            {
                Assert.AreEqual("netnano1.0", package.TargetFramework, package.Id);
            }

            var identities = AssemblyIdentityTable.Current();
            var packageVersions = p.Packages.ToDictionary(x => x.Id, x => x.Version);
            // The packages folder beside ThermoDev.sln, as many folders up as the project lies below it.
            string packages = Regex.Escape(Path.GetRelativePath(p.Directory, RepoPaths.Root).Replace('/', '\\') + @"\packages\");
            foreach (NfReference reference in p.References)
            {
                Match hint = Regex.Match(reference.HintPath ?? string.Empty, "^" + packages + @"(?<folder>[^\\]+)\\lib\\(?<file>[^\\]+)$");
                Assert.IsTrue(hint.Success, $"{project}: {reference.Name} HintPath {reference.HintPath}");
                string folder = hint.Groups["folder"].Value;
                string id = packageVersions.Keys.SingleOrDefault(k => folder == k + "." + packageVersions[k]);
                Assert.IsNotNull(id, $"{project}: {reference.Name} points into {folder}, which packages.config does not list at that version");
                string assemblyFile = hint.Groups["file"].Value;
                Assert.AreEqual(reference.Name, Path.GetFileNameWithoutExtension(assemblyFile), "Reference name and HintPath file");
                Assert.AreEqual("neutral", reference.Part("Culture"), $"{project}: culture of {reference.Name}");

                // The checked identity (shared/device-apis.md); a package it does not list follows the usual
                // nanoFramework rule: version = package version + ".0", the nanoFramework token.
                AssemblyIdentity expected;
                if (identities.TryGetValue(AssemblyIdentityTable.Key(id, packageVersions[id]), out expected))
                {
                    Assert.AreEqual(expected.Assembly, reference.Name, $"{project}: the assembly of {id}");
                }
                else
                {
                    Assert.IsFalse(identities.Keys.Any(k => k.StartsWith(id + " ", StringComparison.Ordinal)),
                        $"{project}: {id} {packageVersions[id]} is not the version whose assembly identity was checked");
                    expected = new AssemblyIdentity(reference.Name, packageVersions[id] + ".0", AssemblyIdentityTable.NanoFrameworkToken);
                }

                Assert.AreEqual(expected.PublicKeyToken ?? "null", reference.Part("PublicKeyToken"), $"{project}: public key token of {reference.Name}");
                if (assemblyFile.EndsWith(".dll", StringComparison.Ordinal))
                {
                    // The test framework's launcher (an .exe in the same package) has an assembly version of its own.
                    Assert.AreEqual(expected.Version, reference.Part("Version"), $"{project}: assembly version of {reference.Name}");
                }
            }

            // Every library package is referenced (the test framework's launcher is an .exe in the same package).
            foreach (NfPackage package in p.Packages)
            {
                Assert.IsTrue(p.References.Any(r => r.HintPath.Contains(@"\" + package.Id + "." + package.Version + @"\", StringComparison.Ordinal)),
                    $"{project}: package {package.Id} has no Reference");
            }
        }

        [TestMethod]
        [DynamicData(nameof(Projects))]
        public void PackageVersionsMatchThePlatformNotes(string project)
        {
            string notes = RepoPaths.SharedFile("nanoframework.md");
            if (notes == null)
            {
                Assert.Inconclusive("shared/nanoframework.md is not beside this clone");
            }

            Dictionary<string, string> table = PackageTable.ReadFromNotes(notes);
            Assert.IsTrue(table.ContainsKey("nanoFramework.CoreLibrary"), "package table not found in the notes");

            // The packages the notes name in prose only, with their checked versions (docs/device-packages.md);
            // none may contradict the notes' table.
            foreach (KeyValuePair<string, string> row in PackageTable.ReadFromNotes(RepoPaths.Of("docs/device-packages.md")))
            {
                Assert.IsFalse(table.ContainsKey(row.Key) && table[row.Key] != row.Value, $"docs/device-packages.md contradicts the notes on {row.Key}");
                table[row.Key] = row.Value;
            }

            NfProject p = new NfProject(RepoPaths.Of(project));
            foreach (NfPackage package in p.Packages)
            {
                Assert.IsTrue(table.ContainsKey(package.Id), $"{project}: {package.Id} is neither in the platform notes' package set nor in docs/device-packages.md");
                Assert.AreEqual(table[package.Id], package.Version, $"{project}: {package.Id}");
            }
        }

        [TestMethod]
        [DynamicData(nameof(Projects))]
        public void ProjectReferencesPointAtProjectsInTheSolution(string project)
        {
            NfProject p = new NfProject(RepoPaths.Of(project));
            foreach (string reference in p.ProjectReferences)
            {
                string target = Path.GetFullPath(Path.Combine(p.Directory, reference));
                Assert.IsTrue(File.Exists(target), $"{project} references {reference}");
                NfProject referenced = new NfProject(target);

                // A consumer lists the referenced library's packages too (nanoFramework does not flow them).
                foreach (NfPackage package in referenced.Packages)
                {
                    Assert.IsTrue(p.Packages.Any(x => x.Id == package.Id && x.Version == package.Version),
                        $"{project} must list {package.Id} {package.Version}, which {reference} uses");
                }
            }
        }

        [TestMethod]
        public void SolutionListsEveryProjectWithTheNanoFrameworkType()
        {
            string sln = File.ReadAllText(RepoPaths.Of("ThermoDev.sln"));
            var entries = Regex.Matches(sln, "Project\\(\"(?<type>[^\"]+)\"\\) = \"(?<name>[^\"]+)\", \"(?<path>[^\"]+)\", \"(?<guid>[^\"]+)\"")
                .ToDictionary(m => m.Groups["path"].Value.Replace('\\', '/'), m => m);
            foreach (NfProject p in NfProject.All())
            {
                string relative = Path.GetRelativePath(RepoPaths.Root, p.Path).Replace('\\', '/');
                Assert.IsTrue(entries.ContainsKey(relative), $"ThermoDev.sln does not list {relative}");
                Match entry = entries[relative];
                Assert.AreEqual(NfProjectType, entry.Groups["type"].Value, relative);
                Assert.AreEqual(p.Property("ProjectGuid").Trim('{', '}').ToUpperInvariant(), entry.Groups["guid"].Value.Trim('{', '}').ToUpperInvariant(), relative);
                StringAssert.Contains(sln, entry.Groups["guid"].Value + ".Debug|Any CPU.Build.0", relative);
            }

            Assert.AreEqual(NfProject.All().Count(), entries.Count, "ThermoDev.sln lists a project that does not exist");
        }

        [TestMethod]
        public void SolutionHasASolutionGuid()
        {
            // Visual Studio identifies the solution by it (ExtensibilityGlobals); without it, it writes one on first save.
            string sln = File.ReadAllText(RepoPaths.Of("ThermoDev.sln"));
            Match m = Regex.Match(sln, @"GlobalSection\(ExtensibilityGlobals\) = postSolution\s+SolutionGuid = \{(?<guid>[^}]+)\}\s+EndGlobalSection");
            Assert.IsTrue(m.Success, "ThermoDev.sln has no GlobalSection(ExtensibilityGlobals) with a SolutionGuid");
            Assert.IsTrue(Guid.TryParse(m.Groups["guid"].Value, out Guid guid) && guid != Guid.Empty, m.Groups["guid"].Value);
            foreach (NfProject p in NfProject.All())
            {
                Assert.AreNotEqual(Guid.Parse(p.Property("ProjectGuid")), guid, $"SolutionGuid equals the ProjectGuid of {p.Path}");
            }
        }

        [TestMethod]
        public void TheTestProjectsAreOnePerLibraryUnderTests()
        {
            // One NFUnitTest per library, two for Coap.Micro (RFC 7252's core; Observe, block-wise, discovery): a single
            // one holding every test is too big for a board, and each string table stays under 64 KB.
            CollectionAssert.AreEquivalent(
                new[] { "tests/Coap.Micro.Tests/Coap.Micro.Tests.nfproj", "tests/Coap.Micro.Extensions.Tests/Coap.Micro.Extensions.Tests.nfproj", "tests/ThermoDev.Core.Tests/ThermoDev.Core.Tests.nfproj", "tests/Coap.Micro.Client.Tests/Coap.Micro.Client.Tests.nfproj", "tests/Coap.Micro.Oscore.Tests/Coap.Micro.Oscore.Tests.nfproj", "tests/ThermoDev.ResourceDirectory.Tests/ThermoDev.ResourceDirectory.Tests.nfproj" },
                TestProjects().Select(row => ((string)row[0]).Replace('\\', '/')).ToList());
        }

        [TestMethod]
        [DynamicData(nameof(TestProjects))]
        public void TestProjectIsWhatTheNanoFrameworkTestAdapterNeeds(string project)
        {
            NfProject p = new NfProject(RepoPaths.Of(project));
            string packages = Path.GetRelativePath(p.Directory, RepoPaths.Root).Replace('/', '\\') + @"\packages\";
            Assert.AreEqual("NFUnitTest", p.Property("AssemblyName"));
            Assert.AreEqual("Library", p.Property("OutputType"));
            Assert.AreEqual("False", p.Property("IsCodedUITest"));
            Assert.AreEqual("true", p.Property("IsTestProject"));
            Assert.AreEqual("UnitTest", p.Property("TestProjectType"));
            Assert.AreEqual(@"$(MSBuildProjectDirectory)\nano.runsettings", p.Property("RunSettingsFilePath"));
            Assert.IsTrue(p.Items("ProjectCapability").Any(e => (string)e.Attribute("Include") == "TestContainer"));
            var hints = p.References.Select(r => r.HintPath).ToList();
            CollectionAssert.Contains(hints, packages + @"nanoFramework.TestFramework.3.0.77\lib\nanoFramework.TestFramework.dll");
            CollectionAssert.Contains(hints, packages + @"nanoFramework.TestFramework.3.0.77\lib\nanoFramework.UnitTestLauncher.exe");
            Assert.IsTrue(p.Packages.Single(x => x.Id == "nanoFramework.TestFramework").DevelopmentDependency);
            Assert.IsTrue(File.Exists(Path.Combine(p.Directory, "nano.runsettings")), $"{project}: no nano.runsettings");
            CollectionAssert.Contains(p.CompileItems.ToList(), "Properties/AssemblyInfo.cs");
        }

        [TestMethod]
        [DataRow("tests/Coap.Micro.Tests/Coap.Micro.Tests.nfproj", new[] { "../../Coap.Micro/Coap.Micro.nfproj" })]
        [DataRow("tests/Coap.Micro.Extensions.Tests/Coap.Micro.Extensions.Tests.nfproj", new[] { "../../Coap.Micro/Coap.Micro.nfproj" })]
        [DataRow("tests/ThermoDev.Core.Tests/ThermoDev.Core.Tests.nfproj", new[] { "../../Coap.Micro/Coap.Micro.nfproj", "../../ThermoDev.Core/ThermoDev.Core.nfproj" })]
        [DataRow("tests/Coap.Micro.Client.Tests/Coap.Micro.Client.Tests.nfproj", new[] { "../../Coap.Micro/Coap.Micro.nfproj", "../../Coap.Micro.Client/Coap.Micro.Client.nfproj" })]
        [DataRow("tests/Coap.Micro.Oscore.Tests/Coap.Micro.Oscore.Tests.nfproj", new[] { "../../Coap.Micro/Coap.Micro.nfproj", "../../Coap.Micro.Oscore/Coap.Micro.Oscore.nfproj" })]
        [DataRow("tests/ThermoDev.ResourceDirectory.Tests/ThermoDev.ResourceDirectory.Tests.nfproj", new[] { "../../Coap.Micro/Coap.Micro.nfproj", "../../Coap.Micro.Client/Coap.Micro.Client.nfproj", "../../ThermoDev.Core/ThermoDev.Core.nfproj", "../../ThermoDev.ResourceDirectory/ThermoDev.ResourceDirectory.nfproj" })]
        public void EachTestProjectReferencesWhatItTests(string project, string[] expected)
        {
            CollectionAssert.AreEquivalent(expected, new NfProject(RepoPaths.Of(project)).ProjectReferences.ToList());
        }

        [TestMethod]
        [DynamicData(nameof(TestProjects))]
        public void RunSettingsSelectTheEmulator(string project)
        {
            var doc = System.Xml.Linq.XDocument.Load(Path.Combine(new NfProject(RepoPaths.Of(project)).Directory, "nano.runsettings"));
            var config = doc.Root.Element("RunConfiguration");
            Assert.AreEqual("1", config.Element("MaxCpuCount").Value);
            Assert.AreEqual("net48", config.Element("TargetFrameworkVersion").Value);
            Assert.AreEqual("x64", config.Element("TargetPlatform").Value);
            Assert.IsTrue(int.Parse(config.Element("TestSessionTimeout").Value) > 0);
            var adapter = doc.Root.Element("nanoFrameworkAdapter");
            Assert.AreEqual("False", adapter.Element("IsRealHardware").Value);
            CollectionAssert.Contains(new[] { "None", "Detailed", "Verbose", "Error" }, adapter.Element("Logging").Value);
        }

        [TestMethod]
        public void CoapMicroDependsOnMscorlibOnly()
        {
            NfProject p = new NfProject(RepoPaths.Of("Coap.Micro/Coap.Micro.nfproj"));
            CollectionAssert.AreEqual(new[] { "mscorlib" }, p.References.Select(r => r.Name).ToList());
            CollectionAssert.AreEqual(new[] { "nanoFramework.CoreLibrary" }, p.Packages.Select(x => x.Id).ToList());
        }

        [TestMethod]
        public void CoapMicroClientDependsOnCoapMicroAndMscorlibOnly()
        {
            NfProject p = new NfProject(RepoPaths.Of("Coap.Micro.Client/Coap.Micro.Client.nfproj"));
            Assert.AreEqual("Library", p.Property("OutputType"));
            Assert.AreEqual("Coap.Micro.Client", p.Property("AssemblyName"));
            Assert.AreEqual("Coap.Micro", p.Property("RootNamespace"));
            CollectionAssert.AreEqual(new[] { "mscorlib" }, p.References.Select(r => r.Name).ToList());
            CollectionAssert.AreEqual(new[] { "nanoFramework.CoreLibrary" }, p.Packages.Select(x => x.Id).ToList());
            CollectionAssert.AreEqual(new[] { "../Coap.Micro/Coap.Micro.nfproj" }, p.ProjectReferences.ToList());
        }

        [TestMethod]
        public void CoapMicroOscoreDependsOnMscorlibAndCoapMicroOnly()
        {
            // OSCORE is an assembly of its own: a device that does not use it deploys none of it. It implements
            // Coap.Micro's ICoapMessageSecurity, so it references Coap.Micro, and nothing else.
            NfProject p = new NfProject(RepoPaths.Of("Coap.Micro.Oscore/Coap.Micro.Oscore.nfproj"));
            Assert.AreEqual("Library", p.Property("OutputType"));
            Assert.AreEqual("Coap.Micro.Oscore", p.Property("AssemblyName"));
            Assert.AreEqual("Coap.Micro.Oscore", p.Property("RootNamespace"));
            CollectionAssert.AreEqual(new[] { "mscorlib" }, p.References.Select(r => r.Name).ToList());
            CollectionAssert.AreEqual(new[] { "nanoFramework.CoreLibrary" }, p.Packages.Select(x => x.Id).ToList());
            CollectionAssert.AreEqual(new[] { "../Coap.Micro/Coap.Micro.nfproj" }, p.ProjectReferences.ToList());
        }

        [TestMethod]
        [DataRow("ThermoDev.Core/ThermoDev.Core.nfproj")]
        [DataRow("Coap.Micro.Udp/Coap.Micro.Udp.nfproj")]
        [DataRow("host/libraries/ThermoDev.Core/ThermoDev.Core.csproj")]
        [DataRow("host/apicheck/ApiCheck.ThermoDev.Core/ApiCheck.ThermoDev.Core.csproj")]
        public void TheServingLibrariesDoNotReferenceTheClient(string project)
        {
            // What serves (ThermoDev.Core, the UDP transport) has no client code: a firmware built on them that does
            // not register with a resource directory deploys none.
            Assert.IsFalse(File.ReadAllText(RepoPaths.Of(project)).Contains("Coap.Micro.Client", StringComparison.Ordinal), project);
        }

        [TestMethod]
        public void OnlyTheDirectoryRegistrationAndWhatUsesItReferenceTheClient()
        {
            // The client is deployed by a firmware that registers with a resource directory (RFC 9176), through
            // ThermoDev.ResourceDirectory: the ThermoDev firmware does (DeviceSettings.ResourceDirectory "none" turns it off at
            // run time; dropping the two references and the registration from Program.cs removes it from the image).
            var referencing = NfProject.All()
                .Where(p => p.ProjectReferences.Any(r => r.EndsWith("/Coap.Micro.Client.nfproj", StringComparison.Ordinal)))
                .Select(p => Path.GetRelativePath(RepoPaths.Root, p.Path).Replace('\\', '/'))
                .ToList();
            CollectionAssert.AreEquivalent(
                new[] { "ThermoDev.ResourceDirectory/ThermoDev.ResourceDirectory.nfproj", "ThermoDev/ThermoDev.nfproj", "tests/Coap.Micro.Client.Tests/Coap.Micro.Client.Tests.nfproj", "tests/ThermoDev.ResourceDirectory.Tests/ThermoDev.ResourceDirectory.Tests.nfproj" },
                referencing);
        }

        [TestMethod]
        public void ThermoDevDirectoryDependsOnTheClientThermoDevCoreAndMscorlibOnly()
        {
            NfProject p = new NfProject(RepoPaths.Of("ThermoDev.ResourceDirectory/ThermoDev.ResourceDirectory.nfproj"));
            Assert.AreEqual("Library", p.Property("OutputType"));
            Assert.AreEqual("ThermoDev.ResourceDirectory", p.Property("AssemblyName"));
            Assert.AreEqual("ThermoDev.ResourceDirectory", p.Property("RootNamespace"));
            CollectionAssert.AreEqual(new[] { "mscorlib" }, p.References.Select(r => r.Name).ToList());
            CollectionAssert.AreEqual(new[] { "nanoFramework.CoreLibrary" }, p.Packages.Select(x => x.Id).ToList());
            CollectionAssert.AreEqual(
                new[] { "../Coap.Micro/Coap.Micro.nfproj", "../Coap.Micro.Client/Coap.Micro.Client.nfproj", "../ThermoDev.Core/ThermoDev.Core.nfproj" },
                p.ProjectReferences.ToList());
        }

        [TestMethod]
        public void ThermoDevCoreDependsOnCoapMicroAndMscorlibOnly()
        {
            NfProject p = new NfProject(RepoPaths.Of("ThermoDev.Core/ThermoDev.Core.nfproj"));
            Assert.AreEqual("Library", p.Property("OutputType"));
            Assert.AreEqual("ThermoDev.Core", p.Property("AssemblyName"));
            CollectionAssert.AreEqual(new[] { "mscorlib" }, p.References.Select(r => r.Name).ToList());
            CollectionAssert.AreEqual(new[] { "nanoFramework.CoreLibrary" }, p.Packages.Select(x => x.Id).ToList());
            CollectionAssert.AreEqual(new[] { "../Coap.Micro/Coap.Micro.nfproj" }, p.ProjectReferences.ToList());
        }
    }
}
