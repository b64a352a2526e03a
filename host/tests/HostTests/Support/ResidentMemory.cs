using System;
using System.Globalization;
using System.IO;
using System.Linq;

namespace ThermoDev.HostTests.Support
{
    /// <summary>The resident set size of a process (VmRSS in /proc/&lt;pid&gt;/status, Linux).</summary>
    public static class ResidentMemory
    {
        /// <summary>True where it can be read.</summary>
        public static bool Available => OperatingSystem.IsLinux();

        /// <summary>Bytes of process <paramref name="pid"/> held in RAM now.</summary>
        public static long Of(int pid)
        {
            string line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            string kilobytes = line.Substring("VmRSS:".Length).Trim().Split(' ')[0];
            return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
        }

        /// <summary>"12.3 MB".</summary>
        public static string Format(long bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture) + " MB";
    }
}
