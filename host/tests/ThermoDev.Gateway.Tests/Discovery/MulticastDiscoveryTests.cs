using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Gateway.Discovery;
using ThermoDev.Gateway.Devices;
using ThermoDev.Gateway.Tests.Support;
using ThermoDev.HostTests.EndToEnd;
using ThermoDev.TestSupport;

namespace ThermoDev.Gateway.Tests.Discovery
{
    /// <summary>
    /// --discover: the gateway finds devices by a multicast GET /.well-known/core (RFC 7252 §8). Two PC builds and
    /// the gateway, each in a network namespace of its own joined by a bridge (<see cref="IsolatedNetwork"/>:
    /// nothing is sent on the machine's interfaces; root only, inconclusive otherwise); the gateway's HTTP is
    /// read from inside its namespace (<see cref="NamespaceHttp"/>). Plus the reading of an answer, which needs no network.
    /// </summary>
    [TestClass]
    public sealed class MulticastDiscoveryTests
    {
        private const int Gateway = 3;
        private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
        private static readonly TimeSpan FindTimeout = TimeSpan.FromSeconds(30);

        /// <summary>An answer's &lt;/temp&gt; link with a title becomes a device of that name at the answer's source; one without, none.</summary>
        [TestMethod]
        public void AnAnswerNamesItsDeviceByTheTitleOfTemp()
        {
            DeviceAddress? device = MulticastDiscovery.DeviceOf("</temp>;rt=\"temperature-c\";title=\"kitchen\";obs,</status>", new IPEndPoint(IPAddress.Parse("10.251.0.1"), 5683));
            Assert.IsNotNull(device);
            Assert.AreEqual("kitchen", device.Name);
            Assert.AreEqual("coap://10.251.0.1:5683/temp", device.Uri);
            Assert.AreEqual("coap://[2001:db8::2]:61616/temp", MulticastDiscovery.DeviceOf("</temp>;title=\"attic\"", new IPEndPoint(IPAddress.Parse("2001:db8::2"), 61616))!.Uri);
            Assert.IsNull(MulticastDiscovery.DeviceOf("</temp>;rt=\"temperature-c\"", new IPEndPoint(IPAddress.Loopback, 5683)), "no title, no name");
            Assert.IsNull(MulticastDiscovery.DeviceOf("</light>;title=\"lamp\"", new IPEndPoint(IPAddress.Loopback, 5683)), "no temperature");
            Assert.IsNull(MulticastDiscovery.DeviceOf("</temp>;title=\"Not A Name\"", new IPEndPoint(IPAddress.Loopback, 5683)), "a title that is no device name");
        }

        /// <summary>Both devices are found, named by their titles, online; one that stops answering is gone after three discoveries.</summary>
        [TestMethod]
        [Timeout(120_000, CooperativeCancellation = true)]
        public void TheGatewayFindsDevicesOnItsInterfaceAndLosesOneThatStops()
        {
            using IsolatedNetwork network = IsolatedNetwork.Create(Gateway);
            using System.Net.Http.HttpClient http = NamespaceHttp.Create(network.Namespace(Gateway), TimeSpan.FromSeconds(5));
            var processes = new List<ChildProcess>();
            try
            {
                for (int host = 1; host < Gateway; host++)
                {
                    ChildProcess device = ChildProcess.Start(network.Ip, network.InHost(host, "dotnet", BuildOutputs.PcAssembly, "--name", "dev" + host, "--leisure-ms", "100"));
                    processes.Add(device);
                    Assert.IsNotNull(device.WaitForLine(line => line.StartsWith(PcDevice.StartedPrefix + "5683", StringComparison.Ordinal), StartTimeout), device.ToString());
                }

                ChildProcess gateway = ChildProcess.Start(network.Ip, network.InHost(Gateway, "dotnet", BuildOutputs.GatewayAssembly,
                    "--discover", "eth0", "--discover-interval", "0.5", "--coap-timeout", "1", "--urls", "http://127.0.0.1:8080"));
                processes.Add(gateway);
                Assert.IsNotNull(gateway.WaitForLine(line => line.StartsWith("Open ", StringComparison.Ordinal), StartTimeout), gateway.ToString());
                StringAssert.Contains(gateway.OutputText, "Discovery: GET /.well-known/core to 224.0.1.187 and ff02::fd on eth0");

                JsonElement devices = WaitFor(http, d => Status(d, "dev1") == "online" && Status(d, "dev2") == "online");
                foreach (string name in new[] { "dev1", "dev2" })
                {
                    JsonElement device = devices.EnumerateArray().Single(d => d.GetProperty("name").GetString() == name);
                    Assert.AreEqual("discovered", device.GetProperty("origin").GetString());
                    Assert.AreEqual($"coap://{IsolatedNetwork.Address(name == "dev1" ? 1 : 2)}:5683/temp", device.GetProperty("uri").GetString(), "IPv4 preferred");
                }

                processes[1].Stop(TimeSpan.FromSeconds(10));
                devices = WaitFor(http, d => Status(d, "dev2") == "gone");
                Assert.AreEqual("online", Status(devices, "dev1"));
            }
            finally
            {
                foreach (ChildProcess process in processes)
                {
                    process.Stop(TimeSpan.FromSeconds(10));
                    process.Dispose();
                }
            }
        }

        private static string? Status(JsonElement devices, string name) =>
            devices.EnumerateArray().Where(d => d.GetProperty("name").GetString() == name).Select(d => d.GetProperty("status").GetString()).FirstOrDefault();

        // GET /api/devices from inside the gateway's namespace until the condition holds (bounded).
        private static JsonElement WaitFor(System.Net.Http.HttpClient http, Func<JsonElement, bool> condition)
        {
            string last = string.Empty;
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (waited.Elapsed < FindTimeout)
            {
                try
                {
                    last = http.GetStringAsync("http://127.0.0.1:8080/api/devices").GetAwaiter().GetResult();
                }
                catch (System.Net.Http.HttpRequestException e)
                {
                    last = e.Message;
                }

                if (last.StartsWith('['))
                {
                    JsonElement devices = JsonDocument.Parse(last).RootElement;
                    if (condition(devices))
                    {
                        return devices;
                    }
                }

                Thread.Sleep(250);
            }

            Assert.Fail("the devices did not reach the expected state: " + last);
            return default;
        }
    }
}
