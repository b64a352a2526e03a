using System;
using System.Buffers.Binary;
using System.IO;

namespace Coap.Micro.Oscore
{
    /// <summary>
    /// An <see cref="ISequenceNumberStore"/> in a file, for .NET (RFC 8613 Appendix B.1.1): the value as 8 bytes, little
    /// endian. Store writes a temporary file beside it, flushes it to disk and renames it over the file, so the file
    /// always holds a whole value, the old or the new. A missing file reads as 0; a file of another length is refused.
    /// </summary>
    public sealed class FileSequenceNumberStore : ISequenceNumberStore
    {
        private const int ValueSize = 8;

        private readonly string path;
        private readonly string temporaryPath;

        /// <summary>A store in the file at path (its folder must exist).</summary>
        public FileSequenceNumberStore(string path)
        {
            if (string.IsNullOrEmpty(path))
            {
                throw new ArgumentException("a file path is needed", nameof(path));
            }

            this.path = Path.GetFullPath(path);
            temporaryPath = this.path + ".tmp";
        }

        /// <summary>The file the value is kept in.</summary>
        public string FilePath => path;

        /// <inheritdoc />
        public long Load()
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(path);
            }
            catch (FileNotFoundException)
            {
                return 0;
            }

            if (bytes.Length != ValueSize)
            {
                throw new InvalidDataException("sequence number file " + path + " holds " + bytes.Length + " bytes, not " + ValueSize);
            }

            return BinaryPrimitives.ReadInt64LittleEndian(bytes);
        }

        /// <inheritdoc />
        public void Store(long value)
        {
            if (value < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value));
            }

            byte[] bytes = new byte[ValueSize];
            BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
            using (var stream = new FileStream(temporaryPath, FileMode.Create, FileAccess.Write, FileShare.None, ValueSize, FileOptions.WriteThrough))
            {
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(flushToDisk: true);
            }

            // A rename within one folder replaces the file whole.
            File.Move(temporaryPath, path, overwrite: true);
        }
    }
}
