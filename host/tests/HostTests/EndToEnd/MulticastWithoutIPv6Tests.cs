using System;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Support;
using ThermoDev.TestSupport;

namespace ThermoDev.HostTests.EndToEnd
{
    /// <summary>
    /// A PC build on a host whose interface has no IPv6: ff02::fd cannot be joined, which the start-up line says,
    /// and discovery sent to 224.0.1.187 is answered all the same (RFC 7252 §8). In namespaces of its own
    /// (<see cref="IsolatedNetwork"/>).
    /// </summary>
    [TestClass]
    public class MulticastWithoutIPv6Tests
    {
        private const int Device = 1;
        private const int Client = 2;

        [TestMethod]
        [Timeout(90_000, CooperativeCancellation = true)]
        public void WithoutIPv6TheIPv4GroupIsStillJoinedAndTheIPv6OneReported()
        {
            string client = ExternalTool.Require("coap-client-notls");
            using IsolatedNetwork network = IsolatedNetwork.Create(Client);
            network.DisableIPv6(Device);
            using ChildProcess device = ChildProcess.Start(network.Ip, network.InHost(Device, "dotnet", ThermoDevPc.AssemblyPath, "--name", "dev1", "--leisure-ms", "500"));
            string started = device.WaitForLine(line => line.StartsWith(ThermoDevPc.StartedPrefix + "5683", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
            string output = string.Join("\n", device.Output) + "\n" + string.Join("\n", device.Errors);
            Assert.IsNotNull(started, "the device did not start:\n" + output);
            StringAssert.Contains(output, "Multicast: answering GET coap://224.0.1.187/.well-known/core after a random leisure of up to 500 ms; ff02::fd not joined: ", output);

            ChildProcess.Result run = ChildProcess.Run(network.Ip, network.InHost(Client, client, "-N", "-v", "6", "-m", "get", "-B", "3", "coap://224.0.1.187/.well-known/core"), TimeSpan.FromSeconds(20));
            int answers = Regex.Matches(run.AllOutput, @"v:1 t:NON c:2\.05 [^\n]*?:: '</temp>;[^\n]*title=""dev1""", RegexOptions.Multiline).Count;
            Assert.AreEqual(1, answers, run.AllOutput);
        }
    }
}
