using System.IO;
using ThermoDev.Sensors;
using ThermoDev.Supervision;

namespace ThermoDev.Tests.ThermoDev
{
    /// <summary>
    /// A BMP280 or BME280 as a register map. It powers on with the datasheets' reset values (ctrl_hum,
    /// ctrl_meas and config 0x00; chip id 0x58 or 0x60) and measures as the binding would: configured, the
    /// values set here; with its oversampling reset to "skipped", what the datasheet's calibration example
    /// gives for the result registers' reset value (26.46 °C, 82,045 Pa), reported valid.
    /// </summary>
    public sealed class FakeBmx280Chip : IBmx280Chip
    {
        /// <summary>Temperature a configured chip measures.</summary>
        public double Celsius = 21.37;

        /// <summary>Pressure a configured chip measures.</summary>
        public double Pascals = 98765.4;

        /// <summary>Humidity a configured BME280 measures.</summary>
        public double Percent = 45.55;

        /// <summary>The registers.</summary>
        public readonly byte[] Registers = new byte[256];

        /// <summary>True: nothing answers (every transfer fails, Configure throws).</summary>
        public bool Unplugged;

        /// <summary>True: Configure returns without writing anything (the writes are lost).</summary>
        public bool LosesWrites;

        /// <summary>True: Configure throws an IOException with an empty message (the binding throws one without message).</summary>
        public bool ThrowsBare;

        /// <summary>Configure calls so far.</summary>
        public int Configurations;

        /// <summary>Measurements so far.</summary>
        public int Measurements;

        private readonly bool _bme280;

        /// <summary>A chip just powered on: a BME280 when <paramref name="bme280"/>, else a BMP280.</summary>
        public FakeBmx280Chip(bool bme280)
        {
            _bme280 = bme280;
            PowerOn();
        }

        /// <summary>Power lost and back: every register at its power-on value.</summary>
        public void PowerOn()
        {
            for (int i = 0; i < Registers.Length; i++)
            {
                Registers[i] = 0;
            }

            Registers[0xD0] = _bme280 ? (byte)0x60 : (byte)0x58;
        }

        /// <summary>A chip configured as ThermoDev configures it (temperature x2, pressure x4, humidity x1, filter off, standby 125 ms).</summary>
        public static FakeBmx280Chip Configured(bool bme280)
        {
            FakeBmx280Chip chip = new FakeBmx280Chip(bme280);
            chip.Configure();
            chip.Configurations = 0;
            return chip;
        }

        /// <inheritdoc/>
        public bool TryReadRegister(byte register, out byte value)
        {
            value = Unplugged ? (byte)0xFF : Registers[register];
            return !Unplugged;
        }

        /// <inheritdoc/>
        public void Configure()
        {
            Configurations++;
            if (Unplugged)
            {
                throw new IOException("no answer");
            }

            if (ThrowsBare)
            {
                throw new IOException(string.Empty);
            }

            if (LosesWrites)
            {
                return;
            }

            // Written here independently of Bmx280Sensor's constants: osrs_t 010, osrs_p 011, mode 00;
            // t_sb 010, filter 000; osrs_h 001.
            Registers[0xF4] = 0x4C;
            Registers[0xF5] = 0x40;
            if (_bme280)
            {
                Registers[0xF2] = 0x01;
            }
        }

        /// <inheritdoc/>
        public bool Measure(out double celsius, out double pascals, out double percent)
        {
            Measurements++;
            if (Unplugged)
            {
                // The binding reads 0xFF from a bus that does not answer: nonsense, reported valid.
                celsius = 184.3;
                pascals = 0;
                percent = _bme280 ? 100.0 : double.NaN;
                return true;
            }

            if ((Registers[0xF4] & 0xFC) == 0)
            {
                celsius = 26.46;
                pascals = 82045.0;
                percent = _bme280 ? 58.3 : double.NaN;
                return true;
            }

            celsius = Celsius;
            pascals = Pascals;
            percent = _bme280 ? Percent : double.NaN;
            return true;
        }
    }

    /// <summary>Collects the lines a sensor logs.</summary>
    public sealed class CollectingSensorLog : ILogSink
    {
        /// <summary>Lines written, newest last.</summary>
        public readonly System.Collections.ArrayList Lines = new System.Collections.ArrayList();

        /// <inheritdoc/>
        public void Line(string text)
        {
            Lines.Add(text);
        }

        /// <summary>The last line, or "" when none.</summary>
        public string Last
        {
            get { return Lines.Count == 0 ? string.Empty : (string)Lines[Lines.Count - 1]; }
        }
    }
}
