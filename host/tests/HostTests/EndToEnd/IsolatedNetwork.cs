#nullable disable
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.TestSupport;

namespace ThermoDev.HostTests.EndToEnd
{
    /// <summary>
    /// A network of its own for multicast tests, so nothing is ever sent on the machine's interfaces: a
    /// switch namespace holding a bridge, and one namespace per host, each joined to the bridge by a veth pair,
    /// with its own address 10.251.0.N/24, loopback up and a route for 224.0.0.0/4 on its interface, and an IPv6
    /// link-local address usable at once (no duplicate address detection; ff00::/8 is routed there by the system). Needs
    /// root and iproute2 (the test is inconclusive otherwise). <see cref="Dispose"/> deletes every namespace
    /// (and with them the veths and the bridge) whatever happened.
    /// </summary>
    public sealed class IsolatedNetwork : IDisposable
    {
        private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);

        private readonly string _ip;
        private readonly string _prefix;
        private readonly List<string> _namespaces = new List<string>();

        private IsolatedNetwork(string ip, string prefix)
        {
            _ip = ip;
            _prefix = prefix;
        }

        /// <summary>The namespace of host <paramref name="host"/> (1-based).</summary>
        public string Namespace(int host) => _prefix + host.ToString(CultureInfo.InvariantCulture);

        /// <summary>The IPv4 address of host <paramref name="host"/>.</summary>
        public static string Address(int host) => "10.251.0." + host.ToString(CultureInfo.InvariantCulture);

        /// <summary>
        /// Makes the switch and <paramref name="hosts"/> hosts; stops the test as inconclusive when not root or
        /// without <c>ip</c> (the CI runs tests as root).
        /// </summary>
        public static IsolatedNetwork Create(int hosts)
        {
            if (!OperatingSystem.IsLinux() || GetEffectiveUserId() != 0)
            {
                Assert.Inconclusive("multicast tests make network namespaces of their own (ip netns), which needs Linux and root; skipped.");
            }

            string ip = ExternalTool.Find("ip") ?? ExternalTool.Find("/usr/sbin/ip") ?? (System.IO.File.Exists("/usr/sbin/ip") ? "/usr/sbin/ip" : (System.IO.File.Exists("/sbin/ip") ? "/sbin/ip" : null));
            if (ip == null)
            {
                Assert.Inconclusive(ExternalTool.Reason("ip"));
            }

            // Names unique to this process: a test run left behind by a killed one does not collide.
            var network = new IsolatedNetwork(ip, "ctm" + (Environment.ProcessId % 100000).ToString(CultureInfo.InvariantCulture) + "h");
            try
            {
                string sw = network.Add("s");
                network.Run("-n", sw, "link", "add", "br0", "type", "bridge", "mcast_snooping", "0");
                network.Run("-n", sw, "link", "set", "br0", "up");
                for (int host = 1; host <= hosts; host++)
                {
                    string ns = network.Add(host.ToString(CultureInfo.InvariantCulture));
                    string veth = "v" + host.ToString(CultureInfo.InvariantCulture);

                    // Made inside the switch, its peer moved into the host: nothing appears outside the two.
                    network.Run("-n", sw, "link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", ns);
                    network.Run("-n", sw, "link", "set", veth, "master", "br0", "up");
                    network.Run("-n", ns, "addr", "add", Address(host) + "/24", "dev", "eth0");

                    // No duplicate address detection: the link-local address eth0 gets when it goes up is usable
                    // at once, so a device and the client can send from it (a tentative address cannot).
                    network.Run("netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv6.conf.eth0.accept_dad=0");
                    network.Run("-n", ns, "link", "set", "eth0", "up");
                    network.Run("-n", ns, "link", "set", "lo", "up");
                    network.Run("-n", ns, "route", "add", "224.0.0.0/4", "dev", "eth0");
                }
            }
            catch
            {
                network.Dispose();
                throw;
            }

            return network;
        }

        /// <summary>The command line that runs <paramref name="program"/> in host <paramref name="host"/>'s namespace.</summary>
        public IEnumerable<string> InHost(int host, string program, params string[] arguments)
        {
            var line = new List<string> { "netns", "exec", Namespace(host), program };
            line.AddRange(arguments);
            return line;
        }

        /// <summary>Turns IPv6 off on host <paramref name="host"/>'s interface: it then has IPv4 only.</summary>
        public void DisableIPv6(int host) =>
            Run("netns", "exec", Namespace(host), "sysctl", "-q", "-w", "net.ipv6.conf.eth0.disable_ipv6=1");

        /// <summary>The path of <c>ip</c>, which runs programs in a namespace (see <see cref="InHost"/>).</summary>
        public string Ip => _ip;

        /// <summary>Deletes every namespace made (their veths and the bridge go with them).</summary>
        public void Dispose()
        {
            for (int i = _namespaces.Count - 1; i >= 0; i--)
            {
                try
                {
                    ChildProcess.Run(_ip, new[] { "netns", "del", _namespaces[i] }, CommandTimeout);
                }
                catch (TimeoutException)
                {
                    // Reported by the namespace left behind; the others are still deleted.
                }
            }

            _namespaces.Clear();
        }

        private string Add(string suffix)
        {
            string ns = _prefix + suffix;
            Run("netns", "add", ns);
            _namespaces.Add(ns);
            return ns;
        }

        private void Run(params string[] arguments)
        {
            ChildProcess.Result result = ChildProcess.Run(_ip, arguments, CommandTimeout);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"ip {string.Join(" ", arguments)} failed ({result.ExitCode}): {result.AllOutput}");
            }
        }

        [DllImport("libc", EntryPoint = "geteuid")]
        private static extern uint GetEffectiveUserId();
    }
}
