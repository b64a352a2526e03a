using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace ThermoDev.HostTests.EndToEnd
{
    /// <summary>
    /// A program a test runs: its output is collected line by line as it comes, so a test can wait for
    /// a line; every wait is bounded; <see cref="Dispose"/> kills it by its own process id if it still runs.
    /// </summary>
    public sealed class ToolProcess : IDisposable
    {
        /// <summary>POSIX signal numbers (the same on Linux and macOS).</summary>
        public const int SIGINT = 2;

        /// <summary>POSIX SIGTERM.</summary>
        public const int SIGTERM = 15;

        private readonly Process _process;
        private readonly List<string> _stdout = new List<string>();
        private readonly List<string> _stderr = new List<string>();
        private readonly object _gate = new object();

        private ToolProcess(Process process, string commandLine)
        {
            _process = process;
            CommandLine = commandLine;
        }

        /// <summary>The finished run of a program: exit code and output.</summary>
        public sealed record Result(int ExitCode, string Stdout, string Stderr)
        {
            /// <summary>Both outputs, for assertions that do not care which one a tool used.</summary>
            public string AllOutput => Stdout + Stderr;
        }

        /// <summary>What was started, for messages.</summary>
        public string CommandLine { get; }

        /// <summary>The process id.</summary>
        public int Id => _process.Id;

        /// <summary>True once the process has ended.</summary>
        public bool HasExited => _process.HasExited;

        /// <summary>The exit code, once <see cref="WaitForExit"/> returned true.</summary>
        public int ExitCode => _process.ExitCode;

        /// <summary>The lines written to standard output so far.</summary>
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

        /// <summary>The lines written to standard error so far.</summary>
        public IReadOnlyList<string> Errors
        {
            get
            {
                lock (_gate)
                {
                    return _stderr.ToArray();
                }
            }
        }

        /// <summary>Starts <paramref name="program"/> with <paramref name="arguments"/>, output read as UTF-8.</summary>
        public static ToolProcess Start(string program, IEnumerable<string> arguments)
        {
            var start = new ProcessStartInfo(program)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
            };
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            var process = new Process { StartInfo = start };
            var tool = new ToolProcess(process, program + " " + string.Join(" ", start.ArgumentList));
            process.OutputDataReceived += (_, e) => tool.Add(tool._stdout, e.Data);
            process.ErrorDataReceived += (_, e) => tool.Add(tool._stderr, e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return tool;
        }

        /// <summary>Runs a program to its end, killing it after <paramref name="timeout"/>.</summary>
        public static Result Run(string program, IEnumerable<string> arguments, TimeSpan timeout)
        {
            using ToolProcess tool = Start(program, arguments);
            if (!tool.WaitForExit(timeout))
            {
                throw new TimeoutException($"did not finish in {timeout.TotalSeconds} s: {tool.CommandLine}");
            }

            return new Result(tool.ExitCode, string.Join("\n", tool.Output), string.Join("\n", tool.Errors));
        }

        /// <summary>The first output line (so far or within <paramref name="timeout"/>) that <paramref name="match"/> accepts, or null.</summary>
        public string WaitForLine(Func<string, bool> match, TimeSpan timeout)
        {
            IReadOnlyList<string> lines = WaitForLines(match, 1, timeout);
            return lines.Count > 0 ? lines[0] : null;
        }

        /// <summary>
        /// Waits up to <paramref name="timeout"/> until <paramref name="count"/> output lines are accepted by
        /// <paramref name="match"/> (or the process has ended); returns those seen.
        /// </summary>
        public IReadOnlyList<string> WaitForLines(Func<string, bool> match, int count, TimeSpan timeout)
        {
            var deadline = Stopwatch.StartNew();
            lock (_gate)
            {
                while (true)
                {
                    List<string> found = _stdout.FindAll(line => match(line));
                    TimeSpan left = timeout - deadline.Elapsed;
                    if (found.Count >= count || left <= TimeSpan.Zero || (_process.HasExited && OutputClosed))
                    {
                        return found;
                    }

                    System.Threading.Monitor.Wait(_gate, left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
                }
            }
        }

        /// <summary>Waits up to <paramref name="timeout"/> for the end, and then for the rest of its output; false when it still runs.</summary>
        public bool WaitForExit(TimeSpan timeout)
        {
            if (!_process.WaitForExit(timeout))
            {
                return false;
            }

            // After a timed wait, the parameterless one waits until the redirected output is read to its end.
            _process.WaitForExit();
            return true;
        }

        /// <summary>Sends a POSIX signal to this process (by its id).</summary>
        public void Signal(int signal)
        {
            SendSignal(_process.Id, signal);
        }

        /// <summary>Sends a POSIX signal to the process <paramref name="processId"/>.</summary>
        public static void SendSignal(int processId, int signal)
        {
            if (OperatingSystem.IsWindows())
            {
                throw new PlatformNotSupportedException("POSIX signals");
            }

            if (Kill(processId, signal) != 0)
            {
                throw new InvalidOperationException($"kill({processId}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
            }
        }

        /// <summary>Kills the process by its id if it still runs, and waits (bounded) for it.</summary>
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

        private bool OutputClosed { get; set; }

        private void Add(List<string> lines, string line)
        {
            lock (_gate)
            {
                if (line == null)
                {
                    // End of the stream: once standard output has closed, no more lines will come.
                    if (lines == _stdout)
                    {
                        OutputClosed = true;
                    }
                }
                else
                {
                    lines.Add(line);
                }

                System.Threading.Monitor.PulseAll(_gate);
            }
        }

        [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        private static extern int Kill(int pid, int signal);
    }
}
