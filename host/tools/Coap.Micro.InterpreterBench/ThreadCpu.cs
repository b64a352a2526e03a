using System;
using System.Runtime.InteropServices;

namespace Coap.Micro.InterpreterBench
{
    /// <summary>
    /// CPU time of the calling thread (Linux clock_gettime(CLOCK_THREAD_CPUTIME_ID)): on a shared machine
    /// it leaves out the time the thread waited for a core, which wall-clock time does not.
    /// </summary>
    public static class ThreadCpu
    {
        private const int ClockThreadCpuTime = 3;

        private static bool _unavailable;

        /// <summary>Nanoseconds of CPU time of this thread, or -1 where the clock cannot be read.</summary>
        public static long Nanoseconds()
        {
            if (_unavailable)
            {
                return -1;
            }

            try
            {
                Timespec now;
                if (clock_gettime(ClockThreadCpuTime, out now) == 0)
                {
                    return now.Seconds * 1000000000L + now.Nanoseconds;
                }
            }
            catch (DllNotFoundException)
            {
            }
            catch (EntryPointNotFoundException)
            {
            }

            _unavailable = true;
            return -1;
        }

        [DllImport("libc", SetLastError = false)]
        private static extern int clock_gettime(int clock, out Timespec time);

        [StructLayout(LayoutKind.Sequential)]
        private struct Timespec
        {
            public long Seconds;
            public long Nanoseconds;
        }
    }
}
