using System;

namespace Coap.Micro
{
    /// <summary>An <see cref="ICoapRandom"/> on <see cref="Random"/> (the hardware RNG on ESP32).</summary>
    public sealed class CoapRandom : ICoapRandom
    {
        private readonly Random _random;

        /// <summary>Draws from a new <see cref="Random"/>.</summary>
        public CoapRandom()
            : this(new Random())
        {
        }

        /// <summary>Draws from <paramref name="random"/>.</summary>
        public CoapRandom(Random random)
        {
            if (random == null)
            {
                throw new ArgumentNullException("random");
            }

            _random = random;
        }

        /// <inheritdoc/>
        public int Next(int maxExclusive)
        {
            return maxExclusive <= 1 ? 0 : _random.Next(maxExclusive);
        }
    }
}
