using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading;

namespace FleetScale
{
    /// <summary>
    /// A process the tool started: its output drained into a bounded tail (so a full pipe never blocks it),
    /// lines watched for a marker, and a stop by its own process id (SIGTERM, then SIGKILL after a bounded wait).
    /// </summary>
    public sealed class ChildProcess : IDisposable
    {
        private const int TailLines = 40;
        private readonly Process _process;
        private readonly Queue<string> _tail = new Queue<string>();
        private readonly string _marker;
        private int _markerLines;

        private ChildProcess(string label, Process process, string marker)
        {
            Label = label;
            _process = process;
            _marker = marker;
        }

        /// <summary>What the process is, for messages.</summary>
        public string Label { get; }

        /// <summary>Its process id.</summary>
        public int Id => _process.Id;

        /// <summary>Whether it has ended.</summary>
        public bool HasExited => _process.HasExited;

        /// <summary>Lines seen so far that contain the marker given at start.</summary>
        public int MarkerLines => Volatile.Read(ref _markerLines);

        /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/>, counting output lines containing <paramref name="marker"/>.</summary>
        public static ChildProcess Start(string label, string fileName, IEnumerable<string> arguments, string marker, IReadOnlyDictionary<string, string>? environment = null)
        {
            var info = new ProcessStartInfo(fileName)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = false,
                UseShellExecute = false,
            };
            foreach (string argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }

            if (environment != null)
            {
                foreach (KeyValuePair<string, string> pair in environment)
                {
                    info.Environment[pair.Key] = pair.Value;
                }
            }

            var process = new Process { StartInfo = info };
            var child = new ChildProcess(label, process, marker);
            process.OutputDataReceived += (_, e) => child.Line(e.Data);
            process.ErrorDataReceived += (_, e) => child.Line(e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return child;
        }

        /// <summary>The last lines it wrote, for a failure message.</summary>
        public string Tail()
        {
            lock (_tail)
            {
                return string.Join("\n", _tail);
            }
        }

        /// <summary>SIGTERM, up to <paramref name="wait"/> for it to end, then SIGKILL.</summary>
        public void Stop(TimeSpan wait)
        {
            try
            {
                if (_process.HasExited)
                {
                    return;
                }

                _ = SendSignal(_process.Id, Sigterm);
                if (!_process.WaitForExit(wait))
                {
                    _process.Kill(entireProcessTree: false);
                    _process.WaitForExit(wait);
                }
            }
            catch (InvalidOperationException)
            {
                // Never started or already reaped.
            }
        }

        /// <inheritdoc/>
        public void Dispose()
        {
            Stop(TimeSpan.FromSeconds(5));
            _process.Dispose();
        }

        private void Line(string? line)
        {
            if (line == null)
            {
                return;
            }

            if (_marker.Length > 0 && line.Contains(_marker, StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _markerLines);
            }

            lock (_tail)
            {
                _tail.Enqueue(line);
                while (_tail.Count > TailLines)
                {
                    _tail.Dequeue();
                }
            }
        }

        private const int Sigterm = 15;

        [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        private static extern int SendSignal(int pid, int signal);
    }
}
