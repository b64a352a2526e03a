using System;

namespace ThermoDev.HostTests.Footprint
{
    /// <summary>
    /// How much of nanoFramework's heap (nanoCLR, 32-bit, as on ESP32) an object takes. Everything on
    /// that heap is counted in heap blocks of 12 bytes: an object is one block of header plus one block
    /// per instance field whatever the field's type; an array is a 20-byte header (a block plus its
    /// length and element description) followed by its elements packed at their own size (a reference
    /// takes a whole block), the total rounded up to whole blocks; a string made at run time is a block
    /// of header followed by its UTF-8 text and a terminating zero, rounded up likewise.
    /// </summary>
    public static class NanoHeapRules
    {
        /// <summary>One heap block: the unit of every allocation, and the size of one field.</summary>
        public const int Block = 12;

        /// <summary>The header of an array: a block, the element count and the element type, size and kind.</summary>
        public const int ArrayHeader = 20;

        /// <summary>An object with <paramref name="instanceFields"/> fields (its base classes' included).</summary>
        public static int Object(int instanceFields) => Block * (1 + instanceFields);

        /// <summary>An array of <paramref name="length"/> elements of <paramref name="elementSize"/> bytes.</summary>
        public static int Array(int length, int elementSize) => RoundUp(ArrayHeader + length * elementSize);

        /// <summary>A string of <paramref name="utf8Bytes"/> bytes of UTF-8 text created at run time.</summary>
        public static int String(int utf8Bytes) => RoundUp(Block + utf8Bytes + 1);

        /// <summary>Bytes one array element of <paramref name="type"/> takes.</summary>
        public static int ElementSize(Type type)
        {
            if (type.IsEnum)
            {
                type = Enum.GetUnderlyingType(type);
            }

            if (type == typeof(bool) || type == typeof(byte) || type == typeof(sbyte))
            {
                return 1;
            }

            if (type == typeof(char) || type == typeof(short) || type == typeof(ushort))
            {
                return 2;
            }

            if (type == typeof(int) || type == typeof(uint) || type == typeof(float))
            {
                return 4;
            }

            if (type == typeof(long) || type == typeof(ulong) || type == typeof(double))
            {
                return 8;
            }

            if (!type.IsValueType)
            {
                return Block;
            }

            throw new NotSupportedException($"no rule for an array of the struct {type}: keep tables as arrays of primitives");
        }

        /// <summary><paramref name="bytes"/> rounded up to whole heap blocks.</summary>
        public static int RoundUp(int bytes) => (bytes + Block - 1) / Block * Block;
    }
}
