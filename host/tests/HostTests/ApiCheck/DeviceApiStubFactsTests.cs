using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Support;

namespace ThermoDev.HostTests.ApiCheck
{
    /// <summary>
    /// The device API stubs (host/apicheck/DeviceApiStubs) against facts read in the device packages' sources:
    /// every stubbed enum member has its real value and underlying type, and no stubbed class offers a public
    /// parameterless constructor the real one does not have. Code that compiles against the stubs must compile
    /// against the real assemblies; a value that differs would compile and then mean something else on a board.
    /// </summary>
    [TestClass]
    public class DeviceApiStubFactsTests
    {
        private const string SystemNet = "nanoframework/System.Net @ v1.11.43, nanoFramework.System.Net/";
        private const string Esp32 = "nanoframework/nanoFramework.Hardware.Esp32 @ v1.6.34, nanoFramework.Hardware.Esp32/";
        private const string Wifi = "nanoframework/System.Device.Wifi @ v1.5.133, System.Device.Wifi/";
        private const string I2c = "nanoframework/System.Device.I2c @ v1.1.29, System.Device.I2c/";
        private const string Bmxx80 = "nanoframework/nanoFramework.IoT.Device @ 0fe5448, devices/Bmxx80/";
        private const string RuntimeNative = "nanoframework/nanoFramework.Runtime.Native @ v1.7.11, nanoFramework.Runtime.Native/";
        private const string FileSystem = "nanoframework/System.IO.FileSystem @ v1.1.87, System.IO.FileSystem/";

