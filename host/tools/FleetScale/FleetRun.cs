using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace FleetScale
{
    /// <summary>
    /// One run on loopback: a broker (unless given), the gateway, the PC-build processes; all devices online;
    /// then the measured window, with changes, samples and the two subscribers; then every process stopped
    /// by its id, whatever happened.
    /// </summary>
    public sealed class FleetRun
    {
        private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(5);
        private readonly FleetOptions _options;
        private readonly TextWriter _log;
        private readonly List<ChildProcess> _children = new List<ChildProcess>();
        private string? _brokerFolder;

        /// <summary>A run of <paramref name="options"/>, progress on <paramref name="log"/>.</summary>
        public FleetRun(FleetOptions options, TextWriter log)
        {
            _options = options;
            _log = log;
        }

        /// <summary>Runs it; throws <see cref="FleetException"/> when the fleet cannot be brought up.</summary>
        public async Task<FleetResult> RunAsync(CancellationToken cancel)
        {
            try
            {
                return await MeasureAsync(cancel);
            }
            finally
            {
                StopAll();
            }
        }

        private async Task<FleetResult> MeasureAsync(CancellationToken cancel)
        {
            FleetOptions o = _options;
            var result = new FleetResult { Options = o, LoadAtStart = LoadAverage() };
            int processes = (o.Devices + o.PerProcess - 1) / o.PerProcess;
            int basePort = o.BasePort != 0 ? o.BasePort : FreeUdpRange(o.Devices);
            int httpPort = FreeTcpPort();
            int rdPort = FreeUdpPort();
            var devices = new ChangeDriver.Device[o.Devices];
            for (int i = 0; i < o.Devices; i++)
            {
                int process = i / o.PerProcess;
                int port = basePort + i;
                devices[i] = new ChangeDriver.Device($"fleet{process:D2}-{port}", port);
            }

            int brokerPort = o.Broker?.Port ?? await StartBrokerAsync(cancel);
            ChildProcess? mosquitto = o.Broker == null ? _children[^1] : null;

            var gatewayArgs = new List<string>
            {
                o.GatewayDll, "--urls", $"http://127.0.0.1:{httpPort}", "--mqtt", $"mqtt://127.0.0.1:{brokerPort}", "--mqtt-prefix", o.MqttPrefix,
            };
            if (o.Join == JoinMode.Rd)
            {
                // One place in the directory per device (--rd-capacity; 32 by default).
                gatewayArgs.AddRange(new[] { "--rd-listen", $"127.0.0.1:{rdPort}", "--rd-capacity", Math.Max(32, devices.Length).ToString(System.Globalization.CultureInfo.InvariantCulture) });
            }
            else
            {
                foreach (ChangeDriver.Device device in devices)
                {
                    gatewayArgs.AddRange(new[] { "--device", $"{device.Name}=coap://127.0.0.1:{device.Port}/temp" });
                }
            }

            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            var api = new Uri($"http://127.0.0.1:{httpPort}/api/devices");
            var environment = new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Warning" };
            _log.WriteLine($"gateway: http://127.0.0.1:{httpPort}, broker 127.0.0.1:{brokerPort}, devices join by {(o.Join == JoinMode.Rd ? $"RD 127.0.0.1:{rdPort}" : "--device")}");
            ChildProcess gateway = Started(ChildProcess.Start("gateway", "dotnet", gatewayArgs, string.Empty, environment));
            await WaitAsync("the gateway's HTTP side", TimeSpan.FromSeconds(60), gateway, async () =>
            {
                try
                {
                    using HttpResponseMessage r = await http.GetAsync(api, cancel);
                    return r.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, cancel);

            _log.WriteLine($"devices: {o.Devices} in {processes} PC processes, UDP ports {basePort}-{basePort + o.Devices - 1}");
            var pcs = new List<ChildProcess>();
            for (int p = 0; p < processes; p++)
            {
                int count = Math.Min(o.PerProcess, o.Devices - p * o.PerProcess);
                var args = new List<string>
                {
                    o.PcDll, "--devices", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                    "--port", (basePort + p * o.PerProcess).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "--name", $"fleet{p:D2}", "--quiet", "--multicast", "false",
                };
                if (o.Join == JoinMode.Rd)
                {
                    args.AddRange(new[] { "--rd", $"coap://127.0.0.1:{rdPort}/rd" });
                }

                pcs.Add(Started(ChildProcess.Start($"pc{p:D2}", "dotnet", args, "CoAP server started on port")));
            }

            var started = Stopwatch.StartNew();
            var names = new HashSet<string>(devices.Select(d => d.Name), StringComparer.Ordinal);
            int online = 0;
            await WaitAsync($"all {o.Devices} devices online at the gateway", o.OnlineTimeout, gateway, async () =>
            {
                foreach (ChildProcess pc in pcs)
                {
                    if (pc.HasExited)
                    {
                        throw new FleetException($"{pc.Label} ended:\n{pc.Tail()}");
                    }
                }

                online = await CountOnlineAsync(http, api, names, cancel);
                return online == o.Devices;
            }, cancel, () => $"{online} of {o.Devices} online");
            result.SecondsToOnline = started.Elapsed.TotalSeconds;
            _log.WriteLine($"all {o.Devices} devices online after {result.SecondsToOnline:F1} s");

            var ledger = new ChangeLedger();
            var sseDrops = new StrongBox();
            using var stopWatchers = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            var sseConnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Task sse = Task.Run(() => SseWatcher.RunAsync(http, new Uri($"http://127.0.0.1:{httpPort}/events"), ledger.Sse, sseDrops, sseConnected, stopWatchers.Token), CancellationToken.None);
            await using var mqtt = new MqttWatcher();
            await mqtt.StartAsync(brokerPort, o.MqttPrefix, ledger.Mqtt, cancel);
            await sseConnected.Task.WaitAsync(TimeSpan.FromSeconds(30), cancel);
            await Task.Delay(TimeSpan.FromSeconds(2), cancel); // the retained states and the SSE current state arrive first

            _log.WriteLine($"measuring for {o.Window.TotalSeconds:F0} s: 1 change per device per {o.ChangePeriod.TotalSeconds:F0} s");
            using var driver = new ChangeDriver(devices, o.ChangePeriod, ledger);
            using var window = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            window.CancelAfter(o.Window);
            Task driving = Task.Run(() => driver.RunAsync(window.Token), CancellationToken.None);
            long ticksPerSecond = Stopwatch.Frequency;
            ProcessSample first = Sample(gateway);
            ProcessSample? pcsFirst = SumSample(pcs);
            ProcessSample? brokerFirst = mosquitto == null ? null : ProcessSample.Take(mosquitto.Id, Stopwatch.GetTimestamp());
            ProcessSample previous = first;
            result.RssKilobytes.Add(first.RssKilobytes);
            while (!window.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(o.SampleInterval, window.Token);
                }
                catch (OperationCanceledException)
                {
                }

                ProcessSample now = Sample(gateway);
                result.CpuPercent.Add(now.CpuPercentSince(previous, ticksPerSecond));
                result.RssKilobytes.Add(now.RssKilobytes);
                previous = now;
            }

            cancel.ThrowIfCancellationRequested();
            await driving;
            result.GatewayCpuMean = previous.CpuPercentSince(first, ticksPerSecond);
            result.PcCpuMean = pcsFirst is ProcessSample a && SumSample(pcs) is ProcessSample b ? b.CpuPercentSince(a, ticksPerSecond) : double.NaN;
            result.BrokerCpuMean = brokerFirst is ProcessSample c && ProcessSample.Take(mosquitto!.Id, Stopwatch.GetTimestamp()) is ProcessSample d ? d.CpuPercentSince(c, ticksPerSecond) : double.NaN;
            result.LoadAtEnd = LoadAverage();
            _log.WriteLine($"window over: {ledger.Made} changes made; waiting {o.Grace.TotalSeconds:F0} s for the last ones");
            await Task.Delay(o.Grace, cancel);
            stopWatchers.Cancel();
            await sse;
            result.Ledger = ledger;
            result.Acks = driver.Acks;
            result.SseReconnects = sseDrops.Value;
            result.OnlineAtEnd = await CountOnlineAsync(http, api, names, cancel);
            return result;
        }

        private async Task<int> StartBrokerAsync(CancellationToken cancel)
        {
            if (!File.Exists(_options.Mosquitto))
            {
                throw new FleetException($"no broker: {_options.Mosquitto} does not exist (apt-get install mosquitto, or --mosquitto <path>, or --broker mqtt://127.0.0.1:<port>)");
            }

            int port = FreeTcpPort();
            string folder = Path.Combine(Path.GetTempPath(), "fleetscale-" + Environment.ProcessId);
            Directory.CreateDirectory(folder);
            _brokerFolder = folder;
            string config = Path.Combine(folder, "mosquitto.conf");
            File.WriteAllText(config, $"listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\n");
            ChildProcess broker = Started(ChildProcess.Start("mosquitto", _options.Mosquitto, new[] { "-c", config }, string.Empty));
            await WaitAsync("mosquitto", TimeSpan.FromSeconds(10), broker, async () =>
            {
                using var client = new TcpClient();
                try
                {
                    await client.ConnectAsync(IPAddress.Loopback, port, cancel);
                    return true;
                }
                catch (SocketException)
                {
                    return false;
                }
            }, cancel);
            return port;
        }

        private ChildProcess Started(ChildProcess child)
        {
            lock (_children)
            {
                _children.Add(child);
            }

            return child;
        }

        private void StopAll()
        {
            ChildProcess[] children;
            lock (_children)
            {
                children = _children.ToArray();
                _children.Clear();
            }

            // The devices first (they remove their registrations), then the gateway, the broker last; each by its id.
            Parallel.ForEach(children.Where(c => c.Label.StartsWith("pc", StringComparison.Ordinal)), c => c.Stop(StopWait));
            foreach (ChildProcess child in children.Reverse())
            {
                child.Stop(StopWait);
                child.Dispose();
            }

            if (_brokerFolder != null && Directory.Exists(_brokerFolder))
            {
                Directory.Delete(_brokerFolder, recursive: true);
            }
        }

        private static async Task WaitAsync(string what, TimeSpan limit, ChildProcess process, Func<Task<bool>> ready, CancellationToken cancel, Func<string>? progress = null)
        {
            var clock = Stopwatch.StartNew();
            while (!await ready())
            {
                if (process.HasExited)
                {
                    throw new FleetException($"waiting for {what}: {process.Label} ended:\n{process.Tail()}");
                }

                if (clock.Elapsed > limit)
                {
                    throw new FleetException($"{what}: not within {limit.TotalSeconds:F0} s{(progress == null ? string.Empty : " (" + progress() + ")")}\n{process.Label}:\n{process.Tail()}");
                }

                await Task.Delay(250, cancel);
            }
        }

        private static async Task<int> CountOnlineAsync(HttpClient http, Uri api, HashSet<string> names, CancellationToken cancel)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            using JsonDocument list = JsonDocument.Parse(await http.GetStringAsync(api, timeout.Token));
            int online = 0;
            foreach (JsonElement device in list.RootElement.EnumerateArray())
            {
                if (names.Contains(device.GetProperty("name").GetString()!) && device.GetProperty("status").GetString() == "online")
                {
                    online++;
                }
            }

            return online;
        }

        private static ProcessSample Sample(ChildProcess process) =>
            ProcessSample.Take(process.Id, Stopwatch.GetTimestamp()) ?? throw new FleetException($"{process.Label} ended during the window:\n{process.Tail()}");

        private static ProcessSample? SumSample(List<ChildProcess> processes)
        {
            long now = Stopwatch.GetTimestamp();
            long cpu = 0;
            long rss = 0;
            foreach (ChildProcess p in processes)
            {
                if (ProcessSample.Take(p.Id, now) is not ProcessSample s)
                {
                    return null;
                }

                cpu += s.CpuTicks;
                rss += s.RssKilobytes;
            }

            return new ProcessSample(cpu, rss, now);
        }

        private static string LoadAverage()
        {
            try
            {
                return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
            }
            catch (IOException)
            {
                return "?";
            }
        }

        private static int FreeTcpPort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        private static int FreeUdpPort()
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            return ((IPEndPoint)socket.LocalEndPoint!).Port;
        }

        // A range of consecutive UDP ports on 127.0.0.1 below the kernel's ephemeral range (32768 and up) that are free now.
        private static int FreeUdpRange(int count)
        {
            for (int attempt = 0; attempt < 50; attempt++)
            {
                int start = Random.Shared.Next(10000, 32768 - count);
                var held = new List<Socket>();
                try
                {
                    for (int port = start; port < start + count; port++)
                    {
                        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                        held.Add(socket);
                        socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
                    }

                    return start;
                }
                catch (SocketException)
                {
                }
                finally
                {
                    held.ForEach(s => s.Dispose());
                }
            }

            throw new FleetException($"no {count} consecutive free UDP ports found");
        }
    }

    /// <summary>The fleet could not be brought up or measured.</summary>
    public sealed class FleetException : Exception
    {
        /// <summary>With the reason.</summary>
        public FleetException(string message)
            : base(message)
        {
        }
    }
}
