namespace ThermoDev.Sensors
{
    /// <summary>
    /// The temperatures ThermoDev reports and accepts, in hundredths of a degree Celsius: the BMP280's
    /// operating range, -40.00 °C to +85.00 °C.
    /// </summary>
    public static class TemperatureRange
    {
        /// <summary>Lowest temperature, -40.00 °C.</summary>
        public const int MinCentiCelsius = -4000;

        /// <summary>Highest temperature, +85.00 °C.</summary>
        public const int MaxCentiCelsius = 8500;

        /// <summary>True when <paramref name="centiCelsius"/> lies in the range, both ends included.</summary>
        public static bool Contains(int centiCelsius)
        {
            return centiCelsius >= MinCentiCelsius && centiCelsius <= MaxCentiCelsius;
        }
    }
}