        // Enum type, underlying type, members and values, where they were read.
        private static readonly (string Type, string Underlying, (string Name, long Value)[] Members, string Source)[] RealEnums =
        {
            ("System.Net.Sockets.AddressFamily", "Int32", new[] { ("InterNetwork", 2L), ("InterNetworkV6", 23L) }, SystemNet + "Sockets/AddressFamily.cs"),
            ("System.Net.Sockets.SocketType", "Int32", new[] { ("Stream", 1L), ("Dgram", 2L) }, SystemNet + "Sockets/SocketType.cs"),
            ("System.Net.Sockets.ProtocolType", "Int32", new[] { ("IP", 0L), ("Tcp", 6L), ("Udp", 17L) }, SystemNet + "Sockets/ProtocolType.cs"),
            ("System.Net.Sockets.SocketFlags", "Int32", new[] { ("None", 0L) }, SystemNet + "Sockets/SocketFlags.cs"),
            ("System.Net.Sockets.SelectMode", "Int32", new[] { ("SelectRead", 0L), ("SelectWrite", 1L), ("SelectError", 2L) }, SystemNet + "Sockets/SelectMode.cs"),
            ("System.Net.Sockets.SocketError", "Int32", new[] { ("WouldBlock", 10035L), ("ConnectionReset", 10054L), ("NotConnected", 10057L), ("TimedOut", 10060L) }, SystemNet + "Sockets/SocketErrors.cs"),
            ("System.Net.Sockets.SocketOptionLevel", "Int32", new[] { ("IP", 0L), ("Udp", 17L), ("Socket", 0xffffL) }, SystemNet + "Sockets/SocketOptionLevel.cs"),
            ("System.Net.NetworkInformation.NetworkInterfaceType", "Int32", new[] { ("Unknown", 1L), ("Ethernet", 6L), ("Wireless80211", 71L), ("WirelessAP", 72L) }, SystemNet + "NetworkInformation/NetworkInterfaceType.cs"),
            ("System.Net.Sockets.SocketOptionName", "Int32",
                new[] { ("ReuseAddress", 4L), ("Broadcast", 32L), ("ReceiveTimeout", 4102L), ("MulticastTimeToLive", 10L), ("AddMembership", 12L), ("DropMembership", 13L) },
                SystemNet + "Sockets/SocketOptionName.cs"),
            ("nanoFramework.Networking.NetworkHelperStatus", "Int32",
                new[] { ("None", 0L), ("Started", 1L), ("NetworkIsReady", 2L), ("FailedNoNetworkInterface", 3L), ("TokenExpiredWaitingIPAddress", 4L), ("TokenExpiredWaitingDateTime", 5L), ("ErrorConnetingToWiFiWhileScanning", 6L), ("ExceptionOccurred", 7L) },
                SystemNet + "NetworkHelper/NetworkHelperStatus.cs"),
            ("System.Device.Wifi.WifiReconnectionKind", "Int32", new[] { ("Automatic", 0L), ("Manual", 1L) }, Wifi + "WifiReconnectionKind.cs"),
            ("nanoFramework.Hardware.Esp32.DeviceFunction", "Int32",
                new[] { ("I2C1_DATA", 131328L), ("I2C1_CLOCK", 131329L), ("I2C2_DATA", 131584L), ("I2C2_CLOCK", 131585L) }, Esp32 + "DeviceTypePins.cs"),
            ("System.Device.I2c.I2cBusSpeed", "Int32", new[] { ("StandardMode", 0L), ("FastMode", 1L), ("FastModePlus", 2L) }, I2c + "I2cBusSpeed.cs"),
            ("System.Device.I2c.I2cTransferStatus", "Int32",
                new[] { ("UnknownError", 0L), ("FullTransfer", 1L), ("ClockStretchTimeout", 2L), ("PartialTransfer", 3L), ("SlaveAddressNotAcknowledged", 4L) }, I2c + "I2cTransferStatus.cs"),
            ("Iot.Device.Bmxx80.Sampling", "Byte",
                new[] { ("Skipped", 0L), ("UltraLowPower", 1L), ("LowPower", 2L), ("Standard", 3L), ("HighResolution", 4L), ("UltraHighResolution", 5L) }, Bmxx80 + "Sampling.cs"),
            ("Iot.Device.Bmxx80.StandbyTime", "Byte",
                new[] { ("Ms0_5", 0L), ("Ms62_5", 1L), ("Ms125", 2L), ("Ms250", 3L), ("Ms500", 4L), ("Ms1000", 5L), ("Ms10", 6L), ("Ms20", 7L) }, Bmxx80 + "StandbyTime.cs"),
            ("Iot.Device.Bmxx80.PowerMode.Bmx280PowerMode", "Byte", new[] { ("Sleep", 0L), ("Forced", 2L), ("Normal", 3L) }, Bmxx80 + "PowerMode/Bmx280PowerMode.cs"),
            ("Iot.Device.Bmxx80.FilteringMode.Bmx280FilteringMode", "Byte",
                new[] { ("Off", 0L), ("X2", 1L), ("X4", 2L), ("X8", 3L), ("X16", 4L) }, Bmxx80 + "FilteringMode/Bmx280FilteringMode.cs"),
            ("nanoFramework.Runtime.Native.RebootOption", "Int32",
                new[] { ("NormalReboot", 0L), ("EnterNanoBooter", 1L), ("ClrOnly", 2L), ("EnterProprietaryBooter", 8L) }, RuntimeNative + "RebootOption.cs"),
            ("System.IO.FileMode", "Int32",
                new[] { ("CreateNew", 1L), ("Create", 2L), ("Open", 3L), ("OpenOrCreate", 4L), ("Truncate", 5L), ("Append", 6L) }, FileSystem + "FileMode.cs"),
            ("System.IO.FileAccess", "Int32", new[] { ("Read", 1L), ("Write", 2L), ("ReadWrite", 3L) }, FileSystem + "FileAccess.cs"),
            ("System.IO.FileShare", "Int32", new[] { ("None", 0L), ("Read", 1L), ("Write", 2L), ("ReadWrite", 3L) }, FileSystem + "FileShare.cs"),
        };

        // Classes whose real declaration has a public parameterless constructor (declared or implicit).
        private static readonly string[] RealPublicParameterlessConstructors =
        {
            "System.Net.IPHostEntry",                     // IPHostEntry.cs: no constructor declared
            "nanoFramework.Hardware.Esp32.HighResTimer",  // HighResTimer.cs: public HighResTimer()
            "nanoFramework.Runtime.Native.Power",         // Power.cs (v1.7.11): a public class, no constructor declared
        };

        [TestMethod]
        public void EveryStubbedEnumHasTheRealValues()
        {
            var stubbed = StubEnums();
            var problems = new List<string>();
            foreach (var (type, (underlying, members)) in stubbed)
            {
                var real = RealEnums.FirstOrDefault(e => e.Type == type);
                if (real.Type == null)
                {
                    problems.Add($"{type}: not in the table of real values; read it in the package's sources and add it");
                    continue;
                }

                if (underlying != real.Underlying)
                {
                    problems.Add($"{type}: underlying type {underlying}, real {real.Underlying} ({real.Source})");
                }

                foreach (var (name, value) in members)
                {
                    var fact = real.Members.FirstOrDefault(m => m.Name == name);
                    if (fact.Name == null)
                    {
                        problems.Add($"{type}.{name}: not in the table of real values ({real.Source})");
                    }
                    else if (fact.Value != value)
                    {
                        problems.Add($"{type}.{name} = {value}, real {fact.Value} ({real.Source})");
                    }
                }
            }

            Assert.IsEmpty(problems, string.Join("\n", problems));
            Assert.IsGreaterThanOrEqualTo(RealEnums.Length, stubbed.Count, "the stub assembly was read");
        }

