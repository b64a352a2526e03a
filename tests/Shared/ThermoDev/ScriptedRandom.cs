using System;
using Coap.Micro;

namespace ThermoDev.Tests.ThermoDev
{
    /// <summary>An <see cref="ICoapRandom"/> that returns the values a test queued, in order.</summary>
    public sealed class ScriptedRandom : ICoapRandom
    {
        private readonly int[] _values;
        private int _next;

        /// <summary>Returns <paramref name="values"/> one per call; one call too many fails the test.</summary>
        public ScriptedRandom(params int[] values)
        {
            _values = values;
        }

        /// <summary>How many values were drawn.</summary>
        public int Draws
        {
            get { return _next; }
        }

        /// <summary>The bound of the last draw.</summary>
        public int LastMaxExclusive { get; private set; }

        /// <inheritdoc/>
        public int Next(int maxExclusive)
        {
            if (_next == _values.Length)
            {
                throw new InvalidOperationException("the script has no more values");
            }

            LastMaxExclusive = maxExclusive;
            return _values[_next++];
        }
    }
}
