// nanoFramework.System.IO.FileSystem 1.1.87 (assembly System.IO.FileSystem) and the Stream it derives from,
// nanoFramework.System.IO.Streams 1.1.96 (assembly System.IO.Streams): only what FlashSequenceNumberStore calls, as
// read in nanoframework/System.IO.FileSystem @ v1.1.87 (File.cs, FileStream.cs, FileMode.cs, FileAccess.cs,
// FileShare.cs) and nanoframework/System.IO.Streams @ v1.1.96 (Stream.cs).
// Facts read there: File.Move throws IOException when the destination exists (no overwrite) and may fall back to
// copy and delete; FileStream.Flush calls the driver's Flush, which on ESP32 (nf-interpreter
// targets/ESP32/_littlefs/littlefs_FS_Driver.cpp) is fflush, while Close is fclose; the ESP32 targets mount the
// internal LittleFS partition as volume "I:" (targets/ESP32/*/target_FileSystem.cpp).
namespace System.IO
{
    /// <summary>How a file is opened.</summary>
    public enum FileMode
    {
        CreateNew = 1,
        Create = 2,
        Open = 3,
        OpenOrCreate = 4,
        Truncate = 5,
        Append = 6,
    }

    /// <summary>Read, write or both.</summary>
    [Flags]
    public enum FileAccess
    {
        Read = 1,
        Write = 2,
        ReadWrite = 3,
    }

    /// <summary>What other openers of the same file may do.</summary>
    [Flags]
    public enum FileShare
    {
        None = 0,
        Read = 1,
        Write = 2,
        ReadWrite = 3,
    }

    /// <summary>A sequence of bytes (System.IO.Streams).</summary>
    public abstract class Stream : MarshalByRefObject, IDisposable
    {
        public void Dispose() => throw null;

        public abstract void Flush();

        public abstract int Read(byte[] buffer, int offset, int count);

        public abstract void Write(byte[] buffer, int offset, int count);
    }

    /// <summary>A file as a stream.</summary>
    public class FileStream : Stream
    {
        public FileStream(string path, FileMode mode, FileAccess access, FileShare share) => throw null;

        public override void Flush() => throw null;

        public override int Read(byte[] buffer, int offset, int count) => throw null;

        public override void Write(byte[] buffer, int offset, int count) => throw null;
    }

    /// <summary>Files by path.</summary>
    public static class File
    {
        public static bool Exists(string path) => throw null;
    }
}
