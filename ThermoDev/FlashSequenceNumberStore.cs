using System.IO;
using Coap.Micro.Oscore;

namespace ThermoDev
{
    /// <summary>
    /// The OSCORE Sender Sequence Number kept in the ESP32's internal flash (drive I:, LittleFS, through
    /// nanoFramework.System.IO.FileSystem) across reboots (RFC 8613 Appendix B.1.1). Two files take turns: each Store
    /// writes the one that does not hold the newest value, so a reset in the middle of a write leaves the other whole.
    /// A file holds the value (8 bytes, little endian) and its bitwise complement; one whose halves disagree (torn,
    /// erased) is not taken. Load takes the larger valid value: stored values only grow.
    /// On this platform File.Move does not replace an existing file (and may copy), and FileStream.Flush may not
    /// commit the file to flash; closing it does, so every write ends with the file closed.
    /// </summary>
    public sealed class FlashSequenceNumberStore : ISequenceNumberStore
    {
        private const int RecordSize = 16;

        private readonly string[] paths;
        private readonly byte[] record = new byte[RecordSize];

        // The file holding the newest value, -1 before Load.
        private int newest = -1;

        /// <summary>A store in the two files at <paramref name="pathA"/> and <paramref name="pathB"/> (full paths on the same drive).</summary>
        public FlashSequenceNumberStore(string pathA, string pathB)
        {
            paths = new string[] { pathA, pathB };
        }

        /// <inheritdoc/>
        public long Load()
        {
            long a = Read(paths[0]);
            long b = Read(paths[1]);
            newest = b > a ? 1 : 0;
            long value = b > a ? b : a;
            return value < 0 ? 0 : value;
        }

        /// <inheritdoc/>
        public void Store(long value)
        {
            if (value < 0)
            {
                throw new System.ArgumentOutOfRangeException("value");
            }

            if (newest < 0)
            {
                Load();
            }

            int target = 1 - newest;
            byte[] r = record;
            for (int i = 0; i < 8; i++)
            {
                byte b = (byte)(value >> (8 * i));
                r[i] = b;
                r[8 + i] = (byte)~b;
            }

            // Create truncates or makes the file; the data reaches flash when the file is closed (Dispose).
            FileStream file = new FileStream(paths[target], FileMode.Create, FileAccess.Write, FileShare.None);
            try
            {
                file.Write(r, 0, RecordSize);
                file.Flush();
            }
            finally
            {
                file.Dispose();
            }

            // Only a write that ended without an error makes that file the newest.
            newest = target;
        }

        // The value in one file; -1 when it is missing, short or its halves disagree.
        private long Read(string path)
        {
            if (!File.Exists(path))
            {
                return -1;
            }

            byte[] r = record;
            int length = 0;
            FileStream file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None);
            try
            {
                while (length < RecordSize)
                {
                    int n = file.Read(r, length, RecordSize - length);
                    if (n <= 0)
                    {
                        break;
                    }

                    length += n;
                }
            }
            finally
            {
                file.Dispose();
            }

            if (length != RecordSize)
            {
                return -1;
            }

            long value = 0;
            for (int i = 0; i < 8; i++)
            {
                if ((byte)~r[8 + i] != r[i])
                {
                    return -1;
                }

                value |= (long)r[i] << (8 * i);
            }

            return value < 0 || value > OscoreSecurityContext.MaxPartialIv + 1 ? -1 : value;
        }
    }
}
