using System;
using Coap.Micro;
using ThermoDev.Resources;
using ThermoDev.Supervision;

namespace ThermoDev.Sensors
{
    /// <summary>
    /// A Bosch BMP280 (temperature, pressure) or BME280 (and humidity), measured in forced mode, that
    /// notices when the chip has reset on its own and reconfigures it.
    /// A chip that loses power alone comes back with its registers at their power-on values (ctrl_meas
    /// 0x00, config 0x00, ctrl_hum 0x00: every measurement skipped). The binding only rewrites the mode
    /// bits before a measurement, so the chip then returns the result registers' reset value (0x80000),
    /// which the compensation formulas turn into plausible numbers (26.46 °C and 82,045 Pa with the
    /// datasheet's calibration example). So after each measurement the configuration registers are read
    /// back: a reading taken while they do not hold the configuration below is refused (a failed reading)
    /// and the chip is reconfigured at once; the next reading is served. While reconfiguring fails (the
    /// sensor is unplugged, the bus is stuck) every reading fails, and the configuration is tried again
    /// at most once per retry interval.
    /// </summary>
    public sealed class Bmx280Sensor : ITemperatureSensor, IHumiditySensor
    {
        /// <summary>Chip id register (BMP280 and BME280 datasheets, memory map).</summary>
        public const byte ChipIdRegister = 0xD0;

        /// <summary>The BMP280's chip id.</summary>
        public const byte Bmp280ChipId = 0x58;

        /// <summary>The BME280's chip id.</summary>
        public const byte Bme280ChipId = 0x60;

        /// <summary>ctrl_hum: osrs_h in bits 2..0 (BME280 only).</summary>
        public const byte CtrlHumRegister = 0xF2;

        /// <summary>ctrl_meas: osrs_t in bits 7..5, osrs_p in bits 4..2, mode in bits 1..0.</summary>
        public const byte CtrlMeasRegister = 0xF4;

        /// <summary>config: t_sb in bits 7..5, filter in bits 4..2, spi3w_en in bit 0.</summary>
        public const byte ConfigRegister = 0xF5;

        // Sampling for a room thermometer read about once a second (BMP280 datasheet, oversampling and
        // filter settings): temperature x2 (17 bit, 0.0025 °C), far finer than the 0.1 °C served; pressure
        // x4 (0.66 Pa); humidity x1, as the BME280 datasheet suggests for weather monitoring. The IIR
        // filter stays off (it smooths short pressure disturbances at the cost of response time). The
        // standby time matters in normal mode only; 125 ms is what the binding's Reset() writes.

        /// <summary>osrs_t 010: temperature oversampling x2 (the binding's Sampling.LowPower).</summary>
        public const byte TemperatureOversampling = 2;

        /// <summary>osrs_p 011: pressure oversampling x4 (Sampling.Standard).</summary>
        public const byte PressureOversampling = 3;

        /// <summary>osrs_h 001: humidity oversampling x1 (Sampling.UltraLowPower).</summary>
        public const byte HumidityOversampling = 1;

        /// <summary>filter 000: IIR filter off (Bmx280FilteringMode.Off).</summary>
        public const byte FilterCoefficient = 0;

        /// <summary>t_sb 010: 125 ms standby (StandbyTime.Ms125).</summary>
        public const byte StandbyCode = 2;

        /// <summary>How often a sensor that could not be configured is tried again, by default: 10 s.</summary>
        public const int DefaultRetryMilliseconds = 10000;

        // What the three registers hold when configured, and the bits compared: the mode bits of
        // ctrl_meas change with every measurement; config's bit 1 is reserved, bit 0 selects 3-wire SPI.
        private const int CtrlMeasMask = 0xFC;
        private const int CtrlMeasConfigured = (TemperatureOversampling << 5) | (PressureOversampling << 2);
        private const int ConfigMask = 0xFC;
        private const int ConfigConfigured = (StandbyCode << 5) | (FilterCoefficient << 2);
        private const int CtrlHumMask = 0x07;

        // BMP280 datasheet: operating range 300..1100 hPa. A reading outside it is not a real one.
        private const int MinPascals = 30000;
        private const int MaxPascals = 110000;

        private static readonly string Hex = "0123456789ABCDEF";

