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

        public static Result Run(params string[] arguments)
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

            using var process = Process.Start(start);
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("coap-client-notls did not finish in 30 s: " + string.Join(" ", arguments));
            }

            return new Result(process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
