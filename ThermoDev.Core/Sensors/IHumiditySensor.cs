namespace ThermoDev.Sensors
{
    /// <summary>A temperature sensor that may also measure relative humidity (a BME280).</summary>
    public interface IHumiditySensor
    {
        /// <summary>True when <see cref="Humidity"/> reports what the sensor measures.</summary>
        bool HasHumidity { get; }

        /// <summary>
        /// The relative humidity measured by the last <see cref="ITemperatureSensor.TryRead"/> that returned
        /// true, in hundredths of a percent (4550 = 45.50 %RH); <see cref="Resources.SensorState.Unavailable"/>
        /// after one that returned false. Read on the thread that calls TryRead.
        /// </summary>
        int Humidity { get; }
    }
}
