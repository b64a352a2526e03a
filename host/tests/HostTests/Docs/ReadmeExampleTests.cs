using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Coap.Micro;
using Coap.Micro.Dotnet;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.ApiCheck;
using ThermoDev.HostTests.Support;
using ThermoDev.Simulation;
using ThermoDev.TestSupport;
using CoapClient = Coap.Micro.CoapClient;

namespace ThermoDev.HostTests.Docs
{
    /// <summary>
    /// The board examples of Coap.Micro/README.md (each one ```csharp block after a line
    /// <c>&lt;!-- example: server --&gt;</c> or <c>&lt;!-- example: client --&gt;</c>) are valid on a board: they
    /// compile with the Coap.Micro, Coap.Micro.Client and Coap.Micro.Udp sources against the nanoFramework
    /// mscorlib and the device API stubs. And they work: built for .NET with the same transport source
    /// (Coap.Micro.Udp's NanoUdpTransport on real loopback sockets) and run as a process, the server answers
    /// a client and the client reads a simulated ThermoDev.
    /// </summary>
    /// <remarks>
    /// On .NET, three things are not the board's and are given in source beside the example: Wi-Fi (always
    /// connected), the ESP32's HighResTimer (a Stopwatch), and System.Net's IPAddress/IPEndPoint as
    /// nanoFramework's System.Net 1.11.43 has them (an IPv4 address as a long in memory order, GetHashCode
    /// the address itself), which NanoUdpTransport relies on and .NET's do not do (.NET's IPAddress hash is
    /// randomised). The sockets are .NET's. The examples use the CoAP port 5683 and a LAN address; the
    /// extracted text gets a free loopback port (and 127.0.0.1) instead, as the examples take no arguments.
    /// </remarks>
    [TestClass]
    public class ReadmeExampleTests
    {
        private const string Readme = "Coap.Micro/README.md";
        private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(30);

        [TestMethod]
        [DataRow("server")]
        [DataRow("client")]
        public void TheExampleCompilesForABoard(string name)
        {
            NanoCompiler.Result board = CompileForBoard(Example(name));

            Assert.IsTrue(board.Success, $"the README's {name} example does not compile for nanoFramework:\n" + string.Join("\n", board.Errors));
        }

        [TestMethod]
        public void AMisspeltCallFailsTheBoardCompile()
        {
            string broken = Example("server").Replace("server.Start();", "server.Strat();");
            Assert.AreNotEqual(Example("server"), broken, "the server example calls server.Start()");

            NanoCompiler.Result board = CompileForBoard(broken);

            Assert.IsFalse(board.Success);
            Assert.IsTrue(board.Errors.Any(e => e.StartsWith("CS1061", StringComparison.Ordinal) && e.Contains("Strat", StringComparison.Ordinal)), string.Join("\n", board.Errors));
        }

        [TestMethod]
        public void ACallTheBoardDoesNotHaveFailsTheBoardCompile()
        {
            // Environment exists on .NET, not in nanoFramework's mscorlib.
            string broken = Example("server").Replace("server.Start();", "server.Start(); System.Environment.Exit(0);");

            Assert.IsFalse(CompileForBoard(broken).Success);
            Assert.IsTrue(CompileForDotnet(broken, "broken").Success, "the same text is valid .NET: only the board check can catch it");
        }

        [TestMethod]
        [Timeout(120_000, CooperativeCancellation = true)]
        public void TheServerExampleAnswersOnLoopback()
        {
            string example = Example("server");
            string path = Single(example, @":\s*base\(""([^""]+)""", "the resource's path");
            string text = Single(example, @"Ascii\.Bytes\(""([^""]*)""\)", "the resource's text");
            int port = FreeUdpPort();
            string runnable = ReplaceOnce(example, "new NanoUdpTransport()", $"new NanoUdpTransport({port.ToString(CultureInfo.InvariantCulture)})");

            using ChildProcess server = RunOnDotnet(runnable, "server");
            using var transport = new DotnetUdpTransport(new IPEndPoint(IPAddress.Loopback, 0));
            var client = new CoapClient(transport, new MonotonicClock(), new CoapRandom(), new CoapClientOptions());
            var request = new CoapRequest(256);
            request.SetEndpoint(DotnetUdpTransport.ToEndpoint(new IPEndPoint(IPAddress.Loopback, port)));
            request.SetPath("/" + path);

            // CON, retransmitted (RFC 7252 §4.2) until the process listens.
            CoapClientResult result = client.Request(request, 20_000);

            Assert.AreEqual(CoapClientResult.Response, result, server.Describe());
            Assert.AreEqual(CoapCode.Content, request.Code, server.Describe());
            Assert.AreEqual(text, Encoding.UTF8.GetString(request.ResponseBuffer, request.PayloadOffset, request.PayloadLength));
        }

