using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Support;

namespace ThermoDev.HostTests.ProjectFiles
{
    /// <summary>
    /// nanoFramework projects do not resolve package dependencies: packages.config lists every package
    /// the assemblies need, transitive ones included, each with the assembly identity it really has.
    /// </summary>
    [TestClass]
    public class PackageClosureTests
    {
        private static IEnumerable<object[]> Projects() => NfProject.All().Select(p => new object[] { Path.GetRelativePath(RepoPaths.Root, p.Path) });

        [TestMethod]
        [DynamicData(nameof(Projects))]
        public void EveryDependencyOfEveryPackageIsListed(string project)
        {
            NfProject p = new NfProject(RepoPaths.Of(project));
            var listed = p.Packages.ToDictionary(x => x.Id, x => x.Version);
            foreach (NfPackage package in p.Packages)
            {
                Assert.IsTrue(PackageDependencies.Table.TryGetValue(PackageDependencies.Key(package.Id, package.Version), out var dependencies),
                    $"{project}: the nuspec dependencies of {package.Id} {package.Version} have not been checked (add them to PackageDependencies)");
                foreach (var dependency in dependencies)
                {
                    Assert.IsTrue(listed.ContainsKey(dependency.Key),
                        $"{project}: {package.Id} {package.Version} depends on {dependency.Key} {dependency.Value}, which packages.config does not list");
                    Assert.IsTrue(new Version(listed[dependency.Key]) >= new Version(dependency.Value),
                        $"{project}: {package.Id} needs {dependency.Key} {dependency.Value} or later, packages.config has {listed[dependency.Key]}");
                }
            }
        }

        [TestMethod]
        public void TheFirmwareListsExactlyTheClosureOfWhatItUses()
        {
            // The packages the firmware's own sources use (Wi-Fi, ESP32 pins and timer, the BMP280,
            // cancellation, free memory and reboot, the flash that keeps OSCORE's sequence number) and those of the projects it
            // references: with their dependencies, that is the whole of packages.config, nothing missing and nothing extra.
            NfProject p = new NfProject(RepoPaths.Of("ThermoDev/ThermoDev.nfproj"));
            var listed = p.Packages.ToDictionary(x => x.Id, x => x.Version);
            var closure = new SortedSet<string>(StringComparer.Ordinal);
            var pending = new Stack<string>(new[]
            {
                "nanoFramework.CoreLibrary", "nanoFramework.System.Device.Wifi", "nanoFramework.Hardware.Esp32",
                "nanoFramework.Iot.Device.Bmxx80", "nanoFramework.System.Threading", "nanoFramework.Runtime.Native",
                "nanoFramework.System.IO.FileSystem",
            });
            foreach (string reference in p.ProjectReferences)
            {
                string path = Path.GetFullPath(Path.Combine(p.Directory, reference));
                if (File.Exists(path))
                {
                    foreach (NfPackage package in new NfProject(path).Packages)
                    {
                        pending.Push(package.Id);
                    }
                }
            }

            while (pending.Count > 0)
            {
                string id = pending.Pop();
                if (!closure.Add(id))
                {
                    continue;
                }

                Assert.IsTrue(listed.ContainsKey(id), $"ThermoDev/packages.config does not list {id}");
                foreach (string dependency in PackageDependencies.Table[PackageDependencies.Key(id, listed[id])].Keys)
                {
                    pending.Push(dependency);
                }
            }

            CollectionAssert.AreEquivalent(closure.ToList(), listed.Keys.ToList(), "closure: " + string.Join(", ", closure));
        }

        [TestMethod]
        public void TheIdentityTableOfTheNotesAgreesWithTheKnownOne()
        {
            string notes = RepoPaths.SharedFile("device-apis.md");
            if (notes == null)
            {
                Assert.Inconclusive("shared/device-apis.md is not beside this clone");
            }

            var fromNotes = AssemblyIdentityTable.ReadFromNotes(notes);
            foreach (var known in AssemblyIdentityTable.Known)
            {
                Assert.IsTrue(fromNotes.ContainsKey(known.Key), $"the notes' identity table has no row for {known.Key}");
                Assert.AreEqual(known.Value, fromNotes[known.Key], known.Key);
            }

            Assert.HasCount(AssemblyIdentityTable.Known.Count, fromNotes, "rows: " + string.Join(", ", fromNotes.Keys));
        }

        [TestMethod]
        public void TheIdentityTableReaderTakesEveryRowForm()
        {
            string path = Path.GetTempFileName();
            try
            {
                File.WriteAllLines(path, new[]
                {
                    "| package (version) | built from | assembly identity |",
                    "|---|---|---|",
                    "| nanoFramework.CoreLibrary 1.17.11 | NuGet | mscorlib, Version=1.17.11.0, token c07d481e9758c731 |",
                    "| nanoFramework.Iot.Device.Bmxx80 1.2.892 | IoT.Device @ 0fe5448 | Iot.Device.Bmxx80, **1.2.0.0** |",
                    "| UnitsNet.nanoFramework.{Temperature,Pressure} 5.75.0 | UnitsNet | UnitsNet.<Quantity>, 5.75.0.0, **PublicKeyToken=null** |",
                });
                var table = AssemblyIdentityTable.ReadFromNotes(path);
                Assert.HasCount(4, table);
                Assert.AreEqual(new AssemblyIdentity("mscorlib", "1.17.11.0", AssemblyIdentityTable.NanoFrameworkToken), table["nanoFramework.CoreLibrary 1.17.11"]);
                Assert.AreEqual(new AssemblyIdentity("Iot.Device.Bmxx80", "1.2.0.0", AssemblyIdentityTable.NanoFrameworkToken), table["nanoFramework.Iot.Device.Bmxx80 1.2.892"]);
                Assert.AreEqual(new AssemblyIdentity("UnitsNet.Pressure", "5.75.0.0", null), table["UnitsNet.nanoFramework.Pressure 5.75.0"]);
            }
            finally
            {
                File.Delete(path);
            }
        }
    }
}
