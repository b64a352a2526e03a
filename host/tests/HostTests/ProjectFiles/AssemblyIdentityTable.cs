using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;

namespace ThermoDev.HostTests.ProjectFiles
{
    /// <summary>The identity an nfproj Reference must give for an assembly of a package.</summary>
    public sealed record AssemblyIdentity(string Assembly, string Version, string PublicKeyToken);

    /// <summary>
    /// The checked assembly identity of each nanoFramework package: package id and version ->
    /// assembly name, assembly version and public key token. Not always "package version + .0" with
    /// the nanoFramework token: the IoT.Device packages are 1.2.0.0, System.Threading 1.1.52 is
    /// 1.1.52.34401, UnitsNet has no strong name. Read from the shared device API notes when they are
    /// beside the repository; <see cref="Known"/> otherwise.
    /// </summary>
    public static class AssemblyIdentityTable
    {
        /// <summary>The token of every nanoFramework assembly (their repositories' key.snk).</summary>
        public const string NanoFrameworkToken = "c07d481e9758c731";

        /// <summary>The identities as checked (shared/device-apis.md), keyed by "id version".</summary>
        public static readonly IReadOnlyDictionary<string, AssemblyIdentity> Known = BuildKnown();

        /// <summary>Key of a package in the table.</summary>
        public static string Key(string id, string version) => id + " " + version;

        /// <summary>The notes' table when they are beside the repository, else <see cref="Known"/>.</summary>
        public static IReadOnlyDictionary<string, AssemblyIdentity> Current()
        {
            string notes = Support.RepoPaths.SharedFile("device-apis.md");
            return notes == null ? Known : ReadFromNotes(notes);
        }

        /// <summary>
        /// Rows "| id version | built from | Assembly, [Version=]a.b.c.d[, token ...|PublicKeyToken=null] |"
        /// of the notes' identity table. "{A,B}" in an id expands to one row per name and "&lt;Quantity&gt;"
        /// in the assembly name takes that name; bold marks are ignored.
        /// </summary>
        public static Dictionary<string, AssemblyIdentity> ReadFromNotes(string markdownPath)
        {
            var table = new Dictionary<string, AssemblyIdentity>();
            var row = new Regex(@"^\|\s*(?<id>[A-Za-z0-9_.{},]+)\s+(?<version>\d+\.\d+\.\d+)\s*\|[^|]*\|(?<identity>[^|]+)\|\s*$");
            foreach (string line in File.ReadLines(markdownPath))
            {
                Match m = row.Match(line);
                if (!m.Success)
                {
                    continue;
                }

                string identity = m.Groups["identity"].Value.Replace("*", string.Empty).Trim();
                Match parts = Regex.Match(identity, @"^(?<name>[^,\s]+)\s*,.*?(?<assemblyVersion>\d+\.\d+\.\d+\.\d+)");
                if (!parts.Success)
                {
                    continue;
                }

                string token = identity.Contains("PublicKeyToken=null") ? null : NanoFrameworkToken;
                string id = m.Groups["id"].Value;
                Match braces = Regex.Match(id, @"^(?<prefix>.*)\{(?<names>[^}]*)\}(?<suffix>.*)$");
                string[] names = braces.Success ? braces.Groups["names"].Value.Split(',') : new[] { string.Empty };
                foreach (string rawName in names)
                {
                    string name = rawName.Trim();
                    string packageId = braces.Success ? braces.Groups["prefix"].Value + name + braces.Groups["suffix"].Value : id;
                    string assembly = parts.Groups["name"].Value.Replace("<Quantity>", name);
                    table[Key(packageId, m.Groups["version"].Value)] = new AssemblyIdentity(assembly, parts.Groups["assemblyVersion"].Value, token);
                }
            }

            return table;
        }

        private static Dictionary<string, AssemblyIdentity> BuildKnown()
        {
            var table = new Dictionary<string, AssemblyIdentity>();
            void Add(string id, string version, string assembly, string assemblyVersion, string token = NanoFrameworkToken) =>
                table[Key(id, version)] = new AssemblyIdentity(assembly, assemblyVersion, token);

            Add("nanoFramework.CoreLibrary", "1.17.11", "mscorlib", "1.17.11.0");
            Add("nanoFramework.System.Net", "1.11.43", "System.Net", "1.11.43.0");
            Add("nanoFramework.System.Device.Wifi", "1.5.133", "System.Device.Wifi", "1.5.133.0");
            Add("nanoFramework.Hardware.Esp32", "1.6.34", "nanoFramework.Hardware.Esp32", "1.6.34.0");
            Add("nanoFramework.System.Device.I2c", "1.1.29", "System.Device.I2c", "1.1.29.0");
            Add("nanoFramework.Iot.Device.Bmxx80", "1.2.892", "Iot.Device.Bmxx80", "1.2.0.0");
            Add("nanoFramework.Iot.Device.Common.WeatherHelper", "1.2.891", "Iot.Device.Common.WeatherHelper", "1.2.0.0");
            Add("nanoFramework.System.Device.Model", "1.2.862", "System.Device.Model", "1.2.0.0");
            Add("nanoFramework.System.Buffers.Binary.BinaryPrimitives", "1.2.862", "System.Buffers.Binary.BinaryPrimitives", "1.2.0.0");
            Add("nanoFramework.System.Math", "1.5.116", "System.Math", "1.5.116.0");
            Add("nanoFramework.Runtime.Events", "1.11.32", "nanoFramework.Runtime.Events", "1.11.32.0");
            Add("nanoFramework.Runtime.Native", "1.7.11", "nanoFramework.Runtime.Native", "1.7.11.0");
            Add("nanoFramework.System.Text", "1.3.42", "nanoFramework.System.Text", "1.3.42.0");
            Add("nanoFramework.System.Threading", "1.1.52", "System.Threading", "1.1.52.34401");
            Add("nanoFramework.System.IO.Streams", "1.1.96", "System.IO.Streams", "1.1.96.0");
            foreach (string quantity in new[] { "Temperature", "Pressure", "Length", "RelativeHumidity", "Duration", "ElectricResistance" })
            {
                Add("UnitsNet.nanoFramework." + quantity, "5.75.0", "UnitsNet." + quantity, "5.75.0.0", token: null);
            }

            return table;
        }
    }
}
