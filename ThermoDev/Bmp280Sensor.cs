using System;
using System.Device.I2c;
using System.IO;
using Iot.Device.Bmxx80;
using Iot.Device.Bmxx80.FilteringMode;
using Iot.Device.Bmxx80.ReadResult;
using nanoFramework.Hardware.Esp32;

namespace ThermoDev.Sensors
{
    /// <summary>
    /// A Bosch BMP280 on I2C bus 1 (nanoFramework.Iot.Device.Bmxx80): temperature and pressure.
    /// Each <see cref="TryRead"/> triggers one forced measurement and waits for it, so the sensor
    /// sleeps between readings and barely warms itself.
    /// </summary>
    public sealed class Bmp280Sensor : ITemperatureSensor
    {
        // I2C bus 1 (I2C1), whose pins TryCreate routes.
        private const int I2cBusId = 1;

        // BMP280 datasheet: operating range 300..1100 hPa. A reading outside it is not a real one.
        private const int MinPascals = 30000;
        private const int MaxPascals = 110000;

        private readonly Bmp280 _bmp280;
        private readonly string _description;

        private Bmp280Sensor(Bmp280 bmp280, string description)
        {
            _bmp280 = bmp280;
            _description = description;
        }

        /// <inheritdoc/>
        public bool HasPressure
        {
            get { return true; }
        }

        /// <inheritdoc/>
        public bool IsSimulated
        {
            get { return false; }
        }

        /// <summary>"BMP280 at 0x76" or "BMP280 at 0x77".</summary>
        public string Description
        {
            get { return _description; }
        }

        /// <summary>
        /// Routes I2C bus 1 to <paramref name="dataPin"/> (SDA) and <paramref name="clockPin"/> (SCL),
        /// then looks for a BMP280 at 0x76 (SDO to GND), then at 0x77 (SDO to VCC). Returns null when
        /// neither address answers with the BMP280's chip id.
        /// </summary>
        public static Bmp280Sensor TryCreate(int dataPin, int clockPin)
        {
            Configuration.SetPinFunction(dataPin, DeviceFunction.I2C1_DATA);
            Configuration.SetPinFunction(clockPin, DeviceFunction.I2C1_CLOCK);

            Bmp280Sensor sensor = TryCreateAt(Bmp280.SecondaryI2cAddress, "BMP280 at 0x76");
            if (sensor == null)
            {
                sensor = TryCreateAt(Bmp280.DefaultI2cAddress, "BMP280 at 0x77");
            }

            return sensor;
        }

        /// <summary>
        /// Measures once: hundredths of a degree Celsius and pascals, both rounded to the nearest
        /// unit. False when the sensor reports no valid value, when a value is outside the sensor's
        /// range (a disconnected BMP280 reads nonsense rather than failing: I2C NACKs do not throw),
        /// or when the read throws.
        /// </summary>
        public bool TryRead(out int centiCelsius, out int pascals)
        {
            centiCelsius = 0;
            pascals = 0;
            try
            {
                // Read() starts a forced measurement and waits for it; TryReadTemperature and
                // TryReadPressure would only read the previous result registers.
                Bmp280ReadResult result = _bmp280.Read();
                if (!result.TemperatureIsValid || !result.PressureIsValid)
                {
                    return false;
                }

                int centi;
                int pa;
                if (!TryRound(result.Temperature.DegreesCelsius * 100.0, out centi)
                    || !TemperatureRange.Contains(centi)
                    || !TryRound(result.Pressure.Pascals, out pa)
                    || pa < MinPascals
                    || pa > MaxPascals)
                {
                    return false;
                }

                centiCelsius = centi;
                pascals = pa;
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }

        // A BMP280 at one address, configured; null when the chip id there is not the BMP280's.
        private static Bmp280Sensor TryCreateAt(byte address, string description)
        {
            I2cDevice device = I2cDevice.Create(new I2cConnectionSettings(I2cBusId, address));
            Bmp280 bmp280;
            try
            {
                // Reads the chip id: IOException when it is not 0x58, as when nothing answers.
                bmp280 = new Bmp280(device);
            }
            catch (IOException)
            {
                device.Dispose();
                return null;
            }

            try
            {
                Configure(bmp280);
            }
            catch
            {
                bmp280.Dispose(); // disposes the I2C device too
                throw;
            }

            return new Bmp280Sensor(bmp280, description);
        }

        // Sampling for a room thermometer read about once a second (BMP280 datasheet, oversampling
        // and filter settings): temperature oversampling x2 (LowPower: 17 bit, 0.0025 °C) is far finer
        // than the 0.1 °C the /temp resource shows; pressure x4 (Standard: 0.66 Pa). The IIR filter
        // stays off, as the datasheet recommends for weather monitoring: it smooths short pressure
        // disturbances (a door, wind) at the cost of response time, which a thermometer does not need.
        private static void Configure(Bmp280 bmp280)
        {
            bmp280.TemperatureSampling = Sampling.LowPower;
            bmp280.PressureSampling = Sampling.Standard;
            bmp280.FilterMode = Bmx280FilteringMode.Off;
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