        [TestMethod]
        [Timeout(120_000, CooperativeCancellation = true)]
        public void TheClientExampleReadsASimulatedThermoDev()
        {
            var settings = new SimulatedDeviceSettings { Bind = IPAddress.Loopback, Port = 0, InitialCentiCelsius = 2250, Quiet = true };
            using SimulatedFleet device = SimulatedFleet.Start(settings, 1, TextWriter.Null);
            int port = device.Endpoints[0].Port;
            string example = Example("client");
            var address = new Regex(@"new byte\[\]\s*\{\s*\d+,\s*\d+,\s*\d+,\s*\d+,\s*(0x[0-9A-Fa-f]+|\d+),\s*(0x[0-9A-Fa-f]+|\d+)\s*\}");
            Assert.AreEqual(1, address.Matches(example).Count, "the client example gives its server as six endpoint bytes");
            string runnable = address.Replace(example, $"new byte[] {{ 127, 0, 0, 1, {port >> 8}, {port & 0xFF} }}");

            using ChildProcess client = RunOnDotnet(runnable, "client");
            ChildProcess.Result run = client.Finish(RunTimeout);

            Assert.AreEqual(0, run.ExitCode, client.Describe());
            Assert.AreEqual("22.5", run.Stdout.Trim(), client.Describe());
        }

        /// <summary>The ```csharp block after <c>&lt;!-- example: NAME --&gt;</c>; exactly one.</summary>
        public static string Example(string name)
        {
            string readme = File.ReadAllText(RepoPaths.Of(Readme)).Replace("\r\n", "\n");
            MatchCollection blocks = Regex.Matches(readme, @"<!-- example: " + Regex.Escape(name) + @" -->\n```csharp\n(.*?)\n```", RegexOptions.Singleline);
            Assert.AreEqual(1, blocks.Count, $"{Readme} has one ```csharp block right after <!-- example: {name} -->");
            return blocks[0].Groups[1].Value;
        }

        private static NanoCompiler.Result CompileForBoard(string example) =>
            NanoCompiler.CompileWithDeviceApis(new[] { example }.Concat(LibrarySources(true)).ToArray());

        // Coap.Micro and its client as the nanoFramework projects compile them, and NanoUdpTransport when asked.
        private static IEnumerable<string> LibrarySources(bool withUdp)
        {
            IEnumerable<string> files = new[] { "Coap.Micro", "Coap.Micro.Client" }
                .SelectMany(project => Directory.EnumerateFiles(RepoPaths.Of(project), "*.cs", SearchOption.AllDirectories))
                .Where(file => !IsBuildOutput(file));
            if (withUdp)
            {
                files = files.Append(RepoPaths.Of("Coap.Micro.Udp/NanoUdpTransport.cs"));
            }

            return files.Select(File.ReadAllText);
        }

        private static bool IsBuildOutput(string file)
        {
            string[] parts = file.Split(Path.DirectorySeparatorChar);
            return parts.Contains("bin") || parts.Contains("obj") || parts.Contains("Properties");
        }

        private static EmitResultWithImage CompileForDotnet(string example, string name)
        {
            var parse = new CSharpParseOptions(LanguageVersion.CSharp9);
            IEnumerable<SyntaxTree> trees = new[] { example, DotnetBoardShims }
                .Concat(LibrarySources(true))
                .Select(source => CSharpSyntaxTree.ParseText(source, parse));
            IEnumerable<MetadataReference> references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")).Split(Path.PathSeparator)
                .Where(path => string.Equals(Path.GetDirectoryName(path) + Path.DirectorySeparatorChar, System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), StringComparison.Ordinal))
                .Select(path => MetadataReference.CreateFromFile(path));
            var options = new CSharpCompilationOptions(OutputKind.ConsoleApplication)
                // The shims stand in for System.Net's IPAddress and IPEndPoint on purpose (see the class remarks).
                .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CS0436"] = ReportDiagnostic.Suppress });
            CSharpCompilation compilation = CSharpCompilation.Create("ReadmeExample." + name, trees, references, options);
            using var image = new MemoryStream();
            var emitted = compilation.Emit(image);
            return new EmitResultWithImage(emitted.Success,
                emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList(),
                emitted.Success ? image.ToArray() : null);
        }

        private sealed record EmitResultWithImage(bool Success, IReadOnlyList<string> Errors, byte[] Image);

