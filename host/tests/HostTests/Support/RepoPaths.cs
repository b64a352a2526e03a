using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace ThermoDev.HostTests.Support
{
    /// <summary>Locations in the repository and in the build, for tests that read project files or build outputs.</summary>
    public static class RepoPaths
    {
        private static readonly Lazy<string> RootPath = new Lazy<string>(FindRoot);

        /// <summary>The repository's top folder (the one holding ThermoDev.sln).</summary>
        public static string Root => RootPath.Value;

        /// <summary>A path under the repository root, given with forward slashes.</summary>
        public static string Of(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

        /// <summary>The shared design notes beside the repository, or null when this clone has none beside it.</summary>
        public static string SharedFile(string name)
        {
            string path = Path.GetFullPath(Path.Combine(Root, "..", "shared", name));
            return File.Exists(path) ? path : null;
        }

        /// <summary>The build configuration these tests were built in (Debug or Release).</summary>
        public static string Configuration => Metadata("Configuration");

        /// <summary>The nanoFramework mscorlib.dll restored from NuGet (nanoFramework.CoreLibrary 1.17.11).</summary>
        public static string NanoMscorlib => Metadata("NanoMscorlib");

        /// <summary>An output of the nanoFramework API check, built before these tests.</summary>
        public static string ApiCheckOutput(string project, string assemblyFile) =>
            Of($"host/apicheck/{project}/bin/{Configuration}/net10.0/{assemblyFile}");

        private static string Metadata(string key) =>
            typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value;

        private static string FindRoot()
        {
            for (DirectoryInfo dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ThermoDev.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("ThermoDev.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
