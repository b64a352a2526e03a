namespace Coap.Micro
{
    // The options of the response being composed, kept sorted by number (stable, so repeated options keep
    // the order they were added in) until Finish serialises them in ascending order (RFC 7252 §3.1).
    // One int per option and one pool of value bytes, both sized at start-up. The bytes header, token and
    // options take on the wire are kept up to date as options come and go, so no length is ever a walk.
    public sealed partial class CoapResponse
    {
        // number << 16 | value offset in _values << 8 | value length.
        private readonly int[] _entries;
        private readonly byte[] _values;
        private int _optionCount;
        private int _valuesUsed;

        // Header, token and the options delta-encoded (RFC 7252 §3.1): where the payload marker would go.
        private int _headLength;

        // Stores a new option after any of the same number and returns where its value goes in _values,
        // or -1. Options mostly come in ascending order: then it is appended and costs one entry store.
        private int Reserve(int number, int length)
        {
            if (_result != CoapWriteResult.Ok)
            {
                return -1;
            }

            if (number < 0 || number > CoapOption.MaxNumber || length > 0xFF)
            {
                Fail(CoapWriteResult.InvalidArgument);
                return -1;
            }

            int[] entries = _entries;
            int count = _optionCount;
            int used = _valuesUsed;
            if (count == entries.Length || length > _values.Length - used)
            {
                Fail(CoapWriteResult.DoesNotFit);
                return -1;
            }

            int entry = (number << 16) | (used << 8) | length;
            int previous = count > 0 ? (int)((uint)entries[count - 1] >> 16) : 0;
            if (number >= previous)
            {
                entries[count] = entry;
                int delta = number - previous;

                // 1 byte of nibbles, the extended delta (13-268: 1 byte, above: 2), the extended length (13-255: 1), the value.
                _headLength += 1 + (delta < 13 ? 0 : (delta < 269 ? 1 : 2)) + (length < 13 ? 0 : 1) + length;
            }
            else
            {
                int i = count;
                while (i > 0 && (int)((uint)entries[i - 1] >> 16) > number)
                {
                    entries[i] = entries[i - 1];
                    i--;
                }

                entries[i] = entry;
                _headLength += InsertedSize(i > 0 ? (int)((uint)entries[i - 1] >> 16) : 0, number, length, entries[i + 1]);
            }

            _optionCount = count + 1;
            _valuesUsed = used + length;
            return used;
        }

        // Bytes an option numbered `number` adds when it goes between one numbered `before` and the
        // entry `next`: its own, and the change of next's delta.
        private static int InsertedSize(int before, int number, int length, int next)
        {
            int nextNumber = (int)((uint)next >> 16);
            int delta = number - before;
            int nextDelta = nextNumber - number;
            int oldDelta = nextNumber - before;
            return 1 + (delta < 13 ? 0 : (delta < 269 ? 1 : 2)) + (length < 13 ? 0 : 1) + length
                + (nextDelta < 13 ? 0 : (nextDelta < 269 ? 1 : 2)) - (oldDelta < 13 ? 0 : (oldDelta < 269 ? 1 : 2));
        }

        // Bytes an option numbered `number` with `length` value bytes would add (it would go after any of the same number).
        private int ExtraSize(int number, int length)
        {
            int[] entries = _entries;
            int i = _optionCount;
            while (i > 0 && (int)((uint)entries[i - 1] >> 16) > number)
            {
                i--;
            }

            int before = i > 0 ? (int)((uint)entries[i - 1] >> 16) : 0;
            if (i == _optionCount)
            {
                int delta = number - before;
                return 1 + (delta < 13 ? 0 : (delta < 269 ? 1 : 2)) + (length < 13 ? 0 : 1) + length;
            }

            return InsertedSize(before, number, length, entries[i]);
        }

        /// <summary>True when an option numbered <paramref name="number"/> was added.</summary>
        internal bool HasOption(int number)
        {
            int[] entries = _entries;
            int count = _optionCount;
            for (int i = 0; i < count; i++)
            {
                if ((int)((uint)entries[i] >> 16) == number)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The Max-Age option's value in seconds, or 60 when there is none (RFC 7252 §5.10.5).</summary>
        internal uint MaxAge
        {
            get
            {
                int[] entries = _entries;
                int count = _optionCount;
                for (int i = 0; i < count; i++)
                {
                    int entry = entries[i];
                    if ((int)((uint)entry >> 16) == CoapOption.MaxAge)
                    {
                        byte[] values = _values;
                        int at = (entry >> 8) & 0xFF;
                        int end = at + (entry & 0xFF);
                        uint value = 0;
                        while (at < end)
                        {
                            value = (value << 8) | values[at++];
                        }

                        return value;
                    }
                }

                return 60;
            }
        }

        /// <summary>True when the first option numbered <paramref name="number"/> has the value given (false when there is none).</summary>
        internal bool OptionEquals(int number, byte[] value, int offset, int length)
        {
            int[] entries = _entries;
            int count = _optionCount;
            for (int i = 0; i < count; i++)
            {
                int entry = entries[i];
                if ((int)((uint)entry >> 16) == number)
                {
                    return ByteCompare.Equal(_values, (entry >> 8) & 0xFF, entry & 0xFF, value, offset, length);
                }
            }

            return false;
        }

        /// <summary>Removes every option numbered <paramref name="number"/> (their value bytes stay used until the next message).</summary>
        internal void RemoveOptions(int number)
        {
            int[] entries = _entries;
            int count = _optionCount;
            int kept = 0;
            int previous = 0;
            int head = CoapMessage.HeaderLength + (_token & TokenLengthMask);
            for (int i = 0; i < count; i++)
            {
                int entry = entries[i];
                int entryNumber = (int)((uint)entry >> 16);
                if (entryNumber != number)
                {
                    entries[kept++] = entry;
                    int delta = entryNumber - previous;
                    int length = entry & 0xFF;
                    head += 1 + (delta < 13 ? 0 : (delta < 269 ? 1 : 2)) + (length < 13 ? 0 : 1) + length;
                    previous = entryNumber;
                }
            }

            _optionCount = kept;
            _headLength = head;
        }
    }
}
