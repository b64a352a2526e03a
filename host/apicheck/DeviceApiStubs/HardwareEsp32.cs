// nanoFramework.Hardware.Esp32 1.6.34 (assembly nanoFramework.Hardware.Esp32).
using System;

namespace nanoFramework.Hardware.Esp32
{
    public enum DeviceFunction
    {
        I2C1_DATA,
        I2C1_CLOCK,
        I2C2_DATA,
        I2C2_CLOCK,
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