        // Writes the example's .NET build to a folder of its own and starts it with the dotnet that runs the tests.
        private static ChildProcess RunOnDotnet(string example, string name)
        {
            EmitResultWithImage built = CompileForDotnet(example, name);
            Assert.IsTrue(built.Success, $"the README's {name} example does not build for .NET:\n" + string.Join("\n", built.Errors));
            string folder = Path.Combine(Path.GetTempPath(), "readme-example-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            string assembly = Path.Combine(folder, "ReadmeExample." + name + ".dll");
            File.WriteAllBytes(assembly, built.Image);
            string version = Environment.Version.ToString(3);
            File.WriteAllText(Path.ChangeExtension(assembly, ".runtimeconfig.json"),
                "{ \"runtimeOptions\": { \"tfm\": \"net10.0\", \"framework\": { \"name\": \"Microsoft.NETCore.App\", \"version\": \"" + version + "\" } } }");
            return ChildProcess.StartDotnet(assembly, Array.Empty<string>());
        }

        private static string Single(string text, string pattern, string what)
        {
            MatchCollection found = Regex.Matches(text, pattern);
            Assert.AreEqual(1, found.Count, $"the example has one {what} ({pattern})");
            return found[0].Groups[1].Value;
        }

        private static string ReplaceOnce(string text, string old, string replacement)
        {
            int at = text.IndexOf(old, StringComparison.Ordinal);
            Assert.IsTrue(at >= 0 && text.IndexOf(old, at + old.Length, StringComparison.Ordinal) < 0, $"the example has {old} once");
            return text.Substring(0, at) + replacement + text.Substring(at + old.Length);
        }

        private static int FreeUdpPort()
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            return ((IPEndPoint)probe.LocalEndPoint).Port;
        }

        // What a board has and .NET has not, for the examples' .NET build (see the class remarks).
        private const string DotnetBoardShims = @"
namespace nanoFramework.Hardware.Esp32
{
    public class HighResTimer
    {
        // Microseconds since start, as the ESP32's timer counts.
        public static ulong GetCurrent() => (ulong)(System.Diagnostics.Stopwatch.GetTimestamp() / (System.Diagnostics.Stopwatch.Frequency / 1000000));
    }
}

namespace nanoFramework.Networking
{
    public static class WifiNetworkHelper
    {
        public static bool Reconnect(bool requiresDateTime = false, int wifiAdapterId = 0, System.Threading.CancellationToken token = default) => true;
    }
}

namespace System.Net
{
    using System.Net.Sockets;

    // nanoFramework System.Net 1.11.43: IPv4 only, the address a long with the first octet lowest, GetHashCode the address.
    public class IPAddress
    {
        public static readonly IPAddress Any = new IPAddress(0);

        internal readonly long Value;

        public IPAddress(long newAddress) { Value = newAddress; }

        public AddressFamily AddressFamily => AddressFamily.InterNetwork;

        // A new array of the four bytes, first octet first.
        public byte[] GetAddressBytes() => new[] { (byte)Value, (byte)(Value >> 8), (byte)(Value >> 16), (byte)(Value >> 24) };

        // Dotted IPv4 text only (what the transport parses: the group address).
        public static IPAddress Parse(string ipString)
        {
            string[] parts = ipString.Split('.');
            if (parts.Length != 4)
            {
                throw new ArgumentException(""not an IPv4 address"", nameof(ipString));
            }

            long value = 0;
            for (int i = 0; i < 4; i++)
            {
                value |= (long)byte.Parse(parts[i]) << (8 * i);
            }

            return new IPAddress(value);
        }

        public override int GetHashCode() => unchecked((int)Value);

        public override bool Equals(object obj) => obj is IPAddress other && other.Value == Value;
    }

    public class IPEndPoint : EndPoint
    {
        public const int MinPort = 0;
        public const int MaxPort = 65535;

        public IPEndPoint(long address, int port) : this(new IPAddress(address), port) { }

        public IPEndPoint(IPAddress address, int port) { Address = address; Port = port; }

        public IPAddress Address { get; }

        public int Port { get; }

        public override AddressFamily AddressFamily => AddressFamily.InterNetwork;

        // sockaddr_in: family, port big-endian, the address's four bytes in order.
        public override SocketAddress Serialize()
        {
            var socketAddress = new SocketAddress(AddressFamily.InterNetwork, 16);
            socketAddress[2] = (byte)(Port >> 8);
            socketAddress[3] = (byte)Port;
            for (int i = 0; i < 4; i++)
            {
                socketAddress[4 + i] = (byte)(Address.Value >> (8 * i));
            }

            return socketAddress;
        }

        public override EndPoint Create(SocketAddress socketAddress)
        {
            long address = socketAddress[4] | (socketAddress[5] << 8) | (socketAddress[6] << 16) | ((long)socketAddress[7] << 24);
            return new IPEndPoint(address, (socketAddress[2] << 8) | socketAddress[3]);
        }
    }
}
";
    }
}
