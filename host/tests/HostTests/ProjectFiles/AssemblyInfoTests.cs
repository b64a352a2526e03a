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
    /// Every nanoFramework assembly carries a real version (nanoff --devicedetails shows them):
    /// Properties/AssemblyInfo.cs, compiled by its nfproj.
    /// </summary>
    [TestClass]
    public class AssemblyInfoTests
    {
        // Compiled against the nanoFramework mscorlib by host/ApiCheck.Coap.Micro.
        private const string ApiCheckedAssemblyInfo = "Coap.Micro/Properties/AssemblyInfo.cs";

        private static IEnumerable<object[]> Projects() => NfProject.All().Select(p => new object[] { Path.GetRelativePath(RepoPaths.Root, p.Path) });

        [TestMethod]
        [DynamicData(nameof(Projects))]
        public void ProjectCompilesAssemblyInfoWithARealVersion(string project)
        {
            NfProject p = new NfProject(RepoPaths.Of(project));
            CollectionAssert.Contains(p.CompileItems.ToList(), "Properties/AssemblyInfo.cs", $"{project} does not compile Properties/AssemblyInfo.cs");
            string text = File.ReadAllText(Path.Combine(p.Directory, "Properties", "AssemblyInfo.cs"));
            string version = Attribute(text, "AssemblyVersion");
            string fileVersion = Attribute(text, "AssemblyFileVersion");
            Assert.IsNotNull(version, $"{project}: no AssemblyVersion");
            Assert.IsTrue(Version.TryParse(version, out Version parsed) && parsed.Revision >= 0, $"{project}: AssemblyVersion {version} is not a four-part version");
            Assert.AreNotEqual(new Version(0, 0, 0, 0), parsed, $"{project}: AssemblyVersion is 0.0.0.0");
            Assert.AreEqual(version, fileVersion, $"{project}: AssemblyFileVersion differs from AssemblyVersion");
            Assert.IsFalse(string.IsNullOrEmpty(Attribute(text, "AssemblyTitle")), $"{project}: no AssemblyTitle");
            Assert.AreEqual("ThermoDev", Attribute(text, "AssemblyProduct"), $"{project}: AssemblyProduct");
        }

        [TestMethod]
        [DynamicData(nameof(Projects))]
        public void AssemblyInfoUsesOnlyTheApiCheckedAttributes(string project)
        {
            // One AssemblyInfo.cs is compiled against the nanoFramework mscorlib; the others use the same attributes.
            var checkedAttributes = Attributes(File.ReadAllText(RepoPaths.Of(ApiCheckedAssemblyInfo)));
            NfProject p = new NfProject(RepoPaths.Of(project));
            var used = Attributes(File.ReadAllText(Path.Combine(p.Directory, "Properties", "AssemblyInfo.cs")));
            CollectionAssert.IsSubsetOf(used, checkedAttributes, $"{project}: an attribute not in {ApiCheckedAssemblyInfo}");
        }

        private static string Attribute(string text, string name)
        {
            Match m = Regex.Match(text, @"\[assembly:\s*" + name + @"\(""(?<value>[^""]*)""\)\]");
            return m.Success ? m.Groups["value"].Value : null;
        }

        private static List<string> Attributes(string text) =>
            Regex.Matches(text, @"\[assembly:\s*(?<name>\w+)\(").Select(m => m.Groups["name"].Value).ToList();
    }
}
