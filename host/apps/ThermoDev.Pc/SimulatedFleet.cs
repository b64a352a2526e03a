using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using Coap.Micro;
using Coap.Micro.Dotnet;
using ThermoDev.Sensors;

namespace ThermoDev.Pc
{
    /// <summary>
    /// One or more simulated ThermoDevs in this process: each its own simulated sensor with its own drift
    /// source, its own UDP port and its own server. Ports are consecutive from <see cref="PcSettings.Port"/>
    /// (0: a free port each). With <see cref="PcSettings.Seed"/> S, device i drifts from seed S + i, so a
    /// run repeats; without, each device drifts its own random way. When more than one device runs, each
    /// exchange line starts with the device's port (":5684 [::1]:40000 CON GET /temp -> 2.05 25.0").
    /// </summary>
    public sealed class SimulatedFleet : IDisposable
    {
        /// <summary>How long <see cref="Dispose"/> waits for each device's loops to end.</summary>
        public const int StopTimeoutMilliseconds = 3000;

        private const int LogCapacity = 4096;

        private readonly ThermoDevServer[] _devices;
        private readonly DotnetUdpTransport[] _transports;
        private readonly ConsoleLog _ownedLog;

        // What /status reports of this process, shared by every device.
        private static readonly Lazy<ProcessFacts> Facts = new Lazy<ProcessFacts>(() => new ProcessFacts(PcHost.Version));
        private readonly object _stopGate = new object();
        private bool? _stopped;
        private bool _disposed;

        private SimulatedFleet(ThermoDevServer[] devices, DotnetUdpTransport[] transports, ConsoleLog ownedLog)
        {
            _devices = devices;
            _transports = transports;
            _ownedLog = ownedLog;
            var endpoints = new IPEndPoint[transports.Length];
            for (int i = 0; i < endpoints.Length; i++)
            {
                endpoints[i] = transports[i].LocalEndPoint;
            }

            Endpoints = Array.AsReadOnly(endpoints);
            Devices = Array.AsReadOnly(devices);
        }

        /// <summary>The bound local endpoints, in device order.</summary>
        public IReadOnlyList<IPEndPoint> Endpoints { get; }

        /// <summary>The running devices, in the order of <see cref="Endpoints"/>.</summary>
        public IReadOnlyList<ThermoDevServer> Devices { get; }

        /// <summary>
        /// Starts <paramref name="count"/> simulated ThermoDevs with <paramref name="settings"/>; the
        /// per-exchange lines go to <paramref name="output"/> (through a queue, never blocking a server)
        /// unless <see cref="PcSettings.Quiet"/>. Throws <see cref="DevicePortException"/> (a
        /// <see cref="SocketException"/>) when a port cannot be bound, with nothing left running.
        /// </summary>
        public static SimulatedFleet Start(PcSettings settings, int count, TextWriter output)
        {
            ArgumentNullException.ThrowIfNull(output);
            CheckArguments(settings, count);
            var log = new ConsoleLog(output, LogCapacity);
            try
            {
                return Start(settings, count, log, log);
            }
            catch
            {
                log.Dispose();
                throw;
            }
        }

        /// <summary>As <see cref="Start(PcSettings, int, TextWriter)"/>, writing to a log the caller owns and keeps open until after <see cref="Dispose"/>.</summary>
        public static SimulatedFleet Start(PcSettings settings, int count, ConsoleLog log)
        {
            ArgumentNullException.ThrowIfNull(log);
            CheckArguments(settings, count);
            return Start(settings, count, log, null);
        }

        /// <summary>
        /// Stops every device's loops, waiting up to <paramref name="timeoutMilliseconds"/> for each;
        /// true when all have ended. Nothing is sent after this; the ports stay bound until <see cref="Dispose"/>.
        /// </summary>
        public bool Stop(int timeoutMilliseconds)
        {
            lock (_stopGate)
            {
                if (!_stopped.HasValue)
                {
                    bool all = true;
                    foreach (ThermoDevServer device in _devices)
                    {
                        all &= device.Stop(timeoutMilliseconds);
                    }

                    _stopped = all;
                }

                return _stopped.Value;
            }
        }

