using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;

namespace ThermoDev.TestSupport
{
    /// <summary>
    /// A program a test runs. Its output is collected line by line as it comes (so a test can wait for a
    /// line), every wait is bounded, and <see cref="Dispose"/> kills it, and every process it started, by
    /// its own process id if it still runs. Failure messages carry the command line and the last lines it
    /// printed (<see cref="Describe"/>). Standard input is closed at start: no test program reads it.
    /// </summary>
    public sealed class ChildProcess : IDisposable
    {
        /// <summary>POSIX SIGINT (the same number on Linux and macOS).</summary>
        public const int SIGINT = 2;

        /// <summary>POSIX SIGTERM.</summary>
        public const int SIGTERM = 15;

        /// <summary>Lines of output a failure message shows, from the end.</summary>
        public const int TailLines = 40;

        private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(5);
        private static readonly TimeSpan PollSlice = TimeSpan.FromMilliseconds(200);

        private readonly Process _process;
        private readonly List<string> _stdout = new List<string>();
        private readonly List<string> _stderr = new List<string>();
        private readonly object _gate = new object();
        private bool _stdoutClosed;

        private ChildProcess(Process process, string commandLine)
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

        /// <summary>
        /// Standard output as a stream the test reads itself; only when started with
        /// <c>readStandardOutput: false</c> (to leave the pipe unread, say).
        /// </summary>
        public StreamReader StandardOutput => _process.StandardOutput;

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

        /// <summary>Standard output so far, one string.</summary>
        public string OutputText => string.Join("\n", Output);

        /// <summary>Standard error so far, one string.</summary>
        public string ErrorText => string.Join("\n", Errors);