        [TestMethod]
        public void NoStubOffersAParameterlessConstructorTheRealTypeHasNot()
        {
            using var stream = File.OpenRead(StubAssembly());
            using var pe = new PEReader(stream);
            MetadataReader md = pe.GetMetadataReader();
            var offending = new List<string>();
            foreach (TypeDefinition type in md.TypeDefinitions.Select(md.GetTypeDefinition))
            {
                string name = md.GetString(type.Namespace) + "." + md.GetString(type.Name);
                bool isPublicClass = (type.Attributes & TypeAttributes.VisibilityMask) == TypeAttributes.Public
                    && (type.Attributes & TypeAttributes.Interface) == 0
                    && (type.Attributes & TypeAttributes.Abstract) == 0
                    && !IsValueType(md, type);
                if (!isPublicClass || RealPublicParameterlessConstructors.Contains(name))
                {
                    continue;
                }

                bool parameterless = type.GetMethods().Select(md.GetMethodDefinition).Any(m =>
                    md.GetString(m.Name) == ".ctor"
                    && (m.Attributes & MethodAttributes.MemberAccessMask) == MethodAttributes.Public
                    && m.GetParameters().Count == 0
                    && m.DecodeSignature(new ParameterCounter(), null).RequiredParameterCount == 0);
                if (parameterless)
                {
                    offending.Add(name);
                }
            }

            Assert.IsEmpty(offending, "public parameterless constructors the real types do not have: " + string.Join(", ", offending));
        }

        [TestMethod]
        [DataRow("class A { object F() { return new System.Device.Wifi.WifiAdapter(); } }", "CS1729", DisplayName = "WifiAdapter has no public constructor")]
        [DataRow("class A { object F() { return new Iot.Device.Bmxx80.ReadResult.Bmp280ReadResult(); } }", "CS7036", DisplayName = "Bmp280ReadResult has no parameterless constructor")]
        [DataRow("class A { object F() { return new System.Device.I2c.I2cConnectionSettings(); } }", "CS1729", DisplayName = "I2cConnectionSettings' parameterless constructor is private")]
        [DataRow("class A : System.Device.I2c.I2cConnectionSettings { A() : base(1, 2) { } }", "CS0509", DisplayName = "I2cConnectionSettings is sealed")]
        [DataRow("class A : System.Net.EndPoint { }", "CS0534", DisplayName = "EndPoint's Serialize and Create are abstract")]
        public void StubsRejectWhatTheRealTypesReject(string source, string expectedError)
        {
            var result = NanoCompiler.CompileWithDeviceApis(source);
            Assert.IsFalse(result.Success, "compiled although the device packages do not accept it");
            Assert.IsTrue(result.Errors.Any(e => e.StartsWith(expectedError, StringComparison.Ordinal)), string.Join("\n", result.Errors));
        }

        [TestMethod]
        public void TheSensorsRegisterCodesAreTheBindingsEnumValues()
        {
            // The board casts Bmx280Sensor's register codes to the binding's enums: they must be its values.
            AssertIsTheValueOf("Iot.Device.Bmxx80.Sampling", "LowPower", ThermoDev.Sensors.Bmx280Sensor.TemperatureOversampling);
            AssertIsTheValueOf("Iot.Device.Bmxx80.Sampling", "Standard", ThermoDev.Sensors.Bmx280Sensor.PressureOversampling);
            AssertIsTheValueOf("Iot.Device.Bmxx80.Sampling", "UltraLowPower", ThermoDev.Sensors.Bmx280Sensor.HumidityOversampling);
            AssertIsTheValueOf("Iot.Device.Bmxx80.FilteringMode.Bmx280FilteringMode", "Off", ThermoDev.Sensors.Bmx280Sensor.FilterCoefficient);
            AssertIsTheValueOf("Iot.Device.Bmxx80.StandbyTime", "Ms125", ThermoDev.Sensors.Bmx280Sensor.StandbyCode);
        }

