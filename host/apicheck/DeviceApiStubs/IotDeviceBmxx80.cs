// nanoFramework.Iot.Device.Bmxx80 1.2.892 (assembly Iot.Device.Bmxx80, 1.2.0.0), as read in
// nanoframework/nanoFramework.IoT.Device @ 0fe5448, devices/Bmxx80: constructors, enum underlying types
// and values as declared there.
using System;
using System.Device.I2c;
using Iot.Device.Bmxx80.FilteringMode;
using Iot.Device.Bmxx80.PowerMode;
using Iot.Device.Bmxx80.ReadResult;
using UnitsNet;

namespace Iot.Device.Bmxx80
{
    // Sampling.cs: the osrs_x register codes.
    public enum Sampling : byte
    {
        Skipped = 0b000,
        UltraLowPower = 0b001,
        LowPower = 0b010,
        Standard = 0b011,
        HighResolution = 0b100,
        UltraHighResolution = 0b101,
    }

    // StandbyTime.cs: the t_sb register codes.
    public enum StandbyTime : byte
    {
        Ms0_5 = 0b000,
        Ms62_5 = 0b001,
        Ms125 = 0b010,
        Ms250 = 0b011,
        Ms500 = 0b100,
        Ms1000 = 0b101,
        Ms10 = 0b110,
        Ms20 = 0b111,
    }

    public abstract class Bmxx80Base : IDisposable
    {
        /// <summary>Reads the chip id (IOException unless it is <paramref name="deviceId"/>), the calibration data, then Reset().</summary>
        protected Bmxx80Base(byte deviceId, I2cDevice i2cDevice) => throw null;

        /// <summary>Read-modify-write of osrs_t in ctrl_meas; the getter returns the value last set, not the chip's.</summary>
        public Sampling TemperatureSampling
        {
            get => throw null;
            set => throw null;
        }

        /// <summary>Read-modify-write of osrs_p in ctrl_meas; the getter returns the value last set, not the chip's.</summary>
        public Sampling PressureSampling
        {
            get => throw null;
            set => throw null;
        }

        public abstract bool TryReadTemperature(out Temperature temperature);

        public abstract bool TryReadPressure(out Pressure pressure);

        /// <summary>Soft reset (0xB6 to 0xE0), then both samplings UltraLowPower, FilterMode Off, StandbyTime Ms125 (BME280: HumiditySampling UltraLowPower).</summary>
        public void Reset() => throw null;

        /// <summary>Also disposes the I2cDevice.</summary>
        public void Dispose() => throw null;
    }

    public abstract class Bmx280Base : Bmxx80Base
    {
        public const byte DefaultI2cAddress = 0x77;
        public const byte SecondaryI2cAddress = 0x76;

        protected Bmx280Base(byte deviceId, I2cDevice i2cDevice)
            : base(deviceId, i2cDevice) => throw null;

        public Bmx280FilteringMode FilterMode
        {
            get => throw null;
            set => throw null;
        }

        public StandbyTime StandbyTime
        {
            get => throw null;
            set => throw null;
        }

        /// <summary>Reads the result registers only: no measurement is triggered.</summary>
        public override bool TryReadTemperature(out Temperature temperature) => throw null;

        /// <summary>Reads the result registers only: no measurement is triggered.</summary>
        public override bool TryReadPressure(out Pressure pressure) => throw null;

        public bool TryReadAltitude(Pressure seaLevelPressure, out Length altitude) => throw null;

        public bool TryReadAltitude(out Length altitude) => throw null;

        /// <summary>Read-modify-write of the mode bits of ctrl_meas only.</summary>
        public void SetPowerMode(Bmx280PowerMode powerMode) => throw null;

        public Bmx280PowerMode ReadPowerMode() => throw null;

        /// <summary>Milliseconds.</summary>
        public virtual int GetMeasurementDuration() => throw null;
    }

    public class Bmp280 : Bmx280Base
    {
        /// <summary>Throws System.IO.IOException unless the chip id is 0x58 (also when no sensor answers).</summary>
        public Bmp280(I2cDevice i2cDevice)
            : base(0x58, i2cDevice) => throw null;

        /// <summary>Unless in Normal mode: sets Forced, sleeps GetMeasurementDuration() ms, then reads both values.</summary>
        public Bmp280ReadResult Read() => throw null;
    }

    // Bme280.cs.
    public class Bme280 : Bmx280Base
    {
        /// <summary>Throws System.IO.IOException unless the chip id is 0x60 (also when no sensor answers).</summary>
        public Bme280(I2cDevice i2cDevice)
            : base(0x60, i2cDevice) => throw null;

        /// <summary>Read-modify-write of osrs_h in ctrl_hum, then ctrl_meas rewritten (ctrl_hum takes effect on a ctrl_meas write).</summary>
        public Sampling HumiditySampling
        {
            get => throw null;
            set => throw null;
        }

        public bool TryReadHumidity(out RelativeHumidity humidity) => throw null;

        public override int GetMeasurementDuration() => throw null;

        /// <summary>Unless in Normal mode: sets Forced, sleeps GetMeasurementDuration() ms, then reads the three values.</summary>
        public Bme280ReadResult Read() => throw null;
    }
}

namespace Iot.Device.Bmxx80.ReadResult
{
    // ReadResult/Bmp280ReadResult.cs: no parameterless constructor.
    public class Bmp280ReadResult
    {
        public Bmp280ReadResult(Temperature temperature, bool temperatureIsValid, Pressure pressure, bool pressureIsValid) => throw null;

        public Temperature Temperature => throw null;

        public bool TemperatureIsValid => throw null;

        public Pressure Pressure => throw null;

        public bool PressureIsValid => throw null;
    }

    // ReadResult/Bme280ReadResult.cs.
    public class Bme280ReadResult : Bmp280ReadResult
    {
        public Bme280ReadResult(Temperature temperature, bool temperatureIsValid, Pressure pressure, bool pressureIsValid, RelativeHumidity humidity, bool humidityIsValid)
            : base(temperature, temperatureIsValid, pressure, pressureIsValid) => throw null;

        public RelativeHumidity Humidity => throw null;

        public bool HumidityIsValid => throw null;
    }
}

namespace Iot.Device.Bmxx80.PowerMode
{
    // PowerMode/Bmx280PowerMode.cs: the ctrl_meas mode codes.
    public enum Bmx280PowerMode : byte
    {
        Sleep = 0b00,
        Forced = 0b10,
        Normal = 0b11,
    }
}

namespace Iot.Device.Bmxx80.FilteringMode
{
    // FilteringMode/Bmx280FilteringMode.cs: the config filter codes.
    public enum Bmx280FilteringMode : byte
    {
        Off = 0b000,
        X2 = 0b001,
        X4 = 0b010,
        X8 = 0b011,
        X16 = 0b100,
    }
}
