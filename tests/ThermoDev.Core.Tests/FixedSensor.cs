using System;
using ThermoDev.Sensors;

namespace ThermoDev.Tests.ThermoDev
{
    /// <summary>A "real" sensor for tests: reports what the test sets, with pressure, and can fail or throw.</summary>
    public sealed class FixedSensor : ITemperatureSensor
    {
        /// <summary>Temperature to report, hundredths of °C.</summary>
        public int CentiCelsius = 2612;

        /// <summary>Pressure to report, pascals.</summary>
        public int Pascals = 101325;

        /// <summary>True: reads fail.</summary>
        public bool Failing;

        /// <summary>True: reads throw.</summary>
        public bool Throwing;

        /// <inheritdoc/>
        public bool HasPressure
        {
            get { return true; }
        }

        /// <inheritdoc/>
        public bool IsSimulated
        {
            get { return false; }
        }

        /// <inheritdoc/>
        public string Description
        {
            get { return "fixed"; }
        }

        /// <inheritdoc/>
        public bool TryRead(out int centiCelsius, out int pascals)
        {
            if (Throwing)
            {
                throw new InvalidOperationException("bus error");
            }

            centiCelsius = Failing ? 0 : CentiCelsius;
            pascals = Failing ? 0 : Pascals;
            return !Failing;
        }
    }
}