        [TestMethod]
        public void TheBme280IsStubbedAsDeclared()
        {
            var result = NanoCompiler.CompileWithDeviceApis(
                @"using System; using System.Device.I2c; using Iot.Device.Bmxx80; using Iot.Device.Bmxx80.ReadResult;
                  class A
                  {
                      double F(I2cDevice device)
                      {
                          Bme280 b = new Bme280(device);
                          b.HumiditySampling = Sampling.UltraLowPower;
                          Bme280ReadResult r = b.Read();
                          Bmp280ReadResult p = r;
                          return r.HumidityIsValid ? r.Humidity.Percent + p.Temperature.DegreesCelsius : 0;
                      }
                      bool G(I2cDevice device, byte[] register, byte[] value)
                      {
                          return device.WriteRead(new SpanByte(register), new SpanByte(value)).Status == I2cTransferStatus.FullTransfer;
                      }
                  }");
            Assert.IsTrue(result.Success, string.Join("\n", result.Errors));
        }

        private static void AssertIsTheValueOf(string type, string member, byte registerCode) =>
            Assert.AreEqual(Real(type, member), (long)registerCode, $"{type}.{member}");

        private static long Real(string type, string member) =>
            RealEnums.Single(e => e.Type == type).Members.Single(m => m.Name == member).Value;

        private static string StubAssembly()
        {
            string path = RepoPaths.ApiCheckOutput("DeviceApiStubs", "DeviceApiStubs.dll");
            Assert.IsTrue(File.Exists(path), $"{path} was not built");
            return path;
        }

        // Every enum of the stub assembly: its underlying type and its members' values.
        private static Dictionary<string, (string Underlying, List<(string Name, long Value)> Members)> StubEnums()
        {
            using var stream = File.OpenRead(StubAssembly());
            using var pe = new PEReader(stream);
            MetadataReader md = pe.GetMetadataReader();
            var enums = new Dictionary<string, (string, List<(string, long)>)>();
            foreach (TypeDefinition type in md.TypeDefinitions.Select(md.GetTypeDefinition))
            {
                if (BaseTypeName(md, type) != "System.Enum")
                {
                    continue;
                }

                string name = md.GetString(type.Namespace) + "." + md.GetString(type.Name);
                string underlying = null;
                var members = new List<(string, long)>();
                foreach (FieldDefinition field in type.GetFields().Select(md.GetFieldDefinition))
                {
                    if ((field.Attributes & FieldAttributes.Literal) == 0)
                    {
                        continue;
                    }

                    Constant constant = md.GetConstant(field.GetDefaultValue());
                    BlobReader blob = md.GetBlobReader(constant.Value);
                    object value = blob.ReadConstant(constant.TypeCode);
                    underlying = value.GetType().Name;
                    members.Add((md.GetString(field.Name), Convert.ToInt64(value)));
                }

                enums[name] = (underlying ?? "Int32", members);
            }

            return enums;
        }

        private static string BaseTypeName(MetadataReader md, TypeDefinition type)
        {
            if (type.BaseType.IsNil || type.BaseType.Kind != HandleKind.TypeReference)
            {
                return null;
            }

            TypeReference reference = md.GetTypeReference((TypeReferenceHandle)type.BaseType);
            return md.GetString(reference.Namespace) + "." + md.GetString(reference.Name);
        }

        private static bool IsValueType(MetadataReader md, TypeDefinition type)
        {
            string baseType = BaseTypeName(md, type);
            return baseType == "System.ValueType" || baseType == "System.Enum";
        }

        // Decodes nothing but what a signature needs to be read; only the parameter count is used.
        private sealed class ParameterCounter : ISignatureTypeProvider<int, object>
        {
            public int GetArrayType(int elementType, ArrayShape shape) => 0;
            public int GetByReferenceType(int elementType) => 0;
            public int GetFunctionPointerType(MethodSignature<int> signature) => 0;
            public int GetGenericInstantiation(int genericType, System.Collections.Immutable.ImmutableArray<int> typeArguments) => 0;
            public int GetGenericMethodParameter(object genericContext, int index) => 0;
            public int GetGenericTypeParameter(object genericContext, int index) => 0;
            public int GetModifiedType(int modifier, int unmodifiedType, bool isRequired) => 0;
            public int GetPinnedType(int elementType) => 0;
            public int GetPointerType(int elementType) => 0;
            public int GetPrimitiveType(PrimitiveTypeCode typeCode) => 0;
            public int GetSZArrayType(int elementType) => 0;
            public int GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => 0;
            public int GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => 0;
            public int GetTypeFromSpecification(MetadataReader reader, object genericContext, TypeSpecificationHandle handle, byte rawTypeKind) => 0;
        }
    }
}
