using System;
using System.Threading;
using Coap.Micro;
using ThermoDev.Resources;
using ThermoDev.Sensors;
using ThermoDev.Text;

namespace ThermoDev
{
    /// <summary>
    /// Reads the sensor at a fixed interval on a thread of its own and records the reading. It tells
    /// the resources they changed when the value they report (rounded to one decimal) changes, and when
    /// the sensor fails or recovers. It only signals: the server's loop sends the notifications, and
    /// sends each observer the value again before the Max-Age it was last sent runs out (RFC 7641 §4.3.1).
    /// </summary>
    public sealed class SensorReadLoop
    {
        private readonly ITemperatureSensor _sensor;
        private readonly SensorState _state;
        private readonly CoapResource _temperature;
        private readonly CoapResource _pressure;
        private readonly int _intervalMilliseconds;
        private readonly AutoResetEvent _wake = new AutoResetEvent(false);
        private Thread _thread;
        private int _stopRequested;
        private int _reads;
        private int _failures;
        private bool _noticedOnce;
        private int _lastPressureTenths = SensorState.Unavailable;

        /// <summary>
        /// Creates the loop: every <paramref name="intervalMilliseconds"/> it reads <paramref name="sensor"/>
        /// into <paramref name="state"/>, and tells <paramref name="temperature"/> (and
        /// <paramref name="pressure"/>, may be null) of changes.
        /// </summary>
        public SensorReadLoop(ITemperatureSensor sensor, SensorState state, CoapResource temperature, CoapResource pressure, int intervalMilliseconds)
        {
            if (sensor == null || state == null || temperature == null)
            {
                throw new ArgumentNullException(sensor == null ? "sensor" : state == null ? "state" : "temperature");
            }

            _sensor = sensor;
            _state = state;
            _temperature = temperature;
            _pressure = pressure;
            _intervalMilliseconds = intervalMilliseconds;
        }

        /// <summary>Readings taken so far.</summary>
        public int Reads
        {
            get { return Interlocked.CompareExchange(ref _reads, 0, 0); }
        }

        /// <summary>Readings that failed so far.</summary>
        public int Failures
        {
            get { return Interlocked.CompareExchange(ref _failures, 0, 0); }
        }

        /// <summary>Takes one reading now and signals what changed. The loop thread calls this; tests call it directly.</summary>
        public void ReadOnce()
        {
            int centi;
            int pascals;
            bool valid;
            try
            {
                valid = _sensor.TryRead(out centi, out pascals);
            }
            catch (Exception)
            {
                // A sensor binding that throws is a failed reading, never the end of the loop.
                valid = false;
                centi = 0;
                pascals = 0;
            }

            Interlocked.Increment(ref _reads);
            if (!valid)
            {
                Interlocked.Increment(ref _failures);
            }

            _state.Record(valid, centi, pascals, _sensor.HasPressure);
            int temperature = Tenths(_state.Temperature);
            int notified = _state.ExchangeNotifiedTemperature(temperature);
            if (!_noticedOnce || temperature != notified)
            {
                _temperature.Changed();
            }

            if (_pressure != null)
            {
                int pressure = Tenths(_state.Pressure);
                if (!_noticedOnce || pressure != _lastPressureTenths)
                {
                    _lastPressureTenths = pressure;
                    _pressure.Changed();
                }
            }

            _noticedOnce = true;
        }

        /// <summary>Starts reading on a thread of its own. Throws when it runs already.</summary>
        public void Start()
        {
            if (_thread != null)
            {
                throw new InvalidOperationException("the read loop is running");
            }

            Interlocked.Exchange(ref _stopRequested, 0);
            _thread = new Thread(Run);
            _thread.Start();
        }

        /// <summary>Stops the loop and waits up to <paramref name="timeoutMilliseconds"/> for it; true when it has ended.</summary>
        public bool Stop(int timeoutMilliseconds)
        {
            Thread thread = _thread;
            if (thread == null)
            {
                return true;
            }

            Interlocked.Exchange(ref _stopRequested, 1);
            _wake.Set();
            if (!thread.Join(timeoutMilliseconds))
            {
                return false;
            }

            _thread = null;
            return true;
        }

        private void Run()
        {
            while (Interlocked.CompareExchange(ref _stopRequested, 0, 0) == 0)
            {
                _wake.WaitOne(_intervalMilliseconds, false);
                if (Interlocked.CompareExchange(ref _stopRequested, 0, 0) != 0)
                {
                    break;
                }

                ReadOnce();
            }
        }

        private static int Tenths(int value)
        {
            return value == SensorState.Unavailable ? value : DecimalText.RoundToTenths(value);
        }
    }
}
