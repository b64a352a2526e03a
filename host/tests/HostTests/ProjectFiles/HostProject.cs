using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ThermoDev.HostTests.ProjectFiles
{
    /// <summary>
    /// A .NET project of the host build (.csproj), read as XML: the files its Compile items name, with
    /// $(RepoRoot), "*" and "**" expanded and Exclude applied, as full paths. Enough for the project files
    /// of this repository (EnableDefaultCompileItems is false in every project that compiles portable sources).
    /// </summary>
    public sealed class HostProject
    {
        public HostProject(string path)
        {
            Path = path;
            Directory = System.IO.Path.GetDirectoryName(path);
            Xml = XDocument.Load(path);
        }

        public string Path { get; }

        public string Directory { get; }

        public XDocument Xml { get; }

        /// <summary>Every file a Compile item includes and does not exclude, as a full path.</summary>
        public IReadOnlyCollection<string> CompiledFiles
        {
            get
            {
                var files = new SortedSet<string>(StringComparer.Ordinal);
                foreach (XElement item in Xml.Descendants("Compile"))
                {
                    var excluded = new HashSet<string>(Split((string)item.Attribute("Exclude")).SelectMany(Expand), StringComparer.Ordinal);
                    foreach (string file in Split((string)item.Attribute("Include")).SelectMany(Expand))
                    {
                        if (!excluded.Contains(file))
                        {
                            files.Add(file);
                        }
                    }
                }

                return files;
            }
        }

        private static IEnumerable<string> Split(string value) =>
            (value ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        private IEnumerable<string> Expand(string pattern)
        {
            string path = pattern.Replace("$(RepoRoot)", Support.RepoPaths.Root, StringComparison.Ordinal).Replace('\\', '/');
            string full = System.IO.Path.GetFullPath(System.IO.Path.Combine(Directory, path)).Replace('\\', '/');
            int wildcard = full.IndexOf('*');
            if (wildcard < 0)
            {
                return File.Exists(full) ? new[] { full } : Array.Empty<string>();
            }

            string baseDirectory = full.Substring(0, full.LastIndexOf('/', wildcard));
            if (!System.IO.Directory.Exists(baseDirectory))
            {
                return Array.Empty<string>();
            }

            var regex = new Regex("^" + Regex.Escape(full).Replace(@"\*\*/", "(?:.*/)?").Replace(@"\*", "[^/]*") + "$");
            return System.IO.Directory.EnumerateFiles(baseDirectory, "*", SearchOption.AllDirectories)
                .Select(f => f.Replace('\\', '/'))
                .Where(f => regex.IsMatch(f));
        }
    }
}
