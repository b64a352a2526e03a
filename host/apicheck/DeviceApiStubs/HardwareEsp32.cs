// nanoFramework.Hardware.Esp32 1.6.34 (assembly nanoFramework.Hardware.Esp32).
using System;

namespace nanoFramework.Hardware.Esp32
{
    // Values as read in nanoFramework.Hardware.Esp32 @ v1.6.34, DeviceTypePins.cs: device type
    // (I2C = 2 * 0x10000) + bus index * 0x100 + signal.
    public enum DeviceFunction
    {
        I2C1_DATA = 0x20100,
        I2C1_CLOCK = 0x20101,
        I2C2_DATA = 0x20200,
        I2C2_CLOCK = 0x20201,
    }

    public static class Configuration
    {
        public static void SetPinFunction(int pin, DeviceFunction value) => throw null;

        /// <summary>-1 when no pin is assigned.</summary>
        public static int GetFunctionPin(DeviceFunction function) => throw null;
    }

    /// <summary>Pin-number constants.</summary>
    public static class Gpio
    {
        public const int IO18 = 18;
        public const int IO19 = 19;
        public const int IO21 = 21;
        public const int IO22 = 22;
    }

    public class HighResTimer
    {
        public HighResTimer() => throw null;

        /// <summary>Microseconds since boot.</summary>
        public static UInt64 GetCurrent() => throw null;

        public void StartOneShot(UInt64 timeout_us) => throw null;

        public void StartOnePeriodic(UInt64 period_us) => throw null;

        public void Stop() => throw null;

        public void Dispose() => throw null;
    }
}
