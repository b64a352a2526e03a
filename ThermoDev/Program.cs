using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Coap.Micro;
using Coap.Micro.Udp;
using ThermoDev.Sensors;

namespace ThermoDev
{
    /// <summary>
    /// The ESP32 entry point: connects Wi-Fi, finds the BMP280 or BME280 (or falls back to the simulated
    /// sensor), opens the CoAP port and starts the server. Everything it prints goes to the debug
    /// output (Visual Studio's Output window, or the serial console).
    /// </summary>
    public static class Program
    {
        /// <summary>The firmware version: the same as AssemblyVersion in Properties/AssemblyInfo.cs.</summary>
        public const string Version = "0.1.0.0";

        private const int TransportRetryMilliseconds = 10000;

        /// <summary>Starts the firmware and never returns.</summary>
        public static void Main()
        {
            Debug.WriteLine("ThermoDev " + Version + " starting");

            WifiConnection.WaitForNetwork(DeviceSettings.WifiTimeoutMilliseconds);
            Debug.WriteLine("IP address: " + IPAddress.GetDefaultLocalAddress().ToString());

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

            ThermoDevServer server = new ThermoDevServer(transport, clock, new CoapRandom(), sensor, options);
            server.Start();
            Debug.WriteLine("CoAP server started on port " + DeviceSettings.CoapPort.ToString() + " as " + options.Name);

            Thread.Sleep(Timeout.Infinite);
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
                Debug.WriteLine("Sensor: BMP280/BME280 setup failed: " + e.Message);
            }

            if (bmx280 != null)
            {
                Debug.WriteLine("Sensor: " + bmx280.Description + (bmx280.HasHumidity ? " (temperature, pressure, humidity)" : " (temperature, pressure)"));
                return bmx280;
            }

            Debug.WriteLine("Sensor: no BMP280 or BME280 found at 0x76 or 0x77 (SDA GPIO" + DeviceSettings.I2cDataPin.ToString()
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
                Debug.WriteLine("Writes: none, because DeviceSettings.AllowWrites is not valid: " + e.Message);
                return CoapWritePolicy.Nobody;
            }

            if (policy.AllowsEveryone)
            {
                Debug.WriteLine("WARNING: writes are allowed from every address (DeviceSettings.AllowWrites is \"all\"): anyone on the network can PUT /temp");
            }
            else if (policy.EntryCount == 0)
            {
                Debug.WriteLine("Writes: none: PUT /temp gets 4.03 Forbidden (DeviceSettings.AllowWrites opens them)");
            }
            else
            {
                Debug.WriteLine("Writes: allowed only from " + DeviceSettings.AllowWrites);
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
                    Debug.WriteLine("UDP port " + DeviceSettings.CoapPort.ToString() + " could not be opened (socket error "
                        + e.ErrorCode.ToString() + "), retrying in " + (TransportRetryMilliseconds / 1000).ToString() + " s");
                }
                catch (Exception e)
                {
                    Debug.WriteLine("UDP port " + DeviceSettings.CoapPort.ToString() + " could not be opened ("
                        + e.Message + "), retrying in " + (TransportRetryMilliseconds / 1000).ToString() + " s");
                }

                Thread.Sleep(TransportRetryMilliseconds);
            }
        }
    }
}
