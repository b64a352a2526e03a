using System.Collections;
using ThermoDev.Supervision;

namespace ThermoDev.Tests.ThermoDev
{
    /// <summary>A network whose address the test sets (0: none).</summary>
    public sealed class FakeNetwork : INetworkProbe
    {
        /// <summary>The address the next check sees.</summary>
        public int Address;

        /// <inheritdoc/>
        public int Ipv4Address()
        {
            return Address;
        }
    }

    /// <summary>Records reboot requests instead of rebooting.</summary>
    public sealed class FakeReboot : IDeviceReboot
    {
        /// <summary>Reboots asked for.</summary>
        public int Count;

        /// <summary>The last reason given.</summary>
        public string Reason;

        /// <inheritdoc/>
        public void Reboot(string reason)
        {
            Count++;
            Reason = reason;
        }
    }

    /// <summary>Keeps the lines written.</summary>
    public sealed class ListLog : ILogSink
    {
        /// <summary>The lines, oldest first.</summary>
        public readonly ArrayList Lines = new ArrayList();

        /// <inheritdoc/>
        public void Line(string text)
        {
            Lines.Add(text);
        }

        /// <summary>The line at <paramref name="index"/>.</summary>
        public string At(int index)
        {
            return (string)Lines[index];
        }
    }

    /// <summary>Fixed device facts for /status.</summary>
    public sealed class FixedFacts : IDeviceFacts
    {
        /// <summary>The version reported.</summary>
        public string VersionText = "1.2.3.4";

        /// <summary>Uptime reported.</summary>
        public long Uptime = 3723000;

        /// <summary>Free memory reported.</summary>
        public long Free = 81234;

        /// <summary>Address reported (192.168.1.50).</summary>
        public int Address = 192 | (168 << 8) | (1 << 16) | (50 << 24);

        /// <summary>Reconnects reported.</summary>
        public int Reconnects = 2;

        /// <inheritdoc/>
        public string Version
        {
            get { return VersionText; }
        }

        /// <inheritdoc/>
        public long UptimeMilliseconds()
        {
            return Uptime;
        }

        /// <inheritdoc/>
        public long FreeMemoryBytes()
        {
            return Free;
        }

        /// <inheritdoc/>
        public int Ipv4Address()
        {
            return Address;
        }

        /// <inheritdoc/>
        public int NetworkReconnects()
        {
            return Reconnects;
        }
    }
}
