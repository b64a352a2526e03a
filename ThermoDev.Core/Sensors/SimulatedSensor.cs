using System;
using System.Threading;
using Coap.Micro;

namespace ThermoDev.Sensors
{
    /// <summary>
    /// A sensor that reports a value set in code: what ThermoDev reads when no sensor is fitted, and on
    /// a PC. Optionally the value drifts by a random step on each read. Thread-safe: one thread may call
    /// <see cref="Set"/> or <see cref="Failing"/> while another calls <see cref="TryRead"/>.
    /// </summary>
    public sealed class SimulatedSensor : ITemperatureSensor
    {
        /// <summary>The value a sensor created without one reports: 25.00 °C.</summary>
        public const int DefaultCentiCelsius = 2500;

        private const int LargestDrift = TemperatureRange.MaxCentiCelsius - TemperatureRange.MinCentiCelsius;

        private static readonly string SimulatedDescription = "simulated";

        private readonly int _maxDriftCentiPerRead;
        private readonly ICoapRandom _random;

        // Shared between threads: read and written only through Interlocked (nanoFramework has no volatile).
        private int _centiCelsius;
        private int _failing;

        /// <summary>A sensor reporting <see cref="DefaultCentiCelsius"/>, without drift.</summary>
        public SimulatedSensor()
            : this(DefaultCentiCelsius, 0, null)
        {
        }

        /// <summary>A sensor reporting <paramref name="initialCentiCelsius"/>, without drift.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The value is outside <see cref="TemperatureRange"/>.</exception>
        public SimulatedSensor(int initialCentiCelsius)
            : this(initialCentiCelsius, 0, null)
        {
        }

        /// <summary>
        /// A sensor reporting <paramref name="initialCentiCelsius"/> first; after each read the value moves
        /// by a step drawn from <paramref name="random"/> in [-<paramref name="maxDriftCentiPerRead"/>,
        /// +<paramref name="maxDriftCentiPerRead"/>], kept within <see cref="TemperatureRange"/>.
        /// A drift of 0 or a null <paramref name="random"/> means no drift.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">
        /// The value is outside <see cref="TemperatureRange"/>, or the drift is negative or wider than the range.
        /// </exception>
        public SimulatedSensor(int initialCentiCelsius, int maxDriftCentiPerRead, ICoapRandom random)
        {
            if (!TemperatureRange.Contains(initialCentiCelsius))
            {
                throw new ArgumentOutOfRangeException("initialCentiCelsius");
            }

            if (maxDriftCentiPerRead < 0 || maxDriftCentiPerRead > LargestDrift)
            {
                throw new ArgumentOutOfRangeException("maxDriftCentiPerRead");
            }

            _centiCelsius = initialCentiCelsius;
            _random = random;
            _maxDriftCentiPerRead = random == null ? 0 : maxDriftCentiPerRead;
        }

        /// <summary>False: the simulated sensor reports no pressure.</summary>
        public bool HasPressure
        {
            get { return false; }
        }

        /// <summary>True: a PUT sets the value this sensor reports.</summary>
        public bool IsSimulated
        {
            get { return true; }
        }

        /// <summary>"simulated".</summary>
        public string Description
        {
            get { return SimulatedDescription; }
        }

        /// <summary>
        /// While true, <see cref="TryRead"/> fails as a broken sensor would; the value is kept for when it
        /// is set false again.
        /// </summary>
        public bool Failing
        {
            get { return Interlocked.CompareExchange(ref _failing, 0, 0) != 0; }
            set { Interlocked.Exchange(ref _failing, value ? 1 : 0); }
        }

        /// <summary>Sets the value the next read reports.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The value is outside <see cref="TemperatureRange"/>.</exception>
        public void Set(int centiCelsius)
        {
            // The parameter name is a literal, evaluated (and allocated on nanoFramework) only when throwing.
            if (!TemperatureRange.Contains(centiCelsius))
            {
                throw new ArgumentOutOfRangeException("centiCelsius");
            }

            Interlocked.Exchange(ref _centiCelsius, centiCelsius);
        }

        /// <summary>
        /// Reports the current value (pressure 0), then lets it drift for the next read; false, with both
        /// outputs 0, while <see cref="Failing"/>.
        /// </summary>
        public bool TryRead(out int centiCelsius, out int pascals)
        {
            pascals = 0;
            if (Failing)
            {
                centiCelsius = 0;
                return false;
            }

            if (_maxDriftCentiPerRead == 0)
            {
                centiCelsius = Interlocked.CompareExchange(ref _centiCelsius, 0, 0);
                return true;
            }

            int step = DrawStep();
            while (true)
            {
                // Retried only when Set ran in between: the step then applies to the value it set.
                int current = Interlocked.CompareExchange(ref _centiCelsius, 0, 0);
                int next = Clamp(current + step);
                if (Interlocked.CompareExchange(ref _centiCelsius, next, current) == current)
                {
                    centiCelsius = current;
                    return true;
                }
            }
        }

        private int DrawStep()
        {
            int span = 2 * _maxDriftCentiPerRead + 1;
            int draw = _random.Next(span);

            // A source that breaks its [0, span) promise still moves the value by at most the drift.
            if (draw < 0)
            {
                draw = 0;
            }
            else if (draw >= span)
            {
                draw = span - 1;
            }

            return draw - _maxDriftCentiPerRead;
        }

        private static int Clamp(int centiCelsius)
        {
            if (centiCelsius < TemperatureRange.MinCentiCelsius)
            {
                return TemperatureRange.MinCentiCelsius;
            }

            return centiCelsius > TemperatureRange.MaxCentiCelsius ? TemperatureRange.MaxCentiCelsius : centiCelsius;
        }
    }
}
