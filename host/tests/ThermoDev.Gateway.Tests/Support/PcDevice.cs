using System;
using System.Globalization;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.TestSupport;

namespace ThermoDev.Gateway.Tests.Support
{
    /// <summary>
    /// The PC build of ThermoDev as a process, as a user starts it: <c>dotnet ThermoDev.Pc.dll --port 0
    /// --bind ::1</c> (a free port on loopback). Start waits (bounded) for its started line; Dispose stops
    /// it with SIGTERM and kills it by its process id when it does not end in time. It prints a line per
    /// exchange, so a test can count the requests it served.
    /// </summary>
    public sealed class PcDevice : IDisposable
    {
        /// <summary>The line the PC build prints once it serves, before the port number.</summary>
        public const string StartedPrefix = "CoAP server started on port ";

        private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

        private PcDevice(ChildProcess process, int port)
        {
            Process = process;
            Port = port;
        }

        /// <summary>The running process and its output.</summary>
        public ChildProcess Process { get; }

        /// <summary>The UDP port it serves on [::1].</summary>
        public int Port { get; }

        /// <summary>Its /temp as a coap URI.</summary>
        public string Uri => $"coap://[::1]:{Port.ToString(CultureInfo.InvariantCulture)}/temp";

        /// <summary>Starts the PC build with further <paramref name="options"/> and waits for it to serve.</summary>
        public static PcDevice Start(params string[] options)
        {
            ChildProcess process = ChildProcess.StartDotnet(BuildOutputs.PcAssembly, new[] { "--port", "0", "--bind", "::1" }.Concat(options));
            string? started = process.WaitForLine(line => line.StartsWith(StartedPrefix, StringComparison.Ordinal), StartTimeout);
            if (started == null)
            {
                string output = process.ToString();
                process.Dispose();
                Assert.Fail($"ThermoDev.Pc did not print its started line within {StartTimeout.TotalSeconds} s:\n{output}");
            }

            return new PcDevice(process, int.Parse(started!.Substring(StartedPrefix.Length), CultureInfo.InvariantCulture));
        }

        /// <summary>Exchange lines so far that contain <paramref name="text"/> (e.g. "CON GET /temp").</summary>
        public int CountLines(string text) => Process.Output.Count(line => line.Contains(text, StringComparison.Ordinal));

        /// <summary>Stops it with SIGTERM (killed by its id when that does not end it within 10 s).</summary>
        public void Dispose()
        {
            try
            {
                Process.Stop(TimeSpan.FromSeconds(10));
            }
            finally
            {
                Process.Dispose();
            }
        }
    }
}
