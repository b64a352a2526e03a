namespace ThermoDev.Sensors
{
    /// <summary>
    /// A Bosch BMP280 or BME280 as <see cref="Bmx280Sensor"/> uses it: its registers read one at a time,
    /// its configuration, and one forced measurement. On a board the Bmxx80 binding and its I2C device
    /// implement it; tests use a register map.
    /// </summary>
    public interface IBmx280Chip
    {
        /// <summary>Reads the register at <paramref name="register"/>; false when the transfer failed.</summary>
        bool TryReadRegister(byte register, out byte value);

        /// <summary>
        /// Soft-resets the chip and writes the configuration <see cref="Bmx280Sensor"/> names (its
        /// oversampling, filter and standby constants). Throws when the bus fails.
        /// </summary>
        void Configure();

        /// <summary>
        /// Triggers one forced measurement, waits for it and reads it: degrees Celsius, pascals, and on a
        /// BME280 percent relative humidity (NaN on a BMP280). False when the binding reports a value invalid.
        /// </summary>
        bool Measure(out double celsius, out double pascals, out double percent);
    }
}
