using System;
using System.Diagnostics;
using System.Threading.Tasks;

namespace ThermoDev.Gateway.Tests.Support
{
    /// <summary>Bounded polling for conditions that become true a little later (a notification, a status).</summary>
    public static class Eventually
    {
        /// <summary>True as soon as <paramref name="condition"/> is, checked every 50 ms; false after <paramref name="timeout"/>.</summary>
        public static async Task<bool> TrueAsync(Func<Task<bool>> condition, TimeSpan timeout)
        {
            var waited = Stopwatch.StartNew();
            while (true)
            {
                if (await condition())
                {
                    return true;
                }

                if (waited.Elapsed > timeout)
                {
                    return false;
                }

                await Task.Delay(50);
            }
        }

        /// <summary>As <see cref="TrueAsync(Func{Task{bool}}, TimeSpan)"/> for a synchronous condition.</summary>
        public static Task<bool> TrueAsync(Func<bool> condition, TimeSpan timeout) => TrueAsync(() => Task.FromResult(condition()), timeout);
    }
}
