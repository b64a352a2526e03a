namespace Coap.Micro
{
    /// <summary>
    /// The options a caller adds to a request, kept in ascending number order (repeated numbers in the
    /// order added) so they can be merged with the client's own when the request is written (RFC 7252
    /// §3.1). Opaque values are referenced in the caller's buffers; uint values are kept here.
    /// </summary>
    internal sealed class RequestOptionList
    {
        private readonly int[] _numbers;
        private readonly byte[][] _buffers;
        private readonly int[] _offsets;
        private readonly int[] _lengths;
        private readonly byte[] _uintValues;
        private int _count;

        internal RequestOptionList(int capacity)
        {
            _numbers = new int[capacity];
            _buffers = new byte[capacity][];
            _offsets = new int[capacity];
            _lengths = new int[capacity];
            _uintValues = new byte[capacity * 4];
        }

        internal int Count
        {
            get { return _count; }
        }

        internal int Capacity
        {
            get { return _numbers.Length; }
        }

        internal int NumberAt(int index)
        {
            return _numbers[index];
        }

        internal byte[] BufferAt(int index)
        {
            return _buffers[index];
        }

        internal int OffsetAt(int index)
        {
            return _offsets[index];
        }

        internal int LengthAt(int index)
        {
            return _lengths[index];
        }

        internal void Clear()
        {
            for (int i = 0; i < _count; i++)
            {
                _buffers[i] = null;
            }

            _count = 0;
        }

        /// <summary>Adds an option whose value stays in <paramref name="value"/>; false when full or out of range.</summary>
        internal bool Add(int number, byte[] value, int offset, int length)
        {
            if (_count == _numbers.Length || number < 0 || number > CoapOption.MaxNumber || length < 0 || length > CoapMessageWriter.MaxOptionValueLength
                || (length > 0 && (value == null || offset < 0 || offset > value.Length - length)))
            {
                return false;
            }

            int index = _count;
            while (index > 0 && _numbers[index - 1] > number)
            {
                _numbers[index] = _numbers[index - 1];
                _buffers[index] = _buffers[index - 1];
                _offsets[index] = _offsets[index - 1];
                _lengths[index] = _lengths[index - 1];
                index--;
            }

            _numbers[index] = number;
            _buffers[index] = value;
            _offsets[index] = offset;
            _lengths[index] = length;
            _count++;
            return true;
        }

        /// <summary>Adds a uint option in its shortest form (RFC 7252 §3.2); the value is kept here.</summary>
        internal bool AddUInt(int number, uint value)
        {
            // Each uint value has a 4-byte cell of its own, found by a free cell index.
            int cell = FreeCell();
            if (cell < 0)
            {
                return false;
            }

            int length = CoapMessageWriter.UIntLength(value);
            int start = cell * 4;
            for (int i = 0; i < length; i++)
            {
                _uintValues[start + i] = (byte)(value >> (8 * (length - 1 - i)));
            }

            return Add(number, _uintValues, start, length);
        }

        private int FreeCell()
        {
            for (int cell = 0; cell < _numbers.Length; cell++)
            {
                bool used = false;
                for (int i = 0; i < _count && !used; i++)
                {
                    used = _buffers[i] == _uintValues && _offsets[i] == cell * 4;
                }

                if (!used)
                {
                    return cell;
                }
            }

            return -1;
        }
    }
}
