using System;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Gateway.Cli;

namespace ThermoDev.Gateway.Tests.ResourceDirectory
{
    /// <summary>--rd-listen, --discover and --discover-interval on the command line.</summary>
    [TestClass]
    public sealed class RdCommandLineTests
    {
        /// <summary>A port alone listens on every address (dual-stack); an address:port on that address only; anything else is refused.</summary>
        [TestMethod]
        public void RdListenTakesAPortOrAnAddressAndPort()
        {
            Assert.AreEqual(new IPEndPoint(IPAddress.IPv6Any, 5683), GatewayCommandLine.ParseListenText("5683", out _));
            Assert.AreEqual(new IPEndPoint(IPAddress.Loopback, 5690), GatewayCommandLine.ParseListenText("127.0.0.1:5690", out _));
            Assert.AreEqual(new IPEndPoint(IPAddress.IPv6Loopback, 0), GatewayCommandLine.ParseListenText("[::1]:0", out _));
            foreach (string bad in new[] { "", "70000", "-1", "localhost:5683", "::1", "127.0.0.1", "[::1]", "5683x" })
            {
                Assert.IsNull(GatewayCommandLine.ParseListenText(bad, out string error), bad);
                StringAssert.Contains(error, "--rd-listen", bad);
            }
        }

        /// <summary>The options reach the settings; without them there is no directory and no discovery.</summary>
        [TestMethod]
        public void TheOptionsReachTheSettings()
        {
            var commandLine = new GatewayCommandLine();
            IConfiguration empty = new ConfigurationBuilder().Build();
            GatewaySettings given = commandLine.Read(commandLine.Root.Parse(new[] { "--rd-listen", "[::1]:5700", "--discover", "eth0", "--discover-interval", "2.5" }), empty);
            Assert.AreEqual(new IPEndPoint(IPAddress.IPv6Loopback, 5700), given.RdListen);
            Assert.AreEqual("eth0", given.Discover);
            Assert.AreEqual(TimeSpan.FromSeconds(2.5), given.DiscoverInterval);

            GatewaySettings none = commandLine.Read(commandLine.Root.Parse(new[] { "--device", "kitchen=coap://[::1]:5683" }), empty);
            Assert.IsNull(none.RdListen);
            Assert.IsNull(none.Discover);
            Assert.AreEqual(GatewaySettings.DefaultDiscoverInterval, none.DiscoverInterval);
            Assert.AreNotEqual(0, commandLine.Root.Parse(new[] { "--rd-listen", "nowhere" }).Errors.Count);
            Assert.AreEqual(GatewaySettings.DefaultRdCapacity, none.RdCapacity);
        }

        /// <summary>--rd-capacity sizes the directory for a fleet (1 to 4096 places); other values are usage errors.</summary>
        [TestMethod]
        public void RdCapacitySizesTheDirectory()
        {
            var commandLine = new GatewayCommandLine();
            IConfiguration empty = new ConfigurationBuilder().Build();
            GatewaySettings fleet = commandLine.Read(commandLine.Root.Parse(new[] { "--rd-listen", "[::1]:5700", "--rd-capacity", "1024" }), empty);
            Assert.AreEqual(1024, fleet.RdCapacity);
            foreach (string bad in new[] { "0", "4097", "many" })
            {
                Assert.AreNotEqual(0, commandLine.Root.Parse(new[] { "--rd-listen", "5700", "--rd-capacity", bad }).Errors.Count, bad);
            }
        }
    }
}