        // The fault and recovery lines' text: made once (on nanoFramework a literal allocates each time it runs).
        private static readonly string ConfigurationLost = ": configuration lost (";
        private static readonly string RegistersUnreadableLine = ": registers unreadable";
        private static readonly string ReadingRefused = ", reading refused; reconfiguring";
        private static readonly string Recovered = ": recovered, ";
        private static readonly string ReadingsRefused = " readings refused";
        private static readonly string ReadBack = "read back ";
        private static readonly string RegistersUnreadable = "registers unreadable";
        private static readonly string ConfigurationFailed = ": configuration failed (";
        private static readonly string RetryingEvery = "): readings fail, retrying every ";
        private static readonly string Seconds = " s";
        private static readonly string CtrlMeasText = "ctrl_meas ";
        private static readonly string ConfigText = ", config ";
        private static readonly string CtrlHumText = ", ctrl_hum ";
        private static readonly string HexPrefix = "0x";
        private static readonly string CloseParenthesis = ")";

        // What ReadConfiguration found.
        private const int Configured = 0;
        private const int Different = 1;
        private const int Unreadable = 2;

        private readonly IBmx280Chip _chip;
        private readonly ICoapClock _clock;
        private readonly ILogSink _log;
        private readonly string _description;
        private readonly bool _hasHumidity;
        private readonly int _retryMilliseconds;

        // Only the read loop's thread reads the sensor: no field here is shared with another thread.
        private bool _unconfigured;
        private bool _inFault;
        private long _lastAttemptAt;
        private int _refused;
        private int _humidity = SensorState.Unavailable;

        /// <summary>
        /// A sensor reading <paramref name="chip"/>, which has humidity when <paramref name="hasHumidity"/>
        /// (a BME280); it writes its fault and recovery lines to <paramref name="log"/> (may be null).
        /// Call <see cref="Configure"/> before the first reading.
        /// </summary>
        public Bmx280Sensor(IBmx280Chip chip, bool hasHumidity, string description, ICoapClock clock, ILogSink log, int retryMilliseconds)
        {
            if (chip == null || clock == null)
            {
                throw new ArgumentNullException(chip == null ? "chip" : "clock");
            }

            if (retryMilliseconds < 1)
            {
                throw new ArgumentOutOfRangeException("retryMilliseconds");
            }

            _chip = chip;
            _hasHumidity = hasHumidity;
            _description = description;
            _clock = clock;
            _log = log;
            _retryMilliseconds = retryMilliseconds;
        }

        /// <inheritdoc/>
        public bool HasPressure
        {
            get { return true; }
        }

        /// <inheritdoc/>
        public bool HasHumidity
        {
            get { return _hasHumidity; }
        }

        /// <inheritdoc/>
        public bool IsSimulated
        {
            get { return false; }
        }

        /// <summary>"BMP280 at 0x76", "BME280 at 0x77" ...</summary>
        public string Description
        {
            get { return _description; }
        }

        /// <inheritdoc/>
        public int Humidity
        {
            get { return _humidity; }
        }

        /// <summary>True while the chip's configuration is not confirmed: every reading fails until it is.</summary>
        public bool Failed
        {
            get { return _unconfigured; }
        }

        /// <summary>
        /// Configures the chip and reads the configuration back. False when it failed: readings fail
        /// then, and the configuration is tried again at most once per retry interval.
        /// </summary>
        public bool Configure()
        {
            return Reconfigure(_clock.NowMilliseconds);
        }

