using System;
using ThermoDev.TestSupport;

namespace ThermoDev.HostTests.Interop
{
    /// <summary>Runs libcoap's coap-client-notls (through <see cref="ChildProcess"/>) with a hard timeout and returns what it printed.</summary>
    public static class CoapClient
    {
        private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(30);

        /// <summary>Runs the client to its end (killed after 30 s).</summary>
        public static ChildProcess.Result Run(params string[] arguments) => Start(arguments).Finish(RunTimeout);

        /// <summary>Starts the client and returns at once (for -s, which keeps it listening); <see cref="Running.Finish"/> waits for it.</summary>
        public static Running Start(params string[] arguments) =>
            new Running(ChildProcess.Start(ExternalTool.Require("coap-client-notls"), arguments));

        /// <summary>A client process that is running; <see cref="Finish"/> waits for it and kills it by its process id if it hangs.</summary>
        public sealed class Running
        {
            private readonly ChildProcess _process;

            internal Running(ChildProcess process)
            {
                _process = process;
            }

            /// <summary>Exit code and output, waiting up to <paramref name="timeout"/>; killed and a <see cref="TimeoutException"/> when it overruns.</summary>
            public ChildProcess.Result Finish(TimeSpan timeout)
            {
                using (_process)
                {
                    return _process.Finish(timeout);
                }
            }
        }
    }
}
