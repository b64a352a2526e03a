using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace ThermoDev.Gateway.Tests.Support
{
    /// <summary>The programs the tests start as processes, from the same build configuration as the tests.</summary>
    public static class BuildOutputs
    {
        /// <summary>The repository's top folder.</summary>
        public static string RepoRoot => Metadata("RepoRoot");

        /// <summary>Debug or Release.</summary>
        public static string Configuration => Metadata("Configuration");

        /// <summary>The PC build of ThermoDev (built before these tests).</summary>
        public static string PcAssembly => Output("ThermoDev.Pc");

        /// <summary>The gateway (built before these tests).</summary>
        public static string GatewayAssembly => Output("ThermoDev.Gateway");

        /// <summary>The fleet benchmark, host/tools/FleetScale (built before these tests).</summary>
        public static string FleetScaleAssembly =>
            Path.Combine(RepoRoot, "host", "tools", "FleetScale", "bin", Configuration, "net10.0", "FleetScale.dll");

        private static string Output(string project) =>
            Path.Combine(RepoRoot, "host", "apps", project, "bin", Configuration, "net10.0", project + ".dll");

        private static string Metadata(string key) =>
            typeof(BuildOutputs).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
            ?? throw new InvalidOperationException(key + " is not set");
    }
}
