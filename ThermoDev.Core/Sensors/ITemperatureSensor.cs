namespace ThermoDev.Sensors
{
    /// <summary>
    /// A temperature sensor, optionally with pressure. Temperatures are hundredths of a degree Celsius
    /// (2500 = 25.00 °C), pressures pascals.
    /// </summary>
    public interface ITemperatureSensor
    {
        /// <summary>
        /// Takes one measurement. True with the temperature in hundredths of a degree Celsius and,
        /// when <see cref="HasPressure"/>, the pressure in pascals (else 0); false when the sensor
        /// failed to give a valid reading.
        /// </summary>
        bool TryRead(out int centiCelsius, out int pascals);

        /// <summary>True when <see cref="TryRead"/> reports pressure.</summary>
        bool HasPressure { get; }

        /// <summary>
        /// True for a simulated sensor, whose reported value a PUT sets; false for a real sensor,
        /// which a PUT calibrates.
        /// </summary>
        bool IsSimulated { get; }

        /// <summary>A short description for the start-up output, e.g. "BMP280 at 0x76" or "simulated".</summary>
        string Description { get; }
    }
}
