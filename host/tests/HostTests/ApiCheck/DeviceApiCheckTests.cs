using System;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Support;

namespace ThermoDev.HostTests.ApiCheck
{
    /// <summary>
    /// The device API check: host/apicheck/ApiCheck.Device compiled the UDP transport and the firmware's device
    /// files against the nanoFramework mscorlib and stubs of the device APIs (host/apicheck/DeviceApiStubs,
    /// exact signatures and parameter names). Here its output is checked, and the stubs are shown to
    /// reject calls the device packages do not accept.
    /// </summary>
    [TestClass]
    public class DeviceApiCheckTests
    {
        private const string Project = "ApiCheck.Device";
        private const string Assembly = "ApiCheck.Device.dll";

        [TestMethod]
        [DataRow(Project, Assembly)]
        [DataRow("DeviceApiStubs", "DeviceApiStubs.dll")]
        public void OutputUsesNoGenerics(string project, string assembly)
        {
            string path = RepoPaths.ApiCheckOutput(project, assembly);
            Assert.IsTrue(File.Exists(path), $"{path} was not built");
            var findings = GenericUseScanner.Scan(path);
            Assert.IsEmpty(findings, string.Join("\n", findings));
        }

        [TestMethod]
        public void DeviceCodeReferencesOnlyTheNanoFrameworkMscorlibAndTheStubs()
        {
            using var stream = File.OpenRead(RepoPaths.ApiCheckOutput(Project, Assembly));
            using var pe = new PEReader(stream);
            MetadataReader md = pe.GetMetadataReader();
            var references = md.AssemblyReferences.Select(h => md.GetAssemblyReference(h)).ToDictionary(r => md.GetString(r.Name), r => r.Version);
            CollectionAssert.AreEquivalent(new[] { "mscorlib", "DeviceApiStubs" }, references.Keys.ToList());
            Assert.AreEqual(new Version(1, 17, 11, 0), references["mscorlib"]);
        }

        [TestMethod]
        public void TheTransportIsChecked()
        {
            CollectionAssert.Contains(TypeNames(), "Coap.Micro.Udp.NanoUdpTransport");
        }

        [TestMethod]
        public void TheFirmwareDeviceFilesAreChecked()
        {
            var types = TypeNames();
            string[] deviceTypes =
            {
                "ThermoDev.Program", "ThermoDev.WifiConnection", "ThermoDev.Esp32Clock", "ThermoDev.DeviceSettings",
                "ThermoDev.Sensors.Bmx280Chip", "ThermoDev.ConsoleLogSink", "ThermoDev.BoardFacts", "ThermoDev.BoardNetworkProbe",
                "ThermoDev.BoardReboot",
            };
            CollectionAssert.IsSubsetOf(deviceTypes, types);
        }

        [TestMethod]
        [DataRow("class A { void F(System.Net.Sockets.Socket s) { s.Dispose(); } }", "CS1061", DisplayName = "Socket implements IDisposable explicitly")]
        [DataRow("class A { bool F() { return nanoFramework.Networking.WifiNetworkHelper.Reconnect(WifiAdapter: 0); } }", "CS1739", DisplayName = "Reconnect's parameter is wifiAdapterId")]
        [DataRow("class A { bool F() { return nanoFramework.Networking.WifiNetworkHelper.ConnectFixAddress(\"s\", \"p\", null, wifiAdapterId: 0); } }", "CS1739", DisplayName = "ConnectFixAddress's parameter is WifiAdapter")]
        [DataRow("class A { long F() { return nanoFramework.Hardware.Esp32.HighResTimer.GetCurrent(); } }", "CS0266", DisplayName = "HighResTimer.GetCurrent returns UInt64")]
        [DataRow("class A { int F(System.Net.Sockets.Socket s, byte[] b, System.Net.EndPoint e) { return s.ReceiveFrom(b, 0, 1, System.Net.Sockets.SocketFlags.None, e); } }", "CS1620", DisplayName = "ReceiveFrom takes ref EndPoint")]
        [DataRow("class A { object F() { return new System.Device.I2c.I2cConnectionSettings(1, 0x76, 400000); } }", "CS1503", DisplayName = "I2C speed is an I2cBusSpeed")]
        [DataRow("class A { void F() { nanoFramework.Hardware.Esp32.Configuration.SetPinFunction(21, nanoFramework.Hardware.Esp32.DeviceFunction.I2C1_SDA); } }", "CS0117", DisplayName = "I2C1 data is DeviceFunction.I2C1_DATA")]
        [DataRow("class A { void F(Iot.Device.Bmxx80.Bmp280 b) { b.TemperatureSampling = Iot.Device.Bmxx80.Sampling.X2; } }", "CS0117", DisplayName = "Sampling has no X2")]
        [DataRow("class A { double F(Iot.Device.Bmxx80.Bmp280 b) { return b.Read().Temperature.Celsius; } }", "CS1061", DisplayName = "UnitsNet Temperature has DegreesCelsius")]
        [DataRow("class A { int F(nanoFramework.Networking.NetworkHelperStatus s) { return s == nanoFramework.Networking.NetworkHelperStatus.ErrorConnectingToWiFiWhileScanning ? 1 : 0; } }", "CS0117", DisplayName = "the status is spelled ErrorConneting")]
        public void StubsRejectWhatTheDevicePackagesReject(string source, string expectedError)
        {
            var result = NanoCompiler.CompileWithDeviceApis(source);
            Assert.IsFalse(result.Success, "compiled although the device packages do not accept it");
            Assert.IsTrue(result.Errors.Any(e => e.StartsWith(expectedError, StringComparison.Ordinal)), string.Join("\n", result.Errors));
        }

        [TestMethod]
        public void StubsAcceptTheCallsAsTheDevicePackagesDeclareThem()
        {
            var result = NanoCompiler.CompileWithDeviceApis(
                @"using System.Net.Sockets; using System.Threading; using nanoFramework.Networking;
                  using nanoFramework.Hardware.Esp32; using System.Device.I2c; using Iot.Device.Bmxx80;
                  class A
                  {
                      bool Wifi()
                      {
                          using (CancellationTokenSource cts = new CancellationTokenSource(30000))
                          {
                              return WifiNetworkHelper.Reconnect(requiresDateTime: false, wifiAdapterId: 0, token: cts.Token)
                                  || WifiNetworkHelper.ConnectFixAddress(""s"", ""p"", null, WifiAdapter: 0);
                          }
                      }
                      void Socket() { using (Socket s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp)) { s.Close(); } }
                      long Now() { return (long)(HighResTimer.GetCurrent() / 1000); }
                      double Sensor()
                      {
                          Configuration.SetPinFunction(Gpio.IO21, DeviceFunction.I2C1_DATA);
                          Bmp280 b = new Bmp280(I2cDevice.Create(new I2cConnectionSettings(1, Bmp280.SecondaryI2cAddress)));
                          b.TemperatureSampling = Sampling.LowPower;
                          return b.Read().Temperature.DegreesCelsius + b.Read().Pressure.Pascals;
                      }
                  }");
            Assert.IsTrue(result.Success, string.Join("\n", result.Errors));
        }

        private static System.Collections.Generic.List<string> TypeNames()
        {
            using var stream = File.OpenRead(RepoPaths.ApiCheckOutput(Project, Assembly));
            using var pe = new PEReader(stream);
            MetadataReader md = pe.GetMetadataReader();
            return md.TypeDefinitions.Select(h => md.GetTypeDefinition(h))
                .Select(t => md.GetString(t.Namespace) + "." + md.GetString(t.Name)).ToList();
        }
    }
}
