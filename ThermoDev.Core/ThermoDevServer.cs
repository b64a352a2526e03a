using System;
using Coap.Micro;
using ThermoDev.Resources;
using ThermoDev.Sensors;

namespace ThermoDev
{
    /// <summary>
    /// ThermoDev put together: a CoAP server with /temp (and /pressure, /humidity when the sensor measures them,
    /// /status when <see cref="ThermoDevOptions.DeviceFacts"/> is set) and
    /// the sensor read loop. The same on a board (UDP on System.Net, ESP32 clock) and on a PC (.NET UDP).
    /// </summary>
    public sealed class ThermoDevServer
    {
        // The sensor, the reading and the resources are the read loop's: not kept twice.
        private readonly CoapServer _server;
        private readonly SensorReadLoop _readLoop;

        /// <summary>Builds the server on <paramref name="transport"/> for <paramref name="sensor"/>; nothing runs until <see cref="Start"/>.</summary>
        public ThermoDevServer(ICoapTransport transport, ICoapClock clock, ICoapRandom random, ITemperatureSensor sensor, ThermoDevOptions options)
        {
            if (sensor == null)
            {
                throw new ArgumentNullException("sensor");
            }

            if (options == null)
            {
                options = new ThermoDevOptions();
            }

            if (options.ReadIntervalMilliseconds < 100 || options.ReadIntervalMilliseconds > 3600000)
            {
                throw new ArgumentOutOfRangeException("ReadIntervalMilliseconds");
            }

            if (options.MaxAgeSeconds < 1 || options.MaxAgeSeconds > 86400)
            {
                throw new ArgumentOutOfRangeException("MaxAgeSeconds");
            }

            if (options.WritePolicy == null)
            {
                throw new ArgumentNullException("WritePolicy");
            }

            if (options.Name != null && !DeviceName.IsValid(options.Name))
            {
                throw new ArgumentException("a name is 1 to 63 letters, digits, '-', '_' or '.'", "Name");
            }

            _server = new CoapServer(transport, clock, random, options.Server);
            _server.WritePolicy = options.WritePolicy;
            if (options.Security != null)
            {
                // With OSCORE, a write must be protected; the write policy is a second gate (RFC 8613 §1).
                _server.Security = options.Security;
                _server.RequireProtectedWrites = true;
                _server.RequireProtectedReads = options.RequireProtectedReads;
            }
            else if (options.RequireProtectedReads)
            {
                throw new ArgumentException("protected reads need Security", "RequireProtectedReads");
            }

            // A client told the sensor is unavailable may ask again after the next reading.
            uint retrySeconds = (uint)((options.ReadIntervalMilliseconds + 999) / 1000);
            SensorState state = new SensorState();
            TemperatureResource temperature = new TemperatureResource(sensor, state, (uint)options.MaxAgeSeconds, retrySeconds, options.Name);
            _server.Add(temperature);
            PressureResource pressure = null;
            if (sensor.HasPressure)
            {
                pressure = new PressureResource(state, (uint)options.MaxAgeSeconds, retrySeconds);
                _server.Add(pressure);
            }

            _readLoop = new SensorReadLoop(sensor, state, temperature, pressure, options.ReadIntervalMilliseconds);
            IHumiditySensor humiditySensor = sensor as IHumiditySensor;
            if (humiditySensor != null && humiditySensor.HasHumidity)
            {
                HumidityResource humidity = new HumidityResource(humiditySensor, (uint)options.MaxAgeSeconds, retrySeconds);
                _server.Add(humidity);
                _readLoop.Humidity = humidity;
            }

            _readLoop.Log = options.Log;
            if (options.DeviceFacts != null)
            {
                _server.Add(new StatusResource(_server.Counters, _readLoop, options.DeviceFacts));
            }
        }

        /// <summary>The CoAP server (counters, trace hook, more resources before <see cref="Start"/>).</summary>
        public CoapServer Server
        {
            get { return _server; }
        }

        /// <summary>The sensor being read.</summary>
        public ITemperatureSensor Sensor
        {
            get { return _readLoop.Sensor; }
        }

        /// <summary>The latest reading.</summary>
        public SensorState State
        {
            get { return _readLoop.State; }
        }

        /// <summary>/temp.</summary>
        public TemperatureResource Temperature
        {
            get { return (TemperatureResource)_readLoop.Temperature; }
        }

        /// <summary>/pressure, or null when the sensor measures no pressure.</summary>
        public PressureResource Pressure
        {
            get { return (PressureResource)_readLoop.Pressure; }
        }

        /// <summary>/humidity, or null when the sensor measures no humidity.</summary>
        public HumidityResource Humidity
        {
            get { return _readLoop.Humidity; }
        }

        /// <summary>The read loop.</summary>
        public SensorReadLoop ReadLoop
        {
            get { return _readLoop; }
        }

        /// <summary>Takes a first reading, then starts the CoAP loop and the read loop, each on its own thread.</summary>
        public void Start()
        {
            _readLoop.ReadOnce();
            _server.Start();
            _readLoop.Start();
        }

        /// <summary>Stops both loops, waiting up to <paramref name="timeoutMilliseconds"/> for each; true when both have ended.</summary>
        public bool Stop(int timeoutMilliseconds)
        {
            bool readLoopStopped = _readLoop.Stop(timeoutMilliseconds);
            return _server.Stop(timeoutMilliseconds) && readLoopStopped;
        }
    }
}