        /// <summary>Stops every server (if <see cref="Stop"/> has not) and closes every port.</summary>
        public void Dispose()
        {
            lock (_stopGate)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
            }

            Stop(StopTimeoutMilliseconds);
            foreach (DotnetUdpTransport transport in _transports)
            {
                transport.Dispose();
            }

            _ownedLog?.Dispose();
        }

        private static void CheckArguments(PcSettings settings, int count)
        {
            ArgumentNullException.ThrowIfNull(settings);
            ArgumentNullException.ThrowIfNull(settings.Bind, nameof(settings) + "." + nameof(PcSettings.Bind));
            ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(count, PcSettings.MaxDevices);
            if (settings.Port < 0 || (settings.Port != 0 && settings.Port + count - 1 > IPEndPoint.MaxPort))
            {
                throw new ArgumentOutOfRangeException(nameof(settings), $"ports {settings.Port} to {settings.Port + count - 1} are not all UDP ports");
            }
        }

        private static SimulatedFleet Start(PcSettings settings, int count, ConsoleLog log, ConsoleLog ownedLog)
        {
            // Every port first: a taken one stops the start before any server runs.
            DotnetUdpTransport[] transports = Bind(settings, count);
            var devices = new ThermoDevServer[count];
            int started = 0;
            try
            {
                for (int i = 0; i < count; i++)
                {
                    devices[i] = CreateDevice(settings, i, transports[i], count == 1 ? null : Prefix(transports[i].LocalEndPoint), log);
                }

                for (; started < count; started++)
                {
                    devices[started].Start();
                }
            }
            catch
            {
                for (int i = 0; i < started; i++)
                {
                    devices[i].Stop(StopTimeoutMilliseconds);
                }

                Close(transports, count);
                throw;
            }

            return new SimulatedFleet(devices, transports, ownedLog);
        }

        private static DotnetUdpTransport[] Bind(PcSettings settings, int count)
        {
            var transports = new DotnetUdpTransport[count];
            for (int i = 0; i < count; i++)
            {
                var local = new IPEndPoint(settings.Bind, settings.Port == 0 ? 0 : settings.Port + i);
                try
                {
                    transports[i] = new DotnetUdpTransport(local);
                }
                catch (SocketException e)
                {
                    Close(transports, i);
                    throw new DevicePortException(i, count, local, e);
                }
            }

            return transports;
        }

        private static void Close(DotnetUdpTransport[] transports, int count)
        {
            for (int i = 0; i < count; i++)
            {
                transports[i].Dispose();
            }
        }

        private static ThermoDevServer CreateDevice(PcSettings settings, int index, DotnetUdpTransport transport, string prefix, ConsoleLog log)
        {
            ICoapRandom drift = null;
            if (settings.MaxDriftCentiCelsius > 0)
            {
                // Seed S for the first device, S + 1 for the next...: each drifts on its own, and repeats.
                drift = new CoapRandom(settings.Seed.HasValue ? new Random(unchecked(settings.Seed.Value + index)) : new Random());
            }

            var sensor = new SimulatedSensor(settings.InitialCentiCelsius, settings.MaxDriftCentiCelsius, drift);
            var options = new ThermoDevOptions
            {
                ReadIntervalMilliseconds = settings.ReadIntervalMilliseconds,
                MaxAgeSeconds = settings.MaxAgeSeconds,
                Server = new CoapServerOptions { MaxObservers = settings.MaxObservers },
                WritePolicy = settings.WritePolicy ?? CoapWritePolicy.Everyone,
                DeviceFacts = Facts.Value,
                Log = new PcLogSink(log, prefix),
            };
            var device = new ThermoDevServer(transport, new MonotonicClock(), new CoapRandom(), sensor, options);
            if (!settings.Quiet)
            {
                device.Server.Trace = new ConsoleTrace(log, prefix);
            }

            return device;
        }

        // ":5684 ": the device's port before each of its exchange lines.
        private static string Prefix(IPEndPoint local) => ":" + local.Port.ToString(CultureInfo.InvariantCulture) + " ";
    }
}
