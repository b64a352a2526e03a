// nanoFramework.Iot.Device.Bmxx80 1.2.892 (assembly Iot.Device.Bmxx80, 1.2.0.0).
using System.Device.I2c;
using Iot.Device.Bmxx80.FilteringMode;
using Iot.Device.Bmxx80.PowerMode;
using Iot.Device.Bmxx80.ReadResult;
using UnitsNet;

namespace Iot.Device.Bmxx80
{
    public enum Sampling : byte
    {
        Skipped,
        UltraLowPower,
        LowPower,
        Standard,
        HighResolution,
        UltraHighResolution,
    }

    public enum StandbyTime
    {
        Ms0_5,
        Ms62_5,
        Ms125,
        Ms250,
        Ms500,
        Ms1000,
        Ms10,
        Ms20,
    }

    public abstract class Bmxx80Base
    {
        public Sampling TemperatureSampling
        {
            get => throw null;
            set => throw null;
        }

        public Sampling PressureSampling
        {
            get => throw null;
            set => throw null;
        }

        public abstract bool TryReadTemperature(out Temperature temperature);

        public abstract bool TryReadPressure(out Pressure pressure);

        /// <summary>Sets both samplings to UltraLowPower, FilterMode Off, StandbyTime Ms125.</summary>
        public void Reset() => throw null;

        /// <summary>Also disposes the I2cDevice.</summary>
        public void Dispose() => throw null;
    }

    public abstract class Bmx280Base : Bmxx80Base
    {
        public const byte DefaultI2cAddress = 0x77;
        public const byte SecondaryI2cAddress = 0x76;

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

        public void SetPowerMode(Bmx280PowerMode powerMode) => throw null;

        public Bmx280PowerMode ReadPowerMode() => throw null;

        /// <summary>Milliseconds.</summary>
        public virtual int GetMeasurementDuration() => throw null;
    }

    public class Bmp280 : Bmx280Base
    {
        /// <summary>Throws System.IO.IOException unless the chip id is 0x58 (also when no sensor answers).</summary>
        public Bmp280(I2cDevice i2cDevice) => throw null;

        /// <summary>Unless in Normal mode: sets Forced, sleeps GetMeasurementDuration() ms, then reads both values.</summary>
        public Bmp280ReadResult Read() => throw null;
    }
}

namespace Iot.Device.Bmxx80.ReadResult
{
    public class Bmp280ReadResult
    {
        public Temperature Temperature => throw null;

        public bool TemperatureIsValid => throw null;

        public Pressure Pressure => throw null;

        public bool PressureIsValid => throw null;
    }
}

namespace Iot.Device.Bmxx80.PowerMode
{
    public enum Bmx280PowerMode
    {
        Sleep,
        Forced,
        Normal,
    }
}

namespace Iot.Device.Bmxx80.FilteringMode
{
    public enum Bmx280FilteringMode
    {
        Off,
        X2,
        X4,
        X8,
        X16,
    }
}
