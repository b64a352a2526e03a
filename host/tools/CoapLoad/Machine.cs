using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace CoapLoad
{
    /// <summary>What the numbers were measured on: processor, cores, memory, system, .NET and libcoap.</summary>
    public static class Machine
    {
        /// <summary>One line describing this machine.</summary>
        public static string Describe(string libcoapVersion)
        {
            string cpu = File.Exists("/proc/cpuinfo")
                ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
                : null;
            long memoryKb = 0;
            if (File.Exists("/proc/meminfo"))
            {
                string line = File.ReadLines("/proc/meminfo").First();
                memoryKb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
            }

            return $"{cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}, {Environment.ProcessorCount} cores, "
                + $"{memoryKb / 1024 / 1024.0:0} GiB; {RuntimeInformation.OSDescription}; .NET {Environment.Version}; libcoap {libcoapVersion}";
        }

        /// <summary>The version libcoap's server reports ("4.3.1"), or "unknown".</summary>
        public static string LibcoapVersion(string server)
        {
            try
            {
                var info = new ProcessStartInfo(server, "-h") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
                using Process process = Process.Start(info);
                string text = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
                process.WaitForExit(5000);
                int at = text.IndexOf(" v", StringComparison.Ordinal);
                return at < 0 ? "unknown" : text.Substring(at + 2).Split(' ', '\n')[0];
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return "unknown";
            }
        }
    }
}
