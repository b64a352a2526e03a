using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Gateway.Tests.Support;
using ThermoDev.TestSupport;

namespace ThermoDev.Gateway.Tests.Gateway
{
    /// <summary>The gateway as a program: the README's demo command (on free ports), and command lines it refuses.</summary>
    [TestClass]
    public sealed class ProgramTests
    {
        private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

        /// <summary>
        /// <c>ThermoDev.Gateway --demo --demo-port 0 --urls http://127.0.0.1:0</c>: it says where to open it,
        /// serves the page and three online devices, and SIGTERM stops it with exit code 0.
        /// </summary>
        [TestMethod]
        public async Task DemoServesThePageAndThreeDevices()
        {
            using ChildProcess gateway = ChildProcess.StartDotnet(BuildOutputs.GatewayAssembly, new[] { "--demo", "--demo-port", "0", "--urls", "http://127.0.0.1:0" });
            string? open = gateway.WaitForLine(line => line.StartsWith("Open http://", StringComparison.Ordinal), StartTimeout);
            Assert.IsNotNull(open, "no 'Open ... in a browser' line:\n" + gateway);
            StringAssert.EndsWith(open, " in a browser (Ctrl+C stops the gateway)");
            var address = new Uri(open.Split(' ')[1]);
            Assert.AreEqual("127.0.0.1", address.Host);

            using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
            using HttpResponseMessage page = await http.GetAsync("/");
            Assert.AreEqual(HttpStatusCode.OK, page.StatusCode);
            Assert.AreEqual("text/html", page.Content.Headers.ContentType?.MediaType);

            JsonElement devices = default;
            bool online = await Eventually.TrueAsync(async () =>
            {
                devices = await http.GetFromJsonElementAsync("/api/devices");
                return devices.EnumerateArray().All(d => d.GetProperty("status").GetString() == "online");
            }, TimeSpan.FromSeconds(15));
            Assert.IsTrue(online, devices.ToString());
            CollectionAssert.AreEqual(new[] { "kitchen", "living-room", "bedroom" }, devices.EnumerateArray().Select(d => d.GetProperty("name").GetString()).ToArray());
            foreach (JsonElement device in devices.EnumerateArray())
            {
                decimal value = device.GetProperty("value").GetDecimal();
                Assert.IsTrue(value > 20m && value < 30m, $"25.0 drifting 0.2 a second: {device}");
                StringAssert.StartsWith(device.GetProperty("uri").GetString(), "coap://[::1]:");
            }

            Assert.AreEqual(0, gateway.Stop(TimeSpan.FromSeconds(15)), "SIGTERM stops it cleanly:\n" + gateway);
        }

        /// <summary>A bad option or value: the reason and the usage on standard error, exit code 2.</summary>
        [TestMethod]
        [DataRow("--device", "kitchen")]
        [DataRow("--device", "Kitchen=coap://[::1]")]
        [DataRow("--device", "kitchen=http://[::1]")]
        [DataRow("--demo", "17")]
        [DataRow("--demo-port", "70000")]
        [DataRow("--coap-timeout", "soon")]
        [DataRow("--status-interval", "0")]
        [DataRow("--no-such-option")]
        public void BadCommandLineExits2(params string[] arguments)
        {
            using ChildProcess gateway = ChildProcess.StartDotnet(BuildOutputs.GatewayAssembly, arguments);
            Assert.IsTrue(gateway.WaitForExit(StartTimeout), "it ends by itself");
            Assert.AreEqual(2, gateway.ExitCode, gateway.ToString());
            StringAssert.Contains(gateway.ErrorText, "Usage:");
            Assert.AreEqual(0, gateway.Output.Count(line => line.StartsWith("Open ", StringComparison.Ordinal)));
        }

        /// <summary>No device and no --demo: a clear message, exit code 2.</summary>
        [TestMethod]
        public void NoDeviceExits2()
        {
            using ChildProcess gateway = ChildProcess.StartDotnet(BuildOutputs.GatewayAssembly, Array.Empty<string>());
            Assert.IsTrue(gateway.WaitForExit(StartTimeout), "it ends by itself");
            Assert.AreEqual(2, gateway.ExitCode, gateway.ToString());
            StringAssert.Contains(gateway.ErrorText, "no device");
            StringAssert.Contains(gateway.ErrorText, "--demo");
        }

        /// <summary>An HTTP port that is taken: one line saying so on standard error, exit code 1.</summary>
        [TestMethod]
        public void TakenPortExits1()
        {
            var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            taken.Start();
            try
            {
                int port = ((IPEndPoint)taken.LocalEndpoint).Port;
                using ChildProcess gateway = ChildProcess.StartDotnet(BuildOutputs.GatewayAssembly, new[] { "--device", "kitchen=coap://[::1]:9", "--urls", $"http://127.0.0.1:{port}" });
                Assert.IsTrue(gateway.WaitForExit(StartTimeout), "it ends by itself");
                Assert.AreEqual(1, gateway.ExitCode, gateway.ToString());
                StringAssert.Contains(gateway.ErrorText, $"cannot listen on http://127.0.0.1:{port}");
                Assert.AreEqual(0, gateway.Output.Count(line => line.Contains("   at ", StringComparison.Ordinal)), "no stack trace:\n" + gateway);
            }
            finally
            {
                taken.Stop();
            }
        }

        /// <summary>--help lists the contract's options and exits 0.</summary>
        [TestMethod]
        public void HelpListsTheOptions()
        {
            using ChildProcess gateway = ChildProcess.StartDotnet(BuildOutputs.GatewayAssembly, new[] { "--help" });
            Assert.IsTrue(gateway.WaitForExit(StartTimeout), "it ends by itself");
            Assert.AreEqual(0, gateway.ExitCode, gateway.ToString());
            string help = string.Join("\n", gateway.Output);
            foreach (string option in new[] { "--device", "--urls", "--read-only", "--demo", "--demo-port", "--coap-timeout" })
            {
                StringAssert.Contains(help, option);
            }
        }
    }
}
