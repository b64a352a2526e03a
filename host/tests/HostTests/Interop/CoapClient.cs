using System;
using System.Collections.Generic;
using System.Diagnostics;
using ThermoDev.HostTests.Support;

namespace ThermoDev.HostTests.Interop
{
    /// <summary>Runs libcoap's coap-client-notls with a hard timeout and returns what it printed.</summary>
    public static class CoapClient
    {
        public sealed record Result(int ExitCode, string Stdout, string Stderr);

        public static Result Run(params string[] arguments) => Start(arguments).Finish(TimeSpan.FromSeconds(30));

        /// <summary>Starts the client and returns at once (for -s, which keeps it listening).</summary>
        public static Running Start(params string[] arguments)
        {
            string client = ExternalTool.Require("coap-client-notls", "apt-get install libcoap3-bin");
            var start = new ProcessStartInfo(client)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            return new Running(Process.Start(start), arguments);
        }

        /// <summary>A client process that is running; <see cref="Finish"/> waits for it and stops it by its process id if it hangs.</summary>
        public sealed class Running
        {
            private readonly Process _process;
            private readonly string[] _arguments;
            private readonly System.Threading.Tasks.Task<string> _stdout;
            private readonly System.Threading.Tasks.Task<string> _stderr;

            internal Running(Process process, string[] arguments)
            {
                _process = process;
                _arguments = arguments;
                _stdout = process.StandardOutput.ReadToEndAsync();
                _stderr = process.StandardError.ReadToEndAsync();
            }

            public Result Finish(TimeSpan timeout)
            {
                using (_process)
                {
                    if (!_process.WaitForExit(timeout))
                    {
                        _process.Kill(entireProcessTree: true);
                        throw new TimeoutException($"coap-client-notls did not finish in {timeout.TotalSeconds} s: " + string.Join(" ", _arguments));
                    }

                    return new Result(_process.ExitCode, _stdout.Result, _stderr.Result);
                }
            }
        }
    }
}
