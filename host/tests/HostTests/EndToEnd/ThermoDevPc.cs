using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Support;
using ThermoDev.TestSupport;

namespace ThermoDev.HostTests.EndToEnd
{
    /// <summary>
    /// The PC build (host/apps/ThermoDev.Pc, built before these tests) started as a process on a free port of
    /// a loopback address, as a user starts it: <c>dotnet ThermoDev.Pc.dll --port 0 --bind 127.0.0.1</c>.
    /// Start waits (bounded) for its "CoAP server started on port N" line (one per device with --devices,
    /// see <see cref="StartDevices"/>); Dispose stops it with SIGTERM and kills it by its process id when
    /// it does not end in time.
    /// </summary>
    public sealed class ThermoDevPc : IDisposable
    {
        /// <summary>The line the PC build prints once it serves, before the port number.</summary>
        public const string StartedPrefix = "CoAP server started on port ";

        private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
        private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

        private ThermoDevPc(ChildProcess process, IPAddress address, IReadOnlyList<int> ports)
        {
            Process = process;
            Address = address;
            Ports = ports;
        }

        /// <summary>The built PC program, from the same configuration as these tests.</summary>
        public static string AssemblyPath => RepoPaths.Of($"host/apps/ThermoDev.Pc/bin/{RepoPaths.Configuration}/net10.0/ThermoDev.Pc.dll");

        /// <summary>The running process and its output.</summary>
        public ChildProcess Process { get; }

        /// <summary>The loopback address it serves on.</summary>
        public IPAddress Address { get; }

        /// <summary>The port it reported (the first device's).</summary>
        public int Port => Ports[0];

        /// <summary>Every device's port, in the order of the started lines.</summary>
        public IReadOnlyList<int> Ports { get; }

        /// <summary>The address as a URI writes it: 127.0.0.1 or [::1].</summary>
        public string Host => Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{Address}]" : Address.ToString();

        /// <summary>A coap:// URI of a path on this server (the first device).</summary>
        public string Uri(string path = "temp") => UriOf(Port, path);

        /// <summary>A coap:// URI of a path on the device at <paramref name="port"/>.</summary>
        public string UriOf(int port, string path = "temp") => $"coap://{Host}:{port.ToString(CultureInfo.InvariantCulture)}/{path}";

        /// <summary>
        /// Starts the PC build on <paramref name="loopback"/> ("127.0.0.1" or "::1") and a free port, with
        /// further <paramref name="options"/>, and waits for it to serve.
        /// </summary>
        public static ThermoDevPc Start(string loopback, params string[] options) => Start(loopback, 1, options);

        /// <summary>
        /// Starts the PC build with <c>--devices <paramref name="devices"/></c> on <paramref name="loopback"/>
        /// and free ports, and waits for a started line per device.
        /// </summary>
        public static ThermoDevPc StartDevices(string loopback, int devices, params string[] options) =>
            Start(loopback, devices, new[] { "--devices", devices.ToString(CultureInfo.InvariantCulture) }.Concat(options).ToArray());

        private static ThermoDevPc Start(string loopback, int devices, string[] options)
        {
            var address = IPAddress.Parse(loopback);
            if (!IPAddress.IsLoopback(address))
            {
                throw new ArgumentException("tests serve on loopback only", nameof(loopback));
            }

            ChildProcess process = StartProcess(new[] { "--port", "0", "--bind", loopback }.Concat(options));
            IReadOnlyList<string> started = process.WaitForLines(line => line.StartsWith(StartedPrefix, StringComparison.Ordinal), devices, StartTimeout);
            if (started.Count < devices)
            {
                string output = process.Describe();
                process.Dispose();
                Assert.Fail($"ThermoDev.Pc did not print {devices} started line(s) within {StartTimeout.TotalSeconds} s: {output}");
            }

            return new ThermoDevPc(process, address, started.Take(devices).Select(line => int.Parse(line.Substring(StartedPrefix.Length), CultureInfo.InvariantCulture)).ToList());
        }

        /// <summary>Runs the PC build with <paramref name="arguments"/> to its end (for --help, bad options).</summary>
        public static ChildProcess.Result Run(params string[] arguments)
        {
            using ChildProcess process = StartProcess(arguments);
            return process.Finish(StartTimeout);
        }

        /// <summary>Runs coap-client-notls with <paramref name="options"/> against <paramref name="path"/> here (waiting at most 10 s for an answer).</summary>
        public ChildProcess.Result Client(string path, params string[] options)
        {
            string client = ExternalTool.Require("coap-client-notls");
            return ChildProcess.Run(client, options.Concat(new[] { "-B", "10", Uri(path) }), TimeSpan.FromSeconds(30));
        }

        /// <summary>Starts an observing coap-client-notls (-s) that prints each value on a line of its own (-w).</summary>
        public ChildProcess Observe(string path, int seconds) => ObserveUri(Uri(path), seconds);

        /// <summary>As <see cref="Observe"/>, of the device at <paramref name="port"/>.</summary>
        public ChildProcess ObserveDevice(int port, string path, int seconds) => ObserveUri(UriOf(port, path), seconds);

        private static ChildProcess ObserveUri(string uri, int seconds)
        {
            string client = ExternalTool.Require("coap-client-notls");
            return ChildProcess.Start(client, new[] { "-s", seconds.ToString(CultureInfo.InvariantCulture), "-w", "-B", (seconds + 5).ToString(CultureInfo.InvariantCulture), uri });
        }

        /// <summary>The GET answer of /temp as text.</summary>
        public string Get() => Client("temp", "-m", "get").Stdout.Trim();

        /// <summary>Sends <paramref name="signal"/> and waits for the end; the exit code, or null when it still runs after <paramref name="timeout"/>.</summary>
        public int? Stop(int signal, TimeSpan timeout)
        {
            Process.Signal(signal);
            return Process.WaitForExit(timeout) ? Process.ExitCode : null;
        }

        /// <summary>Stops it with SIGTERM, and kills it by its process id when that does not end it in time.</summary>
        public void Dispose()
        {
            try
            {
                if (!Process.HasExited && !OperatingSystem.IsWindows())
                {
                    Stop(ChildProcess.SIGTERM, StopTimeout);
                }
            }
            finally
            {
                Process.Dispose();
            }
        }

        private static ChildProcess StartProcess(IEnumerable<string> arguments)
        {
            (string program, List<string> command) = Command(arguments);
            return ChildProcess.Start(program, command);
        }

        /// <summary>The program and arguments that run the PC build with <paramref name="arguments"/>.</summary>
        public static (string Program, List<string> Arguments) Command(IEnumerable<string> arguments)
        {
            string assembly = AssemblyPath;
            if (!File.Exists(assembly))
            {
                Assert.Fail($"{assembly} is missing: HostTests.csproj references host/apps/ThermoDev.Pc so it is built first.");
            }

            return ChildProcess.DotnetCommand(assembly, arguments);
        }
    }
}
