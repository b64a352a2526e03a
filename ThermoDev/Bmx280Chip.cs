using System;
using System.Device.I2c;
using System.Threading;
using Coap.Micro;
using Iot.Device.Bmxx80;
using Iot.Device.Bmxx80.FilteringMode;
using Iot.Device.Bmxx80.ReadResult;
using nanoFramework.Hardware.Esp32;
using ThermoDev.Supervision;

namespace ThermoDev.Sensors
{
    /// <summary>
    /// A Bosch BMP280 or BME280 on I2C bus 1 through the Bmxx80 binding (nanoFramework.Iot.Device.Bmxx80):
    /// what <see cref="Bmx280Sensor"/> reads, configures and measures. Each measurement is a forced one,
    /// so the sensor sleeps between readings and barely warms itself. The configuration registers are read
    /// through the binding's own I2C device: the binding addresses the register anew before every access
    /// and every call comes from the read loop's thread, so the reads never fall between two of its transfers.
    /// </summary>
    public sealed class Bmx280Chip : IBmx280Chip, ILogSink
    {
        // I2C bus 1 (I2C1), whose pins TryCreate routes.
        private const int I2cBusId = 1;

        // BMP280/BME280 datasheets: start-up time after a reset, 2 ms.
        private const int StartUpMilliseconds = 2;

        private readonly I2cDevice _device;
        private readonly Bmx280Base _binding;
        private readonly Bme280 _bme280;
        private readonly byte[] _register = new byte[1];
        private readonly byte[] _value = new byte[1];

        private Bmx280Chip(I2cDevice device, Bmx280Base binding, Bme280 bme280)
        {
            _device = device;
            _binding = binding;
            _bme280 = bme280;
        }

        /// <summary>
        /// Routes I2C bus 1 to <paramref name="dataPin"/> (SDA) and <paramref name="clockPin"/> (SCL), then
        /// looks at 0x76 (SDO to GND), then at 0x77 (SDO to VCC), for a chip whose id (register 0xD0) is the
        /// BMP280's (0x58) or the BME280's (0x60), and configures it. Null when neither address has one.
        /// </summary>
        public static Bmx280Sensor TryCreate(int dataPin, int clockPin, ICoapClock clock)
        {
            Configuration.SetPinFunction(dataPin, DeviceFunction.I2C1_DATA);
            Configuration.SetPinFunction(clockPin, DeviceFunction.I2C1_CLOCK);

            Bmx280Sensor sensor = TryCreateAt(Bmx280Base.SecondaryI2cAddress, "0x76", clock);
            if (sensor == null)
            {
                sensor = TryCreateAt(Bmx280Base.DefaultI2cAddress, "0x77", clock);
            }

            return sensor;
        }

        /// <inheritdoc/>
        public bool TryReadRegister(byte register, out byte value)
        {
            return TryReadRegister(_device, register, _register, _value, out value);
        }

        /// <inheritdoc/>
        public void Configure()
        {
            Bmx280Base binding = _binding;

            // A soft reset first, so every register starts from its known value; each setter below then
            // rewrites its own bits, also when the writes Reset() makes during the start-up time were lost.
            binding.Reset();
            Thread.Sleep(StartUpMilliseconds);
            binding.TemperatureSampling = (Sampling)Bmx280Sensor.TemperatureOversampling;
            binding.PressureSampling = (Sampling)Bmx280Sensor.PressureOversampling;
            binding.FilterMode = (Bmx280FilteringMode)Bmx280Sensor.FilterCoefficient;
            binding.StandbyTime = (StandbyTime)Bmx280Sensor.StandbyCode;
            if (_bme280 != null)
            {
                _bme280.HumiditySampling = (Sampling)Bmx280Sensor.HumidityOversampling;
            }
        }

        /// <inheritdoc/>
        public bool Measure(out double celsius, out double pascals, out double percent)
        {
            // Read() starts a forced measurement and waits for it; the TryRead* methods would only read
            // the previous result registers.
            Bmp280ReadResult result;
            bool humidityValid = true;
            if (_bme280 != null)
            {
                Bme280ReadResult withHumidity = _bme280.Read();
                humidityValid = withHumidity.HumidityIsValid;
                percent = withHumidity.Humidity.Percent;
                result = withHumidity;
            }
            else
            {
                result = ((Bmp280)_binding).Read();
                percent = double.NaN;
            }

            celsius = result.Temperature.DegreesCelsius;
            pascals = result.Pressure.Pascals;
            return result.TemperatureIsValid && result.PressureIsValid && humidityValid;
        }

        /// <summary>The sensor's fault and recovery lines go to the firmware's log (the console).</summary>
        public void Line(string text)
        {
            Program.Log.Line("Sensor: " + text);
        }

        // A configured BMP280 or BME280 at one address; null when the chip id there is neither's.
        private static Bmx280Sensor TryCreateAt(byte address, string addressText, ICoapClock clock)
        {
            I2cDevice device = I2cDevice.Create(new I2cConnectionSettings(I2cBusId, address));
            byte chipId;
            if (!TryReadRegister(device, Bmx280Sensor.ChipIdRegister, new byte[1], new byte[1], out chipId)
                || (chipId != Bmx280Sensor.Bmp280ChipId && chipId != Bmx280Sensor.Bme280ChipId))
            {
                device.Dispose();
                return null;
            }

            Bmx280Chip chip;
            try
            {
                // The binding reads the chip id again (IOException if it differs), reads the calibration
                // data and resets the chip.
                if (chipId == Bmx280Sensor.Bme280ChipId)
                {
                    Bme280 bme280 = new Bme280(device);
                    chip = new Bmx280Chip(device, bme280, bme280);
                }
                else
                {
                    chip = new Bmx280Chip(device, new Bmp280(device), null);
                }
            }
            catch (Exception)
            {
                device.Dispose();
                throw;
            }

            bool humidity = chipId == Bmx280Sensor.Bme280ChipId;
            Bmx280Sensor sensor = new Bmx280Sensor(chip, humidity, (humidity ? "BME280 at " : "BMP280 at ") + addressText,
                clock, chip, Bmx280Sensor.DefaultRetryMilliseconds);

            // A failure is logged; the sensor then fails its readings and tries again.
            sensor.Configure();
            return sensor;
        }

        // One register: its address written, its value read; false unless both transfers completed.
        private static bool TryReadRegister(I2cDevice device, byte register, byte[] address, byte[] value, out byte read)
        {
            address[0] = register;
            I2cTransferResult result = device.WriteRead(new SpanByte(address), new SpanByte(value));
            read = value[0];
            return result.Status == I2cTransferStatus.FullTransfer;
        }
    }
}
