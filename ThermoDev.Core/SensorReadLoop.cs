using System;
using System.Threading;
using Coap.Micro;
using ThermoDev.Supervision;
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
        // ThermoDevServer reaches the parts through the loop rather than keep a copy of each (on
        // nanoFramework every field takes 12 bytes).
        internal readonly ITemperatureSensor Sensor;
        internal readonly SensorState State;
        internal readonly CoapResource Temperature;
        internal readonly CoapResource Pressure;

        // /humidity, set by ThermoDevServer when the sensor measures humidity; null otherwise.
        internal HumidityResource Humidity;
        private readonly int _intervalMilliseconds;
        private readonly AutoResetEvent _wake = new AutoResetEvent(false);
        private Thread _thread;
        private int _stopRequested;
        private int _reads;
        private int _failures;
        private int _lastPressureTenths = SensorState.Unavailable;

        // What went wrong last (kept after a recovery; null until something failed) and how many
        // readings in a row have failed: /status reports both, the log tells each change.
        private static readonly string NoValidReading = "no valid reading";
        private static readonly string SensorThrew = "the sensor threw";
        private static readonly string FailedText = "Sensor: reading failed: ";
        private static readonly string RecoveredText = "Sensor: recovered after ";
        private static readonly string FailedReadingsText = " failed readings";
        private string _lastError;
        private int _consecutiveFailures;

        /// <summary>Where the sensor's failures and recoveries are told; null: nowhere.</summary>
        internal ILogSink Log;

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

            Sensor = sensor;
            State = state;
            Temperature = temperature;
            Pressure = pressure;
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

        /// <summary>Readings that failed in a row until now (0 after a good one).</summary>
        public int ConsecutiveFailures
        {
            get { return Interlocked.CompareExchange(ref _consecutiveFailures, 0, 0); }
        }

        /// <summary>What made the last failed reading fail ("no valid reading", or what the sensor threw); null when none has failed.</summary>
        public string LastError
        {
            get { return _lastError; }
        }

        /// <summary>Takes one reading now and signals what changed. The loop thread calls this; tests call it directly.</summary>
        public void ReadOnce()
        {
            int centi;
            int pascals;
            bool valid;
            string error = NoValidReading;
            try
            {
                valid = Sensor.TryRead(out centi, out pascals);
            }
            catch (Exception e)
            {
                // A sensor binding that throws is a failed reading, never the end of the loop.
                valid = false;
                centi = 0;
                pascals = 0;
                error = e.Message == null || e.Message.Length == 0 ? SensorThrew : e.Message;
            }

            RecordOutcome(valid, error);

            // The first reading is always told: observers learn the sensor's state from it.
            bool first = Interlocked.Increment(ref _reads) == 1;
            if (!valid)
            {
                Interlocked.Increment(ref _failures);
            }

            State.Record(valid, centi, pascals, Sensor.HasPressure);
            int temperature = Tenths(State.Temperature);
            int notified = State.ExchangeNotifiedTemperature(temperature);
            if (first || temperature != notified)
            {
                Temperature.Changed();
            }

            if (Pressure != null)
            {
                int pressure = Tenths(State.Pressure);
                if (first || pressure != _lastPressureTenths)
                {
                    _lastPressureTenths = pressure;
                    Pressure.Changed();
                }
            }

            HumidityResource humidity = Humidity;
            if (humidity != null)
            {
                humidity.Record(valid, first);
            }
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

        // Counts failures in a row and tells the log when the sensor fails and when it recovers.
        private void RecordOutcome(bool valid, string error)
        {
            ILogSink log = Log;
            if (valid)
            {
                int failed = Interlocked.Exchange(ref _consecutiveFailures, 0);
                if (failed > 0 && log != null)
                {
                    log.Line(RecoveredText + failed.ToString() + FailedReadingsText);
                }

                return;
            }

            _lastError = error;
            if (Interlocked.Increment(ref _consecutiveFailures) == 1 && log != null)
            {
                log.Line(FailedText + error);
            }
        }

        private static int Tenths(int value)
        {
            return value == SensorState.Unavailable ? value : DecimalText.RoundToTenths(value);
        }
    }
}
