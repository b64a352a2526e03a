using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.TestSupport;

namespace ThermoDev.Gateway.Tests.Mqtt
{
    /// <summary>
    /// A real MQTT broker for a test: Debian's mosquitto on 127.0.0.1 and a free port, anonymous, without
    /// persistence (a restart forgets every retained message), configured by a file in a folder of its own.
    /// Stopped (SIGTERM, then killed) by its process id. Without mosquitto the test is skipped (failed on CI).
    /// </summary>
    public sealed class MqttBroker : IDisposable
    {
        /// <summary>Where Debian's mosquitto package puts the broker.</summary>
        public const string DebianPath = "/usr/sbin/mosquitto";

        private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);

        private readonly string _program;
        private readonly string _folder;
        private ChildProcess? _process;

        private MqttBroker(string program, string folder, int port)
        {
            _program = program;
            _folder = folder;
            Port = port;
        }

        /// <summary>The TCP port it listens on (the same after <see cref="Restart"/>).</summary>
        public int Port { get; }

        /// <summary>mqtt://127.0.0.1:port, as --mqtt takes it.</summary>
        public string Uri => "mqtt://127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);

        /// <summary>The broker's process id while it runs.</summary>
        public int? ProcessId => _process?.Id;

        /// <summary>Starts a broker and waits (bounded) until it accepts connections.</summary>
        public static MqttBroker Start()
        {
            string program = File.Exists(DebianPath) ? DebianPath : ExternalToolMosquitto();
            string folder = Path.Combine(Path.GetTempPath(), "thermodev-mqtt-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            var broker = new MqttBroker(program, folder, FreeTcpPort());
            File.WriteAllText(broker.ConfigPath, $"listener {broker.Port.ToString(CultureInfo.InvariantCulture)} 127.0.0.1\nallow_anonymous true\npersistence false\n");
            try
            {
                broker.Launch();
            }
            catch
            {
                broker.Dispose();
                throw;
            }

            return broker;
        }

        private string ConfigPath => Path.Combine(_folder, "mosquitto.conf");

        /// <summary>Stops the broker (the gateway's connection drops), then starts it again on the same port.</summary>
        public void Restart()
        {
            Stop();
            Launch();
        }

        /// <summary>Stops the broker by its process id (SIGTERM, killed after 5 s).</summary>
        public void Stop()
        {
            if (_process != null)
            {
                _process.Stop(TimeSpan.FromSeconds(5));
                _process.Dispose();
                _process = null;
            }
        }

        /// <summary>Stops the broker and deletes its folder.</summary>
        public void Dispose()
        {
            Stop();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // Left behind in the temporary folder.
            }
        }

        private void Launch()
        {
            _process = ChildProcess.Start(_program, new[] { "-c", ConfigPath });
            var waited = Stopwatch.StartNew();
            while (waited.Elapsed < StartTimeout)
            {
                if (_process.HasExited)
                {
                    break;
                }

                try
                {
                    using var probe = new TcpClient();
                    probe.Connect(IPAddress.Loopback, Port);
                    return;
                }
                catch (SocketException)
                {
                    Thread.Sleep(50);
                }
            }

            string output = _process.ToString();
            Stop();
            Assert.Fail($"mosquitto did not accept connections on port {Port} within {StartTimeout.TotalSeconds} s:\n{output}");
        }

        private static int FreeTcpPort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        /// <summary>mosquitto elsewhere on PATH, or the test skipped (failed on CI) with how to install it.</summary>
        internal static string ExternalToolMosquitto()
        {
            string? found = ExternalTool.Find("mosquitto");
            if (found != null)
            {
                return found;
            }

            const string Reason = "needs mosquitto: apt-get install mosquitto";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(Reason + " (CI must install it: see .ci/run)");
            }

            Assert.Inconclusive(Reason);
            return string.Empty;
        }
    }
}
