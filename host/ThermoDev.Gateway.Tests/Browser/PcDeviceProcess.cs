using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ThermoDev.Gateway.Tests.Browser
{
    /// <summary>
    /// The PC build (host/ThermoDev.Pc, built before these tests) run as a process on 127.0.0.1 and a free
    /// port: <c>dotnet ThermoDev.Pc.dll --port 0 --bind 127.0.0.1 ...</c>. Start waits (bounded) for its
    /// "CoAP server started on port N" line; Dispose kills it by its process id.
    /// </summary>
    public sealed class PcDeviceProcess : IDisposable
    {
        private const string StartedPrefix = "CoAP server started on port ";
        private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

        private readonly Process _process;

        private PcDeviceProcess(Process process, int port)
        {
            _process = process;
            Port = port;
        }

        /// <summary>The UDP port it reported.</summary>
        public int Port { get; }

        /// <summary>The coap:// URI of its /temp resource.</summary>
        public string TempUri => $"coap://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/temp";

        /// <summary>Starts the PC build with <paramref name="options"/> and waits until it serves.</summary>
        public static PcDeviceProcess Start(params string[] options)
        {
            string assembly = Path.Combine(Metadata("RepoRoot"), "host", "ThermoDev.Pc", "bin", Metadata("Configuration"), "net10.0", "ThermoDev.Pc.dll");
            if (!File.Exists(assembly))
            {
                Assert.Fail($"{assembly} is missing: the test project references host/ThermoDev.Pc so it is built first.");
            }

            var start = new ProcessStartInfo(DotnetHost())
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string argument in new[] { assembly, "--port", "0", "--bind", "127.0.0.1" }.Concat(options))
            {
                start.ArgumentList.Add(argument);
            }

            var process = new Process { StartInfo = start };
            var started = new ManualResetEventSlim(); // not disposed: a late line may still set it
            int port = 0;
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data != null && e.Data.StartsWith(StartedPrefix, StringComparison.Ordinal)
                    && int.TryParse(e.Data.AsSpan(StartedPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int reported))
                {
                    port = reported;
                    started.Set();
                }
            };
            process.ErrorDataReceived += (_, _) => { };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!started.Wait(StartTimeout))
            {
                new PcDeviceProcess(process, 0).Dispose();
                Assert.Fail($"ThermoDev.Pc did not print its started line within {StartTimeout.TotalSeconds} s");
            }

            return new PcDeviceProcess(process, port);
        }

        /// <summary>Kills the process by its id if it still runs, and waits (bounded) for its end.</summary>
        public void Dispose()
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                    _process.WaitForExit(5_000);
                }
            }
            catch (InvalidOperationException)
            {
                // It ended in between.
            }

            _process.Dispose();
        }

        private static string Metadata(string key) =>
            typeof(PcDeviceProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value ?? string.Empty;

        // The dotnet that runs these tests.
        private static string DotnetHost()
        {
            string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(host) && File.Exists(host))
            {
                return host;
            }

            string root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
            string dotnet = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
            return File.Exists(dotnet) ? dotnet : "dotnet";
        }
    }
}
