using System.Collections.Generic;

namespace ThermoDev.HostTests.ProjectFiles
{
    /// <summary>
    /// The dependencies each nanoFramework package declares in its nuspec (id -> minimum version),
    /// read in the package's sources at the tag or commit its version was built from. nanoFramework
    /// projects do not resolve dependencies: packages.config must list every one of them.
    /// </summary>
    public static class PackageDependencies
    {
        private const string CoreLibrary = "nanoFramework.CoreLibrary";
        private const string RuntimeEvents = "nanoFramework.Runtime.Events";
        private const string SystemText = "nanoFramework.System.Text";
        private const string SystemMath = "nanoFramework.System.Math";

        /// <summary>Package id and version -> its nuspec dependencies, id -> minimum version.</summary>
        public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Table = Build();

        /// <summary>The key of a package version in <see cref="Table"/>.</summary>
        public static string Key(string id, string version) => id + " " + version;

        private static Dictionary<string, IReadOnlyDictionary<string, string>> Build()
        {
            var table = new Dictionary<string, IReadOnlyDictionary<string, string>>();
            void Add(string id, string version, params string[] idVersionPairs)
            {
                var dependencies = new Dictionary<string, string>();
                for (int i = 0; i < idVersionPairs.Length; i += 2)
                {
                    dependencies[idVersionPairs[i]] = idVersionPairs[i + 1];
                }

                table[Key(id, version)] = dependencies;
            }

            // nanoframework/CoreLibrary @ v1.17.11, nanoFramework.CoreLibrary.nuspec: none.
            Add(CoreLibrary, "1.17.11");

            // nanoframework/nanoFramework.Runtime.Events @ v1.11.32, nanoFramework.Runtime.Events.nuspec.
            Add(RuntimeEvents, "1.11.32", CoreLibrary, "1.17.11");

            // nanoframework/nanoFramework.System.Text @ 296d843 (v1.3.1 + 3 commits; the 1.3.42 nuspec
            // itself was not available): CoreLibrary only, and System.Net 1.11.43's packages.config
            // (a consumer) lists nothing else for it.
            Add(SystemText, "1.3.42", CoreLibrary, "1.17.11");

            // nanoframework/System.Threading @ v1.1.52, nanoFramework.System.Threading.nuspec.
            Add("nanoFramework.System.Threading", "1.1.52", CoreLibrary, "1.17.11");

            // nanoframework/System.IO.Streams @ v1.1.96, nanoFramework.System.IO.Streams.nuspec.
            Add("nanoFramework.System.IO.Streams", "1.1.96", CoreLibrary, "1.17.11", SystemText, "1.3.42");

            // nanoframework/System.IO.FileSystem @ v1.1.87, nanoFramework.System.IO.FileSystem.nuspec.
            Add("nanoFramework.System.IO.FileSystem", "1.1.87",
                CoreLibrary, "1.17.11", RuntimeEvents, "1.11.32", "nanoFramework.System.IO.Streams", "1.1.96", SystemText, "1.3.42");

            // nanoframework/System.Net @ v1.11.43, nanoFramework.System.Net.nuspec.
            Add("nanoFramework.System.Net", "1.11.43",
                CoreLibrary, "1.17.11", RuntimeEvents, "1.11.32", SystemText, "1.3.42",
                "nanoFramework.System.Threading", "1.1.52", "nanoFramework.System.IO.Streams", "1.1.96");

            // nanoframework/System.Device.Wifi @ v1.5.133, nanoFramework.System.Device.Wifi.nuspec.
            Add("nanoFramework.System.Device.Wifi", "1.5.133",
                CoreLibrary, "1.17.11", RuntimeEvents, "1.11.32", "nanoFramework.System.Net", "1.11.43");

            // nanoframework/nanoFramework.Hardware.Esp32 @ v1.6.34, nanoFramework.Hardware.Esp32.nuspec.
            Add("nanoFramework.Hardware.Esp32", "1.6.34", CoreLibrary, "1.17.11", RuntimeEvents, "1.11.32");

            // nanoframework/nanoFramework.Runtime.Native @ v1.7.11, nanoFramework.Runtime.Native.nuspec.
            Add("nanoFramework.Runtime.Native", "1.7.11", CoreLibrary, "1.17.11");

            // nanoframework/System.Device.I2c @ v1.1.29, nanoFramework.System.Device.I2c.nuspec.
            Add("nanoFramework.System.Device.I2c", "1.1.29", CoreLibrary, "1.17.11");

            // nanoframework/System.Math @ v1.5.116, nanoFramework.System.Math.nuspec.
            Add(SystemMath, "1.5.116", CoreLibrary, "1.17.11");

            // nanoframework/nanoFramework.IoT.Device @ 0fe5448, devices/Bmxx80/Bmxx80.nuspec.
            Add("nanoFramework.Iot.Device.Bmxx80", "1.2.892",
                CoreLibrary, "1.17.11",
                "nanoFramework.Iot.Device.Common.WeatherHelper", "1.2.891",
                "nanoFramework.System.Buffers.Binary.BinaryPrimitives", "1.2.862",
                "nanoFramework.System.Device.Model", "1.2.862",
                "nanoFramework.System.Device.I2c", "1.1.29",
                SystemMath, "1.5.116",
                "UnitsNet.nanoFramework.Length", "5.75.0",
                "UnitsNet.nanoFramework.Pressure", "5.75.0",
                "UnitsNet.nanoFramework.RelativeHumidity", "5.75.0",
                "UnitsNet.nanoFramework.Temperature", "5.75.0",
                "UnitsNet.nanoFramework.Duration", "5.75.0",
                "UnitsNet.nanoFramework.ElectricResistance", "5.75.0");

            // nanoframework/nanoFramework.IoT.Device @ 7cb571b, devices/WeatherHelper/WeatherHelper.nuspec.
            Add("nanoFramework.Iot.Device.Common.WeatherHelper", "1.2.891",
                CoreLibrary, "1.17.11",
                SystemMath, "1.5.116",
                "UnitsNet.nanoFramework.Length", "5.75.0",
                "UnitsNet.nanoFramework.Pressure", "5.75.0",
                "UnitsNet.nanoFramework.RelativeHumidity", "5.75.0",
                "UnitsNet.nanoFramework.Temperature", "5.75.0");

            // nanoframework/nanoFramework.IoT.Device @ ba7a06b, devices/System.Device.Model and
            // devices/System.Buffers.Binary.BinaryPrimitives, their nuspecs.
            Add("nanoFramework.System.Device.Model", "1.2.862", CoreLibrary, "1.17.11");
            Add("nanoFramework.System.Buffers.Binary.BinaryPrimitives", "1.2.862", CoreLibrary, "1.17.11");

            // angularsen/UnitsNet @ UnitsNet/5.75.0, UnitsNet.NanoFramework/GeneratedCode/<Quantity>/
            // UnitsNet.NanoFramework.<Quantity>.nuspec: Pressure also needs System.Math.
            foreach (string quantity in new[] { "Temperature", "Length", "RelativeHumidity", "Duration", "ElectricResistance" })
            {
                Add("UnitsNet.nanoFramework." + quantity, "5.75.0", CoreLibrary, "1.17.11");
            }

            Add("UnitsNet.nanoFramework.Pressure", "5.75.0", CoreLibrary, "1.17.11", SystemMath, "1.5.116");

            // nanoframework/nanoFramework.TestFramework @ v3.0.77, source/package.nuspec: none.
            Add("nanoFramework.TestFramework", "3.0.77");

            return table;
        }
    }
}
