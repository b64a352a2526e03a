using System.Threading;

namespace ThermoDev.Resources
{
    /// <summary>
    /// The latest reading, shared by the read loop (which records it) and the resources (which report
    /// it): the temperature as reported (the sensor's value plus the calibration offset) in hundredths
    /// of a degree Celsius, the sensor's own value, the offset, and the pressure in pascals.
    /// Every field is one int read and written with <see cref="Interlocked"/> (nanoFramework has no
    /// volatile), so the two threads never lock.
    /// </summary>
    public sealed class SensorState
    {
        /// <summary>Marks a value that could not be read.</summary>
        public const int Unavailable = int.MinValue;

        // The resources read these two in place on every request (a plain int read is atomic; on
        // nanoFramework a property is a call); every write goes through Interlocked.
        internal int Reported = Unavailable;
        internal int NotifiedTenths = Unavailable;
        private int _raw = Unavailable;
        private int _offset;
        private int _pascals = Unavailable;

        /// <summary>The temperature to report, hundredths of °C, or <see cref="Unavailable"/>.</summary>
        public int Temperature
        {
            get { return Interlocked.CompareExchange(ref Reported, 0, 0); }
        }

        /// <summary>The sensor's last reading before calibration, or <see cref="Unavailable"/>.</summary>
        public int RawTemperature
        {
            get { return Interlocked.CompareExchange(ref _raw, 0, 0); }
        }

        /// <summary>What is added to the sensor's readings (set by calibration), hundredths of °C.</summary>
        public int CalibrationOffset
        {
            get { return Interlocked.CompareExchange(ref _offset, 0, 0); }
        }

        /// <summary>The pressure in pascals, or <see cref="Unavailable"/>.</summary>
        public int Pressure
        {
            get { return Interlocked.CompareExchange(ref _pascals, 0, 0); }
        }

        /// <summary>
        /// Records that observers are being told of <paramref name="tenths"/> (the reported temperature
        /// rounded to tenths, or <see cref="Unavailable"/>) and returns what they were told before. The
        /// read loop and a PUT share it, so one change is notified once, whichever saw it first.
        /// </summary>
        public int ExchangeNotifiedTemperature(int tenths)
        {
            return Interlocked.Exchange(ref NotifiedTenths, tenths);
        }

        /// <summary>Records a reading: the values when <paramref name="valid"/>, else both unavailable.</summary>
        public void Record(bool valid, int rawCentiCelsius, int pascals, bool hasPressure)
        {
            Interlocked.Exchange(ref _raw, valid ? rawCentiCelsius : Unavailable);
            Interlocked.Exchange(ref Reported, valid ? rawCentiCelsius + CalibrationOffset : Unavailable);
            Interlocked.Exchange(ref _pascals, valid && hasPressure ? pascals : Unavailable);
        }

        /// <summary>Reports <paramref name="centiCelsius"/> from now on (a PUT to a simulated sensor, which reads it back next).</summary>
        public void SetReported(int centiCelsius)
        {
            Interlocked.Exchange(ref Reported, centiCelsius);
        }

        /// <summary>
        /// Sets the offset so the last reading reports as <paramref name="centiCelsius"/>. False when no
        /// reading is available to calibrate against.
        /// </summary>
        public bool Calibrate(int centiCelsius)
        {
            int raw = RawTemperature;
            if (raw == Unavailable)
            {
                return false;
            }

            Interlocked.Exchange(ref _offset, centiCelsius - raw);
            Interlocked.Exchange(ref Reported, centiCelsius);
            return true;
        }
    }
}
