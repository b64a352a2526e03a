using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;

namespace CoapLoad
{
    /// <summary>
    /// A server run as a process of its own: started with its arguments, watched through /proc (CPU time
    /// from /proc/PID/stat, resident memory from /proc/PID/status) and stopped by its process id
    /// (SIGTERM, then SIGKILL if it does not end within 5 s). Linux only.
    /// </summary>
    public sealed class ServerProcess : IDisposable
    {
        private const int SigTerm = 15;
        private const int ClockTicksName = 2;

        private readonly Process _process;
        private readonly ManualResetEventSlim _started = new ManualResetEventSlim();
        private readonly Func<string, bool> _isStartedLine;

        private ServerProcess(string name, Process process, Func<string, bool> isStartedLine)
        {
            Name = name;
            _process = process;
            _isStartedLine = isStartedLine;
        }

        /// <summary>What the tables call it.</summary>
        public string Name { get; }

        /// <summary>Its process id.</summary>
        public int Id => _process.Id;

        /// <summary>The UDP port it serves on (from its started line, or as given).</summary>
        public int Port { get; set; }

        /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/>, reading its output in the background.</summary>
        public static ServerProcess Start(string name, string fileName, string[] arguments, Func<string, bool> isStartedLine)
        {
            var info = new ProcessStartInfo(fileName)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (string argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }

            var process = Process.Start(info) ?? throw new InvalidOperationException($"{fileName} did not start");
            var server = new ServerProcess(name, process, isStartedLine);
            process.OutputDataReceived += (_, e) => server.Saw(e.Data);
            process.ErrorDataReceived += (_, e) => server.Saw(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return server;
        }

        /// <summary>Waits up to <paramref name="timeout"/> for the started line; false when it did not come (or the process ended).</summary>
        public bool WaitStarted(TimeSpan timeout) => _started.Wait(timeout) && !_process.HasExited;

        /// <summary>True while the process runs.</summary>
        public bool IsRunning => !_process.HasExited;

        /// <summary>CPU time the process has used so far (user and system), from /proc/PID/stat.</summary>
        public TimeSpan CpuTime()
        {
            string stat = File.ReadAllText($"/proc/{Id}/stat");
            string[] fields = stat.Substring(stat.LastIndexOf(')') + 2).Split(' ');

            // Fields 14 and 15 of the file (utime, stime), counted after the command name in parentheses.
            long ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / (double)ClockTicksPerSecond());
        }

        /// <summary>Resident memory, KiB, from /proc/PID/status (VmRSS).</summary>
        public long ResidentKilobytes()
        {
            foreach (string line in File.ReadLines($"/proc/{Id}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line.Substring(6).Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }

            return 0;
        }

        /// <summary>Stops the process by its id: SIGTERM, then SIGKILL after 5 s.</summary>
        public void Dispose()
        {
            if (!_process.HasExited)
            {
                Kill(Id, SigTerm);
                if (!_process.WaitForExit(5000))
                {
                    _process.Kill();
                    _process.WaitForExit(5000);
                }
            }

            _process.Dispose();
            _started.Dispose();
        }

        private void Saw(string line)
        {
            if (line != null && _isStartedLine(line))
            {
                // "... port N": the number is the last word.
                Port = int.Parse(line.Substring(line.LastIndexOf(' ') + 1), CultureInfo.InvariantCulture);
                _started.Set();
            }
        }

        private static long ClockTicksPerSecond()
        {
            long ticks = SysConf(ClockTicksName);
            return ticks > 0 ? ticks : 100;
        }

        [DllImport("libc", EntryPoint = "kill")]
        private static extern int Kill(int pid, int signal);

        [DllImport("libc", EntryPoint = "sysconf")]
        private static extern long SysConf(int name);
    }
}
