using System;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace ThermoDev.Gateway.Cli
{
    /// <summary>
    /// Runs a gateway as a program: starts the demo devices when asked, builds and starts the gateway,
    /// says where to open it, and serves until Ctrl+C or SIGTERM; then stops everything it started.
    /// </summary>
    public sealed class GatewayRunner
    {
        /// <summary>Exit code of a run that ended as asked.</summary>
        public const int Success = 0;

        /// <summary>Exit code when the gateway could not start (a port is taken, say).</summary>
        public const int Failure = 1;

        /// <summary>The start of the line that says where the page is.</summary>
        public const string OpenPrefix = "Open ";

        private readonly GatewaySettings _settings;
        private readonly TextWriter _output;
        private readonly TextWriter _error;

        /// <summary>A run of <paramref name="settings"/>, printing to <paramref name="output"/> and <paramref name="error"/>.</summary>
        public GatewayRunner(GatewaySettings settings, TextWriter output, TextWriter error)
        {
            ArgumentNullException.ThrowIfNull(settings);
            ArgumentNullException.ThrowIfNull(output);
            ArgumentNullException.ThrowIfNull(error);
            _settings = settings;
            _output = output;
            _error = error;
        }

        /// <summary>Serves until asked to stop; returns the exit code.</summary>
        public async Task<int> RunAsync()
        {
            Demo.DemoFleet? demo = null;
            GatewaySettings settings = _settings;
            try
            {
                if (settings.DemoCount is int count)
                {
                    demo = Demo.DemoFleet.Start(count, settings.DemoPort);
                    settings = demo.AddDevicesTo(settings);
                    _output.WriteLine($"Demo: {count} simulated ThermoDevs on {string.Join(", ", demo.Devices.Select(d => d.ToString()))}");
                }
            }
            catch (SocketException e)
            {
                _error.WriteLine($"thermodev-gateway: cannot start the demo devices on UDP [::1]:{settings.DemoPort}: {e.Message} (try --demo-port 0)");
                return Failure;
            }

            try
            {
                return await ServeAsync(settings).ConfigureAwait(false);
            }
            finally
            {
                demo?.Dispose();
            }
        }

        private async Task<int> ServeAsync(GatewaySettings settings)
        {
            GatewayApp app;
            try
            {
                app = GatewayApp.Create(settings);
            }
            catch (Exception e) when (e is ArgumentException or SocketException)
            {
                _error.WriteLine(e is SocketException && settings.RdListen != null
                    ? $"thermodev-gateway: cannot serve the Resource Directory on UDP {settings.RdListen}: {e.Message}"
                    : $"thermodev-gateway: {e.Message}");
                return Failure;
            }

            await using (app.ConfigureAwait(false))
            {
                try
                {
                    await app.StartAsync().ConfigureAwait(false);
                }
                catch (IOException e)
                {
                    _error.WriteLine($"thermodev-gateway: cannot listen on {settings.Urls}: {e.Message}");
                    return Failure;
                }

                foreach (var device in app.Core.Devices.All)
                {
                    _output.WriteLine($"Device {device.Name}: {device.Address.Uri}{(device.Oscore ? " (OSCORE)" : string.Empty)}");
                }

                if (app.Rd != null)
                {
                    _output.WriteLine($"Resource Directory (RFC 9176): {app.Rd.RegistrationUri} (UDP)");
                }

                if (app.Discovery != null)
                {
                    _output.WriteLine($"Discovery: GET /.well-known/core to 224.0.1.187 and ff02::fd on {app.Discovery.InterfaceName} every {settings.DiscoverInterval.TotalSeconds} s");
                }

                if (settings.ReadOnly)
                {
                    _output.WriteLine("Read-only: writes get 403 Forbidden");
                }

                _output.WriteLine($"Listening on {string.Join(", ", app.Addresses)}");
                _output.WriteLine($"{OpenPrefix}{app.BaseAddress.ToString().TrimEnd('/')} in a browser (Ctrl+C stops the gateway)");
                _output.Flush();
                await app.WaitForShutdownAsync().ConfigureAwait(false);
                _output.WriteLine("Stopping");
            }

            return Success;
        }
    }
}
