using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Client;
using ThermoDev.TestSupport;

namespace ThermoDev.HostTests.EndToEnd
{
    /// <summary>
    /// --rd against a resource directory nobody here wrote: libcoap's coap-rd-notls on loopback. Each device of
    /// ThermoDev.Pc --devices 2 registers (RFC 9176 §5) its own links; the RD then lists a registration resource
    /// per device, and a GET of each answers the links of one device, named by its title.
    /// </summary>
    /// <remarks>
    /// libcoap 4.3's RD follows an early draft: it keeps no endpoint names (no rd-lookup), lists each registration
    /// as /rd/&lt;id&gt; in its own /.well-known/core and serves the registered links there; it answers an update
    /// (POST to the registration resource) 4.05, which our registration takes as lost and registers anew.
    /// </remarks>
    [TestClass]
    public class ResourceDirectoryTests
    {
        private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

        [TestMethod]
        [DataRow("127.0.0.1")]
        [DataRow("::1")]
        [Timeout(90_000, CooperativeCancellation = true)]
        public void EachDeviceRegistersItsLinksWithLibcoapsResourceDirectory(string loopback)
        {
            var address = IPAddress.Parse(loopback);
            using var rd = new LibcoapServer(address, "coap-rd-notls");
            string host = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "[" + loopback + "]" : loopback;
            string rdUri = "coap://" + host + ":" + rd.EndPoint.Port.ToString(CultureInfo.InvariantCulture);
            using var pc = ThermoDevPc.StartDevices(loopback, 2, "--rd", rdUri);

            // Both say they registered, each under its own name.
            string namesLine = pc.Process.WaitForLine(line => line.StartsWith("Names: ", StringComparison.Ordinal), Wait);
            Assert.IsNotNull(namesLine, pc.Process.Describe());
            string[] names = namesLine.Substring("Names: ".Length).Split(", ");
            Assert.HasCount(2, names);
            IReadOnlyList<string> registered = pc.Process.WaitForLines(line => line.Contains("Registered with " + rdUri + " as ", StringComparison.Ordinal), 2, Wait);
            Assert.HasCount(2, registered, pc.Process.Describe());
            for (int i = 0; i < 2; i++)
            {
                string port = pc.Ports[i].ToString(CultureInfo.InvariantCulture);
                CollectionAssert.Contains(registered.ToList(), $":{port} Registered with {rdUri} as {names[i]}, lifetime 90000 s");
            }

            // The RD lists two registration resources; each holds one device's links, as that device's discovery answers them.
            string listing = Get(rdUri + "/.well-known/core");
            var resources = Regex.Matches(listing, "<(/rd/[^>]+)>").Select(m => m.Groups[1].Value).ToList();
            Assert.HasCount(2, resources, listing);
            var registeredLinks = resources.Select(path => Get(rdUri + path)).ToList();
            for (int i = 0; i < 2; i++)
            {
                string own = Get(pc.UriOf(pc.Ports[i], ".well-known/core"));
                StringAssert.StartsWith(own, "</temp>;");
                StringAssert.Contains(own, "title=\"" + names[i] + "\"");
                CollectionAssert.Contains(registeredLinks, own, string.Join("\n", registeredLinks));
            }
        }

        private static string Get(string uri)
        {
            string client = ExternalTool.Require("coap-client-notls");
            ChildProcess.Result result = ChildProcess.Run(client, new[] { "-m", "get", "-B", "10", uri }, TimeSpan.FromSeconds(30));
            Assert.AreEqual(0, result.ExitCode, result.AllOutput);
            return result.Stdout.Trim();
        }
    }
}
