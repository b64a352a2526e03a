using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace CoapLoad
{
    /// <summary>How long and how hard the comparison runs, and where it writes its results.</summary>
    /// <param name="Duration">Each load run.</param>
    /// <param name="Warmup">Load before the first measured run of each server (the .NET server compiles its hot path meanwhile).</param>
    /// <param name="Concurrency">The CON GET runs, by requests outstanding.</param>
    /// <param name="Observers">Observers in the fan-out run.</param>
    /// <param name="Changes">Changes in the fan-out run.</param>
    /// <param name="Soak">The memory run of the PC build (0: none); resident memory is recorded every 10 s.</param>
    /// <param name="OutputDirectory">Where the table, the results and the chart go; null for none.</param>
    /// <param name="ThermoDevPc">ThermoDev.Pc.dll.</param>
    /// <param name="LibcoapServer">libcoap's example server.</param>
    public sealed record CompareOptions(TimeSpan Duration, TimeSpan Warmup, int[] Concurrency, int Observers, int Changes, TimeSpan Soak, string OutputDirectory, string ThermoDevPc, string LibcoapServer);

    /// <summary>
    /// ThermoDev's PC build and libcoap's coap-server-notls, in one run on loopback: the same load
    /// generator and workload against each (CON GET /temp with 1, 8 and 32 requests outstanding, NON GET
    /// with 32), server CPU time and resident memory from /proc before and after, notification fan-out
    /// to N observers, and a memory run of the PC build. Both servers are stopped by their process id.
    /// </summary>
    public static class Comparison
    {
        /// <summary>The name the tables give ThermoDev's PC build.</summary>
        public const string ThermoDev = "ThermoDev";

        /// <summary>The name the tables give libcoap's server.</summary>
        public const string Libcoap = "libcoap";

        private static readonly TimeSpan LossTimeout = TimeSpan.FromSeconds(1);
        private static readonly TimeSpan SoakSample = TimeSpan.FromSeconds(10);

        /// <summary>Runs everything and prints the tables; returns the exit code (1 when a server cannot be started).</summary>
        public static int Run(CompareOptions options, TextWriter output)
        {
            string version = Machine.LibcoapVersion(options.LibcoapServer);
            if (!File.Exists(options.ThermoDevPc))
            {
                Console.Error.WriteLine($"coapload: {options.ThermoDevPc} not found; build host/apps/ThermoDev.Pc first");
                return 1;
            }

            if (version == "unknown")
            {
                Console.Error.WriteLine($"coapload: {options.LibcoapServer} not found (Debian and Ubuntu: apt-get install libcoap3-bin)");
                return 1;
            }

            string machine = Machine.Describe(version);
            output.WriteLine($"Machine: {machine}");
            using ServerProcess thermoDev = StartThermoDev(options);
            using ServerProcess libcoap = StartLibcoap(options);
            if (thermoDev == null || libcoap == null)
            {
                Console.Error.WriteLine("coapload: a server did not start");
                return 1;
            }

            var servers = new[] { (Process: thermoDev, Target: Endpoint(thermoDev)), (Process: libcoap, Target: Endpoint(libcoap)) };
            foreach (var server in servers)
            {
                LoadGenerator.Run(Options(server.Target, CoapPacket.Con, 8, options.Warmup));
            }

            var measurements = new List<Measurement>();
            var workloads = options.Concurrency.Select(c => (Type: CoapPacket.Con, Concurrency: c))
                .Append((Type: CoapPacket.Non, Concurrency: options.Concurrency.Max()));
            foreach (var workload in workloads)
            {
                foreach (var server in servers)
                {
                    Measurement m = Measure(server.Process, server.Target, workload.Type, workload.Concurrency, options.Duration);
                    measurements.Add(m);
                    output.WriteLine($"{m.Server,-10} {m.Workload,-13} {m.Load}; server CPU {m.CpuMicrosecondsPerRequest:0.00} us/request");
                }
            }

            var fanOut = new List<(string Server, ObserveResult Result)>();
            if (options.Observers > 0 && options.Changes > 0)
            {
                foreach (var server in servers)
                {
                    ObserveResult result = ObserveGenerator.Run(server.Target, "temp", options.Observers, options.Changes, TimeSpan.FromSeconds(5));
                    fanOut.Add((server.Process.Name, result));
                    output.WriteLine($"{server.Process.Name,-10} fan-out       {result}");
                }
            }

            List<long> soak = options.Soak > TimeSpan.Zero ? Soak(thermoDev, servers[0].Target, options.Soak, output) : new List<long>();
            string table = Tables.Render(machine, options, measurements, fanOut, soak);
            output.WriteLine();
            output.Write(table);
            if (options.OutputDirectory != null)
            {
                Directory.CreateDirectory(options.OutputDirectory);
                File.WriteAllText(Path.Combine(options.OutputDirectory, "compare.md"), table);
                ResultChart.Write(measurements, fanOut, Path.Combine(options.OutputDirectory, "compare.png"));
                output.WriteLine($"Wrote {Path.Combine(options.OutputDirectory, "compare.md")} and compare.png");
            }

            return 0;
        }

        private static ServerProcess StartThermoDev(CompareOptions options)
        {
            var server = ServerProcess.Start(ThermoDev, "dotnet",
                new[] { options.ThermoDevPc, "--port", "0", "--bind", "127.0.0.1", "--quiet", "--max-observers", (options.Observers + 16).ToString(CultureInfo.InvariantCulture) },
                line => line.StartsWith("CoAP server started on port ", StringComparison.Ordinal));
            if (server.WaitStarted(TimeSpan.FromSeconds(30)))
            {
                return server;
            }

            server.Dispose();
            return null;
        }

        private static ServerProcess StartLibcoap(CompareOptions options)
        {
            // libcoap's example server takes a port, not 0: a free one is found first. With -d it creates
            // a resource on the first PUT to it, and notifies its observers of every later PUT.
            int port = FreeUdpPort();
            var server = ServerProcess.Start(Libcoap, options.LibcoapServer,
                new[] { "-A", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-d", "10" }, _ => false);
            var target = new IPEndPoint(IPAddress.Loopback, port);
            for (int attempt = 0; attempt < 50 && server.IsRunning; attempt++)
            {
                var result = LoadGenerator.Run(new LoadOptions(target, "temp", CoapPacket.Con, CoapPacket.Put, Encoding.ASCII.GetBytes("25.0"), 1, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100)));
                if (result.Completed > 0)
                {
                    server.Port = port;
                    return server;
                }
            }

            server.Dispose();
            return null;
        }

        private static IPEndPoint Endpoint(ServerProcess server) => new IPEndPoint(IPAddress.Loopback, server.Port);

        private static LoadOptions Options(IPEndPoint target, int type, int concurrency, TimeSpan duration) =>
            new LoadOptions(target, "temp", type, CoapPacket.Get, null, concurrency, duration, LossTimeout);

        private static Measurement Measure(ServerProcess server, IPEndPoint target, int type, int concurrency, TimeSpan duration)
        {
            long rssBefore = server.ResidentKilobytes();
            TimeSpan cpuBefore = server.CpuTime();
            LoadResult load = LoadGenerator.Run(Options(target, type, concurrency, duration));
            TimeSpan cpu = server.CpuTime() - cpuBefore;
            long rssAfter = server.ResidentKilobytes();
            string workload = $"{(type == CoapPacket.Con ? "CON" : "NON")} GET c={concurrency}";
            double perRequest = load.Completed > 0 ? cpu.TotalMilliseconds * 1000 / load.Completed : 0;
            return new Measurement(server.Name, workload, concurrency, load, perRequest, rssBefore, rssAfter);
        }

        // The PC build under CON GET with 32 outstanding for the whole soak; resident memory at the start and every 10 s.
        private static List<long> Soak(ServerProcess server, IPEndPoint target, TimeSpan duration, TextWriter output)
        {
            var samples = new List<long> { server.ResidentKilobytes() };
            DateTime start = DateTime.UtcNow;
            Task<LoadResult> load = Task.Run(() => LoadGenerator.Run(Options(target, CoapPacket.Con, 32, duration)));
            for (int i = 1; i <= (int)(duration / SoakSample); i++)
            {
                TimeSpan wait = start + SoakSample * i - DateTime.UtcNow;
                if (wait > TimeSpan.Zero)
                {
                    Thread.Sleep(wait);
                }

                samples.Add(server.ResidentKilobytes());
            }

            load.Wait();
            output.WriteLine($"{server.Name,-10} soak          {load.Result}; RSS every 10 s: {string.Join(", ", samples.Select(k => (k / 1024.0).ToString("0.0", CultureInfo.InvariantCulture)))} MiB");
            return samples;
        }

        private static int FreeUdpPort()
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            return ((IPEndPoint)probe.LocalEndPoint).Port;
        }
    }
}
