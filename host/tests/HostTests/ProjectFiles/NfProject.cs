using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace ThermoDev.HostTests.ProjectFiles
{
    /// <summary>A nanoFramework project (.nfproj) and its packages.config, read as XML.</summary>
    public sealed class NfProject
    {
        private static readonly XNamespace Msbuild = "http://schemas.microsoft.com/developer/msbuild/2003";

        public NfProject(string path)
        {
            Path = path;
            Directory = System.IO.Path.GetDirectoryName(path);
            Xml = XDocument.Load(path);
            string config = System.IO.Path.Combine(Directory, "packages.config");
            Packages = File.Exists(config)
                ? XDocument.Load(config).Root.Elements("package").Select(p => new NfPackage(
                    (string)p.Attribute("id"), (string)p.Attribute("version"), (string)p.Attribute("targetFramework"),
                    (string)p.Attribute("developmentDependency") == "true")).ToList()
                : new List<NfPackage>();
        }

        public string Path { get; }

        public string Directory { get; }

        public XDocument Xml { get; }

        public IReadOnlyList<NfPackage> Packages { get; }

        public string Property(string name) => Xml.Descendants(Msbuild + name).Select(e => e.Value).FirstOrDefault();

        public IEnumerable<XElement> Items(string kind) => Xml.Descendants(Msbuild + kind);

        /// <summary>Compile items as paths relative to the project folder, with forward slashes.</summary>
        public IEnumerable<string> CompileItems => Items("Compile").Select(e => ((string)e.Attribute("Include")).Replace('\\', '/'));

        public IEnumerable<NfReference> References => Items("Reference").Select(e => new NfReference(
            (string)e.Attribute("Include"), e.Element(Msbuild + "HintPath")?.Value));

        public IEnumerable<string> ProjectReferences => Items("ProjectReference").Select(e => ((string)e.Attribute("Include")).Replace('\\', '/'));

        /// <summary>
        /// Every .cs file under the project folder, relative, forward slashes: bin and obj excluded, and any
        /// folder below that holds a project of its own (a nested test project).
        /// </summary>
        public IEnumerable<string> SourceFilesOnDisk
        {
            get
            {
                var nested = System.IO.Directory.EnumerateFiles(Directory, "*.nfproj", SearchOption.AllDirectories)
                    .Select(f => System.IO.Path.GetDirectoryName(f))
                    .Where(d => d != Directory)
                    .Select(d => System.IO.Path.GetRelativePath(Directory, d).Replace('\\', '/') + "/")
                    .ToList();
                return System.IO.Directory
                    .EnumerateFiles(Directory, "*.cs", SearchOption.AllDirectories)
                    .Select(f => System.IO.Path.GetRelativePath(Directory, f).Replace('\\', '/'))
                    .Where(f => !f.StartsWith("bin/", StringComparison.Ordinal) && !f.StartsWith("obj/", StringComparison.Ordinal))
                    .Where(f => !nested.Any(n => f.StartsWith(n, StringComparison.Ordinal)));
            }
        }

        public static IEnumerable<NfProject> All() => System.IO.Directory
            .EnumerateFiles(Support.RepoPaths.Root, "*.nfproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{System.IO.Path.DirectorySeparatorChar}bin{System.IO.Path.DirectorySeparatorChar}"))
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => new NfProject(p));
    }

    public sealed record NfPackage(string Id, string Version, string TargetFramework, bool DevelopmentDependency);

    /// <summary>A Reference item: "Name, Version=..., Culture=..., PublicKeyToken=..." plus its HintPath.</summary>
    public sealed record NfReference(string Include, string HintPath)
    {
        public string Name => Include.Split(',')[0].Trim();

        public string Part(string key) => Include.Split(',').Skip(1).Select(p => p.Trim())
            .Where(p => p.StartsWith(key + "=", StringComparison.Ordinal)).Select(p => p.Substring(key.Length + 1)).FirstOrDefault();
    }
}
