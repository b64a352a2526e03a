using System;
using System.Globalization;
using System.IO;

namespace FleetScale
{
    /// <summary>
    /// One look at a process in /proc: CPU time so far (utime + stime, fields 14 and 15 of /proc/pid/stat, in
    /// clock ticks of 1/100 s, Linux's USER_HZ) and resident memory (VmRSS of /proc/pid/status).
    /// </summary>
    public readonly record struct ProcessSample(long CpuTicks, long RssKilobytes, long TakenAt)
    {
        /// <summary>Clock ticks per second in /proc/pid/stat.</summary>
        public const double TicksPerSecond = 100.0;

        /// <summary>Reads process <paramref name="pid"/> now; null when it is gone.</summary>
        public static ProcessSample? Take(int pid, long now)
        {
            try
            {
                string stat = File.ReadAllText($"/proc/{pid}/stat");
                // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
                string[] after = stat.Substring(stat.LastIndexOf(')') + 2).Split(' ');
                long utime = long.Parse(after[11], CultureInfo.InvariantCulture);
                long stime = long.Parse(after[12], CultureInfo.InvariantCulture);
                long rss = 0;
                foreach (string line in File.ReadLines($"/proc/{pid}/status"))
                {
                    if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    {
                        rss = long.Parse(line.Substring(6).Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                        break;
                    }
                }

                return new ProcessSample(utime + stime, rss, now);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }

        /// <summary>CPU between <paramref name="earlier"/> and this sample, as % of one core.</summary>
        public double CpuPercentSince(ProcessSample earlier, long ticksPerSecond)
        {
            double seconds = (TakenAt - earlier.TakenAt) / (double)ticksPerSecond;
            return seconds <= 0 ? 0 : (CpuTicks - earlier.CpuTicks) / TicksPerSecond / seconds * 100.0;
        }
    }
}
