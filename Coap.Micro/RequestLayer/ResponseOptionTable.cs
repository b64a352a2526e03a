namespace Coap.Micro
{
    /// <summary>
    /// The options of a response being composed, kept sorted by number (stable, so repeated options keep
    /// the order they were added in) until they are serialised in ascending order (RFC 7252 §3.1).
    /// One int per option and one pool of value bytes, both sized at start-up.
    /// </summary>
    internal sealed class ResponseOptionTable
    {
        // number << 16 | value offset in _values << 8 | value length.
        private readonly int[] _entries;
        private readonly byte[] _values;
        private int _count;
        private int _valuesUsed;

        internal ResponseOptionTable(int maxOptions, int valueBytes)
        {
            _entries = new int[maxOptions];
            _values = new byte[valueBytes];
        }

        /// <summary>Most options the table holds.</summary>
        internal int Capacity
        {
            get { return _entries.Length; }
        }

        /// <summary>Options in the table.</summary>
        internal int Count
        {
            get { return _count; }
        }

        /// <summary>The pool the values live in (see <see cref="ValueOffset"/>).</summary>
        internal byte[] Values
        {
            get { return _values; }
        }

        /// <summary>Empties the table.</summary>
        internal void Clear()
        {
            _count = 0;
            _valuesUsed = 0;
        }

        /// <summary>Number of the <paramref name="index"/>-th option in ascending order.</summary>
        internal int NumberAt(int index)
        {
            return (int)((uint)_entries[index] >> 16);
        }

        /// <summary>Where the value of the <paramref name="index"/>-th option starts in <see cref="Values"/>.</summary>
        internal int ValueOffset(int index)
        {
            return (_entries[index] >> 8) & 0xFF;
        }

        /// <summary>Length of the value of the <paramref name="index"/>-th option.</summary>
        internal int ValueLength(int index)
        {
            return _entries[index] & 0xFF;
        }

        /// <summary>Index of the first option numbered <paramref name="number"/>, or -1.</summary>
        internal int Find(int number)
        {
            for (int i = 0; i < _count; i++)
            {
                if (NumberAt(i) == number)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>
        /// Adds an option after any of the same number and returns where its <paramref name="length"/>
        /// value bytes go in <see cref="Values"/>; -1 when the table or the pool is full.
        /// </summary>
        internal int Reserve(int number, int length)
        {
            if (_count == _entries.Length || length > _values.Length - _valuesUsed)
            {
                return -1;
            }

            int at = _valuesUsed;
            int i = _count;
            while (i > 0 && NumberAt(i - 1) > number)
            {
                _entries[i] = _entries[i - 1];
                i--;
            }

            _entries[i] = (number << 16) | (at << 8) | length;
            _count++;
            _valuesUsed += length;
            return at;
        }

        /// <summary>Removes every option numbered <paramref name="number"/> (their value bytes stay used until <see cref="Clear"/>).</summary>
        internal void Remove(int number)
        {
            int kept = 0;
            for (int i = 0; i < _count; i++)
            {
                if (NumberAt(i) != number)
                {
                    _entries[kept++] = _entries[i];
                }
            }

            _count = kept;
        }

        /// <summary>
        /// Bytes the options take on the wire, delta-encoded (RFC 7252 §3.1), counting one more option
        /// numbered <paramref name="extraNumber"/> with <paramref name="extraLength"/> value bytes
        /// (none when <paramref name="extraNumber"/> is -1).
        /// </summary>
        internal int EncodedLength(int extraNumber, int extraLength)
        {
            int total = 0;
            int previous = 0;
            bool extraDone = extraNumber < 0;
            for (int i = 0; i <= _count; i++)
            {
                if (!extraDone && (i == _count || NumberAt(i) > extraNumber))
                {
                    total += EncodedSize(extraNumber - previous, extraLength);
                    previous = extraNumber;
                    extraDone = true;
                }

                if (i < _count)
                {
                    int number = NumberAt(i);
                    total += EncodedSize(number - previous, ValueLength(i));
                    previous = number;
                }
            }

            return total;
        }

        private static int EncodedSize(int delta, int length)
        {
            return 1 + ExtendedSize(delta) + ExtendedSize(length) + length;
        }

        private static int ExtendedSize(int value)
        {
            return value < 13 ? 0 : (value < 269 ? 1 : 2);
        }
    }
}