        /// <summary>
        /// Measures once: hundredths of a degree Celsius and pascals, rounded to the nearest unit (and the
        /// humidity, see <see cref="Humidity"/>). False when the chip's configuration is not confirmed, when
        /// the registers read after the measurement show it taken in another configuration (the chip is
        /// reconfigured then), when the binding reports no valid value or throws, or when a value is outside
        /// the sensor's range.
        /// </summary>
        public bool TryRead(out int centiCelsius, out int pascals)
        {
            centiCelsius = 0;
            pascals = 0;
            _humidity = SensorState.Unavailable;
            if (_unconfigured)
            {
                long now = _clock.NowMilliseconds;
                if (now - _lastAttemptAt >= _retryMilliseconds)
                {
                    Reconfigure(now);
                }

                // Even when it worked: the reading after the configuration is the first served.
                _refused++;
                return false;
            }

            double celsius;
            double pa;
            double percent;
            bool measured;
            try
            {
                measured = _chip.Measure(out celsius, out pa, out percent);
            }
            catch (Exception)
            {
                measured = false;
                celsius = 0;
                pa = 0;
                percent = 0;
            }

            // What the chip holds after the measurement says how it was taken: a chip that reset before
            // it (or during it) shows the power-on values now.
            byte ctrlMeas;
            byte config;
            byte ctrlHum;
            int found = ReadConfiguration(out ctrlMeas, out config, out ctrlHum);
            if (found != Configured)
            {
                _refused++;
                _inFault = true;
                Log(_description + (found == Unreadable ? RegistersUnreadableLine : ConfigurationLost + Registers(ctrlMeas, config, ctrlHum) + CloseParenthesis)
                    + ReadingRefused);
                Reconfigure(_clock.NowMilliseconds);
                return false;
            }

            int centi;
            int pascalsRounded;
            int humidity = SensorState.Unavailable;
            if (!measured
                || !TryRound(celsius * 100.0, out centi) || !TemperatureRange.Contains(centi)
                || !TryRound(pa, out pascalsRounded) || pascalsRounded < MinPascals || pascalsRounded > MaxPascals
                || (_hasHumidity && (!TryRound(percent * 100.0, out humidity) || humidity < 0 || humidity > 10000)))
            {
                _refused++;
                return false;
            }

            if (_inFault)
            {
                // Recovered once a reading is served again.
                _inFault = false;
                Log(_description + Recovered + _refused.ToString() + ReadingsRefused);
            }

            _refused = 0;

            centiCelsius = centi;
            pascals = pascalsRounded;
            _humidity = humidity;
            return true;
        }

        // Configures the chip and confirms it; logs the first failure of a series, not every retry.
        private bool Reconfigure(long now)
        {
            _lastAttemptAt = now;
            string reason;
            try
            {
                _chip.Configure();
                byte ctrlMeas;
                byte config;
                byte ctrlHum;
                int found = ReadConfiguration(out ctrlMeas, out config, out ctrlHum);
                reason = found == Configured ? null
                    : found == Unreadable ? RegistersUnreadable : ReadBack + Registers(ctrlMeas, config, ctrlHum);
            }
            catch (Exception e)
            {
                // The binding's IOException carries no message: its type says enough then.
                reason = e.Message;
                if (reason == null || reason.Length == 0)
                {
                    reason = e.GetType().FullName;
                }
            }

            if (reason == null)
            {
                _unconfigured = false;
                return true;
            }

            bool firstFailure = !_unconfigured;
            _unconfigured = true;
            _inFault = true;
            if (firstFailure)
            {
                Log(_description + ConfigurationFailed + reason + RetryingEvery
                    + (_retryMilliseconds / 1000).ToString() + Seconds);
            }

            return false;
        }

        // Configured when every configuration register could be read and holds the configuration.
        private int ReadConfiguration(out byte ctrlMeas, out byte config, out byte ctrlHum)
        {
            IBmx280Chip chip = _chip;
            ctrlHum = 0;
            config = 0;
            if (!chip.TryReadRegister(CtrlMeasRegister, out ctrlMeas)
                || !chip.TryReadRegister(ConfigRegister, out config)
                || (_hasHumidity && !chip.TryReadRegister(CtrlHumRegister, out ctrlHum)))
            {
                return Unreadable;
            }

            return (ctrlMeas & CtrlMeasMask) == CtrlMeasConfigured
                && (config & ConfigMask) == ConfigConfigured
                && (!_hasHumidity || (ctrlHum & CtrlHumMask) == HumidityOversampling) ? Configured : Different;
        }

        private string Registers(byte ctrlMeas, byte config, byte ctrlHum)
        {
            string text = CtrlMeasText + HexByte(ctrlMeas) + ConfigText + HexByte(config);
            return _hasHumidity ? text + CtrlHumText + HexByte(ctrlHum) : text;
        }

        private static string HexByte(byte value)
        {
            return HexPrefix + Hex[value >> 4].ToString() + Hex[value & 0x0F].ToString();
        }

        // Every fault and recovery line of the sensor leaves here.
        private void Log(string line)
        {
            ILogSink log = _log;
            if (log != null)
            {
                log.Line(line);
            }
        }

        // value rounded half away from zero, when it fits an int with room to spare (false for NaN).
        private static bool TryRound(double value, out int rounded)
        {
            if (!(value > -1000000000.0 && value < 1000000000.0))
            {
                rounded = 0;
                return false;
            }

            rounded = (int)(value >= 0 ? value + 0.5 : value - 0.5);
            return true;
        }
    }
}
