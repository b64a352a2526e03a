using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Coap.Micro;
using Coap.Micro.Oscore;
using Coap.Micro.Udp;
using ThermoDev.Supervision;
using ThermoDev.Sensors;

namespace ThermoDev
{
    /// <summary>
    /// The ESP32 entry point: connects Wi-Fi, finds the BMP280 or BME280 (or falls back to the simulated
    /// sensor), opens the CoAP port and starts the server, then watches the Wi-Fi (rebooting when the
    /// address stays away longer than DeviceSettings allows). What it prints goes through
    /// <see cref="Log"/>, the console, which a Release image keeps (README.md says where to read it).
    /// </summary>
    public static class Program
    {
        /// <summary>The firmware version: the same as AssemblyVersion in Properties/AssemblyInfo.cs.</summary>
        public const string Version = "0.1.0.0";

        private const int TransportRetryMilliseconds = 10000;

        /// <summary>Where every start-up and fault line goes.</summary>
        internal static readonly ILogSink Log = new ConsoleLogSink();

        /// <summary>Starts the firmware and never returns.</summary>
        public static void Main()
        {
            Log.Line("ThermoDev " + Version + " starting");

            WifiConnection.WaitForNetwork(DeviceSettings.WifiTimeoutMilliseconds, Log);
            Log.Line("IP address: " + IPAddress.GetDefaultLocalAddress().ToString());

            Esp32Clock clock = new Esp32Clock();
            ITemperatureSensor sensor = CreateSensor(clock);
            NanoUdpTransport transport = OpenTransport();

            ThermoDevOptions options = new ThermoDevOptions();
            options.ReadIntervalMilliseconds = DeviceSettings.ReadIntervalMilliseconds;
            options.WritePolicy = CreateWritePolicy();
            options.Name = Multicast.Name();
            if (transport.JoinedGroup)
            {
                options.Server.MulticastRequestBytes = Multicast.RequestBytes;
                options.Server.MulticastLeisureMilliseconds = DeviceSettings.MulticastLeisureMilliseconds;
            }

            NetworkSupervisor network = new NetworkSupervisor(new BoardNetworkProbe(), clock, new BoardReboot(), Log, DeviceSettings.NetworkGiveUpMilliseconds);
            network.Check();
            options.DeviceFacts = new BoardFacts(clock, network);
            options.Log = Log;
            OscoreServerSecurity oscore = BoardOscore.TryCreate(Log);
            if (oscore != null)
            {
                options.Security = oscore;
                options.RequireProtectedReads = DeviceSettings.OscoreProtectReads;
            }
            else if (BoardOscore.Configured)
            {
                // OSCORE was asked for and cannot run: nobody may write rather than everyone the policy lets in.
                options.WritePolicy = CoapWritePolicy.Nobody;
            }

            ThermoDevServer server = new ThermoDevServer(transport, clock, new CoapRandom(), sensor, options);
            server.Start();
            Log.Line("CoAP server started on port " + DeviceSettings.CoapPort.ToString() + " as " + options.Name);
            DirectoryRegistration.Start(server.Server, options.Name, clock);

            // The main thread has nothing else to do: it watches the Wi-Fi.
            while (true)
            {
                Thread.Sleep(DeviceSettings.NetworkCheckMilliseconds);
                network.Check();
            }
        }

        // The BMP280 or BME280 when one answers on the configured pins, else the simulated sensor.
        private static ITemperatureSensor CreateSensor(Esp32Clock clock)
        {
            Bmx280Sensor bmx280 = null;
            try
            {
                bmx280 = Bmx280Chip.TryCreate(DeviceSettings.I2cDataPin, DeviceSettings.I2cClockPin, clock);
            }
            catch (Exception e)
            {
                Log.Line("Sensor: BMP280/BME280 setup failed: " + e.Message);
            }

            if (bmx280 != null)
            {
                Log.Line("Sensor: " + bmx280.Description + (bmx280.HasHumidity ? " (temperature, pressure, humidity)" : " (temperature, pressure)"));
                return bmx280;
            }

            Log.Line("Sensor: no BMP280 or BME280 found at 0x76 or 0x77 (SDA GPIO" + DeviceSettings.I2cDataPin.ToString()
                + ", SCL GPIO" + DeviceSettings.I2cClockPin.ToString() + "): using the simulated sensor");
            return new SimulatedSensor();
        }

        // Who may PUT, from DeviceSettings.AllowWrites; a setting that does not parse allows nobody.
        private static CoapWritePolicy CreateWritePolicy()
        {
            CoapWritePolicy policy;
            try
            {
                policy = CoapWritePolicy.Parse(DeviceSettings.AllowWrites, new Ipv4PortEndpointReader());
            }
            catch (ArgumentException e)
            {
                Log.Line("Writes: none, because DeviceSettings.AllowWrites is not valid: " + e.Message);
                return CoapWritePolicy.Nobody;
            }

            if (policy.AllowsEveryone)
            {
                Log.Line("WARNING: writes are allowed from every address (DeviceSettings.AllowWrites is \"all\"): anyone on the network can PUT /temp");
            }
            else if (policy.EntryCount == 0)
            {
                Log.Line("Writes: none: PUT /temp gets 4.03 Forbidden (DeviceSettings.AllowWrites opens them)");
            }
            else
            {
                Log.Line("Writes: allowed only from " + DeviceSettings.AllowWrites);
            }

            return policy;
        }

        // The UDP socket of the CoAP server; retried until the network stack can open it.
        private static NanoUdpTransport OpenTransport()
        {
            while (true)
            {
                try
                {
                    NanoUdpTransport joined = Multicast.TryOpen();
                    return joined != null ? joined : new NanoUdpTransport(DeviceSettings.CoapPort);
                }
                catch (SocketException e)
                {
                    Log.Line("UDP port " + DeviceSettings.CoapPort.ToString() + " could not be opened (socket error "
                        + e.ErrorCode.ToString() + "), retrying in " + (TransportRetryMilliseconds / 1000).ToString() + " s");
                }
                catch (Exception e)
                {
                    Log.Line("UDP port " + DeviceSettings.CoapPort.ToString() + " could not be opened ("
                        + e.Message + "), retrying in " + (TransportRetryMilliseconds / 1000).ToString() + " s");
                }

                Thread.Sleep(TransportRetryMilliseconds);
            }
        }
    }
}
