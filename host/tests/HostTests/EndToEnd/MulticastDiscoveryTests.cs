using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Support;
using ThermoDev.TestSupport;

namespace ThermoDev.HostTests.EndToEnd
{
    /// <summary>
    /// Finding boards with multicast CoAP (RFC 7252 §8): three PC builds, each in a network namespace of its
    /// own on the CoAP port 5683, and libcoap's coap-client in a fourth sending GET /.well-known/core to
    /// All-CoAP-Nodes (224.0.1.187, and ff02::fd on the link for IPv6). Each device answers once, as a NON, with its
    /// name; a filtered query that
    /// matches nothing and a missing resource get no answer at all, though every device received them.
    /// Nothing leaves the namespaces the test makes (<see cref="IsolatedNetwork"/>).
    /// </summary>
    [TestClass]
    public class MulticastDiscoveryTests
    {
        private const int Devices = 3;
        private const int Client = 9;
        private const string Group = "coap://224.0.1.187";
        private const string GroupIPv6 = "coap://[ff02::fd%eth0]";
        private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
        private static readonly TimeSpan LogTimeout = TimeSpan.FromSeconds(5);

        private static IsolatedNetwork _network;
        private static List<ChildProcess> _devices;
        private static string _client;

        [ClassInitialize]
        public static void StartDevices(TestContext context)
        {
            _client = ExternalTool.Require("coap-client-notls");
            _network = IsolatedNetwork.Create(Client);
            _devices = new List<ChildProcess>();
            try
            {
                for (int host = 1; host <= Devices; host++)
                {
                    _devices.Add(StartDevice(host));
                }

                foreach (ChildProcess device in _devices)
                {
                    string started = device.WaitForLine(line => line.StartsWith(ThermoDevPc.StartedPrefix + "5683", StringComparison.Ordinal), StartTimeout);
                    string output = string.Join("\n", device.Output) + "\n" + string.Join("\n", device.Errors);
                    Assert.IsNotNull(started, "a device did not start:\n" + output);
                    StringAssert.Contains(output, "Multicast: answering GET coap://224.0.1.187/.well-known/core and coap://[ff02::fd]/.well-known/core (on eth0) after", output);
                }
            }
            catch
            {
                StopDevices();
                throw;
            }
        }

        [ClassCleanup]
        public static void StopDevices()
        {
            if (_devices != null)
            {
                foreach (ChildProcess device in _devices)
                {
                    device.Dispose();
                }

                _devices = null;
            }

            _network?.Dispose();
            _network = null;
        }

        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void EachDeviceAnswersADiscoveryToTheGroupOnceWithItsNameAsANon()
        {
            AssertEachDeviceAnswersOnce(Group);
        }

        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void EachDeviceAnswersADiscoveryToTheIPv6GroupOnceWithItsNameAsANon()
        {
            AssertEachDeviceAnswersOnce(GroupIPv6);
        }

        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void AMissingResourceAskedOfTheIPv6GroupGetsNoAnswer()
        {
            AssertNoAnswer(GroupIPv6, "/no-such-resource", "NON GET /no-such-resource -> no answer");
        }

        // GET /.well-known/core to the group: one NON 2.05 from each device, with its name (RFC 7252 §8.1, §8.2).
        private static void AssertEachDeviceAnswersOnce(string group)
        {
            ChildProcess.Result run = Ask(group, "/.well-known/core");
            List<Match> answers = Answers(run);
            Assert.AreEqual(Devices, answers.Count, run.AllOutput);
            for (int host = 1; host <= Devices; host++)
            {
                // The simulated devices serve /status too (their process's facts).
                string link = $"</temp>;rt=\"temperature-c\";if=\"core.s\";ct=0;obs;title=\"dev{host}\",</status>;rt=\"thermodev.status\";if=\"core.rp\";ct=50";
                Assert.AreEqual(1, answers.Count(answer => answer.Groups["payload"].Value == link), $"dev{host}'s link, once, in:\n{run.AllOutput}");
            }

            Assert.IsTrue(answers.All(answer => answer.Groups["type"].Value == "NON" && answer.Groups["code"].Value == "2.05"), run.AllOutput);
        }

        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void AFilteredDiscoveryThatMatchesNothingGetsNoAnswer()
        {
            AssertNoAnswer(Group, "/.well-known/core?rt=no-such-type", "NON GET /.well-known/core?rt=no-such-type -> no answer");
        }

        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void AMissingResourceAskedOfTheGroupGetsNoAnswer()
        {
            AssertNoAnswer(Group, "/no-such-resource", "NON GET /no-such-resource -> no answer");
        }

        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void AFilteredDiscoveryThatMatchesIsAnsweredByEveryDevice()
        {
            ChildProcess.Result run = Ask(Group, "/.well-known/core?rt=temperature-c");
            Assert.AreEqual(Devices, Answers(run).Count(answer => answer.Groups["payload"].Value.StartsWith("</temp>;", StringComparison.Ordinal)), run.AllOutput);
        }

        // Nothing reached the client, yet every device logged the request and that it did not answer.
        private static void AssertNoAnswer(string group, string path, string logged)
        {
            ChildProcess.Result run = Ask(group, path);
            Assert.AreEqual(0, Answers(run).Count, run.AllOutput);
            foreach (ChildProcess device in _devices)
            {
                Assert.IsNotNull(device.WaitForLine(line => line.EndsWith(logged, StringComparison.Ordinal), LogTimeout), string.Join("\n", device.Output));
            }
        }

        // Every message the client received, from libcoap's log (-v 6): "v:1 t:NON c:2.05 i:... [ ... ] :: 'payload'".
        private static List<Match> Answers(ChildProcess.Result run) =>
            Regex.Matches(run.AllOutput, @"v:1 t:(?<type>\w+) c:(?<code>\d\.\d\d) [^\n]*?(:: '(?<payload>[^\n]*)')?$", RegexOptions.Multiline).ToList();

        // The one place the devices are started: the PC build in its host's namespace, on the CoAP port, with a
        // name and a short leisure.
        private static ChildProcess StartDevice(int host) =>
            ChildProcess.Start(_network.Ip, _network.InHost(host, "dotnet", ThermoDevPc.AssemblyPath, "--name", $"dev{host}", "--leisure-ms", "500"));

        // A NON GET to the group from the client's namespace, waiting 3 s for answers (-B 3; the leisure is 500 ms).
        private static ChildProcess.Result Ask(string group, string path) =>
            ChildProcess.Run(_network.Ip, _network.InHost(Client, _client, "-N", "-v", "6", "-m", "get", "-B", "3", group + path), TimeSpan.FromSeconds(20));
    }
}
