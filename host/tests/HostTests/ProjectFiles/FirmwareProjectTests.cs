using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Support;

namespace ThermoDev.HostTests.ProjectFiles
{
    /// <summary>
    /// The firmware's Exe project: its output is the image the flash scripts deploy,
    /// ThermoDev/bin/Release/ThermoDev.bin (the nanoFramework build writes bin/&lt;Config&gt;/&lt;AssemblyName&gt;.bin).
    /// </summary>
    [TestClass]
    public class FirmwareProjectTests
    {
        private const string Project = "ThermoDev/ThermoDev.nfproj";

        [TestMethod]
        public void FirmwareIsTheOnlyExe()
        {
            NfProject p = new NfProject(RepoPaths.Of(Project));
            Assert.AreEqual("Exe", p.Property("OutputType"));
            Assert.AreEqual("ThermoDev", p.Property("AssemblyName"));
            Assert.AreEqual("ThermoDev", p.Property("RootNamespace"));
            var exes = NfProject.All().Where(x => x.Property("OutputType") == "Exe").Select(x => Path.GetFileName(x.Path)).ToList();
            CollectionAssert.AreEqual(new[] { "ThermoDev.nfproj" }, exes, "one Exe per solution: the firmware");
        }

        [TestMethod]
        public void FlashScriptsDeployWhatTheReleaseBuildWrites()
        {
            NfProject p = new NfProject(RepoPaths.Of(Project));
            string image = "ThermoDev/bin/Release/" + p.Property("AssemblyName") + ".bin";

            string bash = File.ReadAllText(RepoPaths.Of("nf-flash-scripts/thermodev-flash.sh"));
            Match sh = Regex.Match(bash, @"^image=""\$root/(?<path>[^""]+)""", RegexOptions.Multiline);
            Assert.IsTrue(sh.Success, "default image not found in thermodev-flash.sh");
            Assert.AreEqual(image, sh.Groups["path"].Value, "thermodev-flash.sh");

            string pwsh = File.ReadAllText(RepoPaths.Of("nf-flash-scripts/thermodev-flash.ps1"));
            Match ps = Regex.Match(pwsh, @"\$Image = Join-Path \$Root(?<parts>( '[^']+')+)");
            Assert.IsTrue(ps.Success, "default image not found in thermodev-flash.ps1");
            string psPath = string.Join("/", Regex.Matches(ps.Groups["parts"].Value, "'([^']+)'").Select(m => m.Groups[1].Value));
            Assert.AreEqual(image, psPath, "thermodev-flash.ps1");
        }

        [TestMethod]
        public void FirmwareHasTheEntryPoint()
        {
            string program = File.ReadAllText(RepoPaths.Of("ThermoDev/Program.cs"));
            StringAssert.Contains(program, "public static void Main()");
            CollectionAssert.Contains(new NfProject(RepoPaths.Of(Project)).CompileItems.ToList(), "Program.cs");
        }

        [TestMethod]
        public void TheVersionPrintedAtStartIsTheAssemblyVersion()
        {
            string program = File.ReadAllText(RepoPaths.Of("ThermoDev/Program.cs"));
            string info = File.ReadAllText(RepoPaths.Of("ThermoDev/Properties/AssemblyInfo.cs"));
            Match printed = Regex.Match(program, @"const string Version = ""(?<v>[^""]+)""");
            Match assembly = Regex.Match(info, @"\[assembly:\s*AssemblyVersion\(""(?<v>[^""]+)""\)\]");
            Assert.IsTrue(printed.Success && assembly.Success);
            Assert.AreEqual(assembly.Groups["v"].Value, printed.Groups["v"].Value);
        }

        [TestMethod]
        public void FirmwareReferencesTheLibrariesItRunsOn()
        {
            var references = new NfProject(RepoPaths.Of(Project)).ProjectReferences.ToList();
            CollectionAssert.AreEquivalent(
                new[] { "../Coap.Micro/Coap.Micro.nfproj", "../Coap.Micro.Client/Coap.Micro.Client.nfproj", "../Coap.Micro.Oscore/Coap.Micro.Oscore.nfproj", "../Coap.Micro.Udp/Coap.Micro.Udp.nfproj", "../ThermoDev.Core/ThermoDev.Core.nfproj", "../ThermoDev.ResourceDirectory/ThermoDev.ResourceDirectory.nfproj" },
                references);
        }
    }
}
