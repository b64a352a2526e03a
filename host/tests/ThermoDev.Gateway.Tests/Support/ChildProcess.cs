using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;

namespace ThermoDev.Gateway.Tests.Support
{
    /// <summary>
    /// A .NET program a test runs (dotnet some.dll ...): its output is collected line by line, every wait is
    /// bounded, <see cref="Stop"/> sends SIGTERM, and <see cref="Dispose"/> kills it by its own process id
    /// if it still runs.
    /// </summary>
    public sealed class ChildProcess : IDisposable
    {
        /// <summary>POSIX SIGINT.</summary>
        public const int SIGINT = 2;

        /// <summary>POSIX SIGTERM.</summary>
        public const int SIGTERM = 15;

        private readonly Process _process;
        private readonly List<string> _stdout = new List<string>();
        private readonly List<string> _stderr = new List<string>();
        private readonly object _gate = new object();
        private bool _outputClosed;

        private ChildProcess(Process process)
        {
            _process = process;
        }

        /// <summary>The process id.</summary>
        public int Id => _process.Id;

        /// <summary>True once it has ended.</summary>
        public bool HasExited => _process.HasExited;

        /// <summary>The exit code, once <see cref="WaitForExit"/> returned true.</summary>
        public int ExitCode => _process.ExitCode;

        /// <summary>Standard output so far.</summary>
        public IReadOnlyList<string> Output
        {
            get
            {
                lock (_gate)
                {
                    return _stdout.ToArray();
                }
            }
        }

        /// <summary>Standard error so far.</summary>
        public string Errors
        {
            get
            {
                lock (_gate)
                {
                    return string.Join("\n", _stderr);
                }
            }
        }

        /// <summary>Starts <c>dotnet <paramref name="assembly"/> <paramref name="arguments"/></c>.</summary>
        public static ChildProcess StartDotnet(string assembly, IEnumerable<string> arguments)
        {
            if (!File.Exists(assembly))
            {
                throw new FileNotFoundException($"{assembly} is missing: the test project references its project so it is built first.");
            }

            string program = BuildOutputs.DotnetHost();
            var start = new ProcessStartInfo(program)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
            };
            if (SigintIgnoredHere())
            {
                // A process started with SIGINT ignored passes that on; start the child with the default disposition.
                start.FileName = "/usr/bin/env";
                start.ArgumentList.Add("--default-signal=INT");
                start.ArgumentList.Add(program);
            }

            start.ArgumentList.Add(assembly);
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            var process = new Process { StartInfo = start };
            var child = new ChildProcess(process);
            process.OutputDataReceived += (_, e) => child.Add(child._stdout, e.Data, true);
            process.ErrorDataReceived += (_, e) => child.Add(child._stderr, e.Data, false);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return child;
        }

        /// <summary>The first output line <paramref name="match"/> accepts, waiting up to <paramref name="timeout"/>; null when none came.</summary>
        public string? WaitForLine(Func<string, bool> match, TimeSpan timeout)
        {
            var waited = Stopwatch.StartNew();
            lock (_gate)
            {
                while (true)
                {
                    string? found = _stdout.FirstOrDefault(match);
                    TimeSpan left = timeout - waited.Elapsed;
                    if (found != null || left <= TimeSpan.Zero || (_process.HasExited && _outputClosed))
                    {
                        return found;
                    }

                    Monitor.Wait(_gate, left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
                }
            }
        }

        /// <summary>Waits up to <paramref name="timeout"/> for the end and the rest of its output; false when it still runs.</summary>
        public bool WaitForExit(TimeSpan timeout)
        {
            if (!_process.WaitForExit(timeout))
            {
                return false;
            }

            _process.WaitForExit();
            return true;
        }

        /// <summary>Sends SIGTERM and waits up to <paramref name="timeout"/>; the exit code, or null when it still runs.</summary>
        public int? Stop(TimeSpan timeout)
        {
            if (!_process.HasExited && !OperatingSystem.IsWindows())
            {
                Kill(_process.Id, SIGTERM);
            }

            return WaitForExit(timeout) ? _process.ExitCode : null;
        }

        /// <summary>Kills the process by its id if it still runs.</summary>
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

        /// <summary>Everything it printed, for failure messages.</summary>
        public override string ToString()
        {
            lock (_gate)
            {
                return string.Join("\n", _stdout) + "\n" + string.Join("\n", _stderr);
            }
        }

        private void Add(List<string> lines, string? line, bool stdout)
        {
            lock (_gate)
            {
                if (line == null)
                {
                    _outputClosed |= stdout;
                }
                else
                {
                    lines.Add(line);
                }

                Monitor.PulseAll(_gate);
            }
        }

        private static bool SigintIgnoredHere()
        {
            if (!OperatingSystem.IsLinux())
            {
                return false;
            }

            string? ignored = File.ReadAllLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
            return ignored != null
                && (ulong.Parse(ignored.Substring("SigIgn:".Length).Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture) & (1UL << (SIGINT - 1))) != 0;
        }

        [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        private static extern int Kill(int pid, int signal);
    }
}