        /// <summary>
        /// Starts <paramref name="program"/> with <paramref name="arguments"/>, output read as UTF-8.
        /// <paramref name="configure"/> may set the environment or the working directory; with
        /// <paramref name="readStandardOutput"/> false, standard output is left for the test to read
        /// (<see cref="StandardOutput"/>).
        /// </summary>
        public static ChildProcess Start(string program, IEnumerable<string> arguments, Action<ProcessStartInfo> configure = null, bool readStandardOutput = true)
        {
            ArgumentNullException.ThrowIfNull(program);
            ArgumentNullException.ThrowIfNull(arguments);
            var start = new ProcessStartInfo(program)
            {
                RedirectStandardInput = true,
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

            configure?.Invoke(start);
            var process = new Process { StartInfo = start };
            var child = new ChildProcess(process, start.FileName + " " + string.Join(" ", start.ArgumentList));
            if (readStandardOutput)
            {
                process.OutputDataReceived += (_, e) => child.Add(child._stdout, e.Data);
            }

            process.ErrorDataReceived += (_, e) => child.Add(child._stderr, e.Data);
            process.Start();
            process.StandardInput.Close();
            if (readStandardOutput)
            {
                process.BeginOutputReadLine();
            }

            process.BeginErrorReadLine();
            return child;
        }

        /// <summary>
        /// Starts <c>dotnet <paramref name="assembly"/> <paramref name="arguments"/></c> with the dotnet that
        /// runs the tests, and with SIGINT handled by default even when the tests run with it ignored.
        /// </summary>
        public static ChildProcess StartDotnet(string assembly, IEnumerable<string> arguments, bool readStandardOutput = true)
        {
            if (!File.Exists(assembly))
            {
                throw new FileNotFoundException($"{assembly} is missing: the test project references its project so it is built first.", assembly);
            }

            (string program, List<string> command) = DotnetCommand(assembly, arguments);
            return Start(program, command, null, readStandardOutput);
        }

        /// <summary>The program and arguments <see cref="StartDotnet"/> runs.</summary>
        public static (string Program, List<string> Arguments) DotnetCommand(string assembly, IEnumerable<string> arguments)
        {
            var command = new List<string>();
            string program = DotnetHost();
            if (SigintIgnoredHere())
            {
                // A process started with SIGINT ignored (a background job of a shell) passes that on, and an
                // ignored SIGINT cannot be handled: start the child with the default disposition.
                command.AddRange(new[] { "--default-signal=INT", program });
                program = "/usr/bin/env";
            }

            command.Add(assembly);
            command.AddRange(arguments);
            return (program, command);
        }

        /// <summary>
        /// Runs a program to its end. When it runs longer than <paramref name="timeout"/> it is killed (with
        /// every process it started) and a <see cref="TimeoutException"/> says so with the tail of its output.
        /// </summary>
        public static Result Run(string program, IEnumerable<string> arguments, TimeSpan timeout, Action<ProcessStartInfo> configure = null)
        {
            using ChildProcess child = Start(program, arguments, configure);
            return child.Finish(timeout);
        }

        /// <summary>
        /// Waits up to <paramref name="timeout"/> for the end and returns exit code and output; when it still
        /// runs, kills it and throws a <see cref="TimeoutException"/> with the tail of its output.
        /// </summary>
        public Result Finish(TimeSpan timeout)
        {
            if (!WaitForExit(timeout))
            {
                Kill();
                throw new TimeoutException($"did not finish within {timeout.TotalSeconds} s and was killed. " + Describe());
            }

            return new Result(ExitCode, OutputText, ErrorText);
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
            var waited = Stopwatch.StartNew();
            lock (_gate)
            {
                while (true)
                {
                    List<string> found = _stdout.FindAll(line => match(line));
                    TimeSpan left = timeout - waited.Elapsed;
                    if (found.Count >= count || left <= TimeSpan.Zero || (_process.HasExited && _stdoutClosed))
                    {
                        return found;
                    }

                    Monitor.Wait(_gate, left < PollSlice ? left : PollSlice);
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

        /// <summary>Sends a POSIX signal to this process, by its id.</summary>
        public void Signal(int signal) => SendSignal(_process.Id, signal);

        /// <summary>Sends SIGTERM (where there are signals) and waits up to <paramref name="timeout"/>; the exit code, or null when it still runs.</summary>
        public int? Stop(TimeSpan timeout)
        {
            if (!_process.HasExited && !OperatingSystem.IsWindows())
            {
                Signal(SIGTERM);
            }

            return WaitForExit(timeout) ? _process.ExitCode : null;
        }

        /// <summary>Sends a POSIX signal to the process <paramref name="processId"/>.</summary>
        public static void SendSignal(int processId, int signal)
        {
            if (OperatingSystem.IsWindows())
            {
                throw new PlatformNotSupportedException("POSIX signals");
            }

            if (PosixKill(processId, signal) != 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                const int NoSuchProcess = 3;   // ESRCH: it ended in between
                if (errno != NoSuchProcess)
                {
                    throw new InvalidOperationException($"kill({processId}, {signal}) failed: errno {errno}");
                }
            }
        }

        /// <summary>The command line, the exit code if it ended, and the last <see cref="TailLines"/> lines of each output.</summary>
        public string Describe()
        {
            string state = _process.HasExited ? "exit code " + _process.ExitCode.ToString(CultureInfo.InvariantCulture) : "still running";
            return $"{CommandLine} ({state})\n--- standard output, last lines:\n{Tail(Output)}\n--- standard error, last lines:\n{Tail(Errors)}";
        }

        /// <summary>Same as <see cref="Describe"/>.</summary>
        public override string ToString() => Describe();

        /// <summary>Kills the process and what it started, by its id, if it still runs; waits (bounded) for it.</summary>
        public void Dispose()
        {
            Kill();
            _process.Dispose();
        }

        private void Kill()
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                    _process.WaitForExit(KillWait);
                }
            }
            catch (InvalidOperationException)
            {
                // It ended in between.
            }
        }

        private static string Tail(IReadOnlyList<string> lines) =>
            lines.Count <= TailLines
                ? string.Join("\n", lines)
                : $"({lines.Count - TailLines} lines before)\n" + string.Join("\n", lines.Skip(lines.Count - TailLines));

        private void Add(List<string> lines, string line)
        {
            lock (_gate)
            {
                if (line == null)
                {
                    // End of the stream: once standard output has closed, no more lines will come.
                    _stdoutClosed |= lines == _stdout;
                }
                else
                {
                    lines.Add(line);
                }

                Monitor.PulseAll(_gate);
            }
        }

        // The dotnet that runs these tests.
        private static string DotnetHost()
        {
            string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(host) && File.Exists(host))
            {
                return host;
            }

            // The runtime lives in <dotnet root>/shared/Microsoft.NETCore.App/<version>/.
            string root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
            string dotnet = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
            return File.Exists(dotnet) ? dotnet : "dotnet";
        }

        private static bool SigintIgnoredHere()
        {
            if (!OperatingSystem.IsLinux())
            {
                return false;
            }

            string ignored = File.ReadAllLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
            return ignored != null
                && (ulong.Parse(ignored.Substring("SigIgn:".Length).Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture) & (1UL << (SIGINT - 1))) != 0;
        }

        [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        private static extern int PosixKill(int pid, int signal);
    }
}
