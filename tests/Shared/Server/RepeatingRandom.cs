using Coap.Micro;

namespace ThermoDev.Tests.Server
{
    /// <summary>A random source that returns the values it was given, in order, then the last one again for ever (each capped below the bound asked for).</summary>
    public sealed class RepeatingRandom : ICoapRandom
    {
        private readonly int[] _values;
        private int _next;

        /// <summary>Returns <paramref name="values"/> in order.</summary>
        public RepeatingRandom(params int[] values)
        {
            _values = values.Length == 0 ? new int[] { 0 } : values;
        }

        /// <summary>How many values were drawn.</summary>
        public int Draws;

        /// <inheritdoc/>
        public int Next(int maxExclusive)
        {
            Draws++;
            int value = _values[_next < _values.Length ? _next : _values.Length - 1];
            _next++;
            if (maxExclusive <= 1)
            {
                return 0;
            }

            return value < maxExclusive ? value : maxExclusive - 1;
        }
    }
}
