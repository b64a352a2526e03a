using System;
using System.IO;
using System.Linq;
using Microsoft.Extensions.Configuration;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Gateway.Cli;
using ThermoDev.Gateway.Mqtt;

namespace ThermoDev.Gateway.Tests.Mqtt
{
    /// <summary>--mqtt and its companions on the command line, and the reconnect backoff.</summary>
    [TestClass]
    public sealed class MqttCommandLineTests
    {
        private static readonly IConfiguration Empty = new ConfigurationBuilder().Build();

        /// <summary>mqtt:// and mqtts:// with and without a port; anything else is refused naming --mqtt.</summary>
        [TestMethod]
        public void BrokerUris()
        {
            MqttSettings plain = MqttSettings.TryParseBroker("mqtt://broker.lan", out _)!;
            Assert.AreEqual(("broker.lan", 1883, false), (plain.Host, plain.Port, plain.UseTls));
            MqttSettings tls = MqttSettings.TryParseBroker("mqtts://broker.lan", out _)!;
            Assert.AreEqual(("broker.lan", 8883, true), (tls.Host, tls.Port, tls.UseTls));
            MqttSettings v6 = MqttSettings.TryParseBroker("mqtt://[::1]:1884", out _)!;
            Assert.AreEqual(("::1", 1884), (v6.Host, v6.Port));
            Assert.AreEqual("mqtt://[::1]:1884", v6.BrokerText);
            foreach (string bad in new[] { "", "broker.lan", "http://broker.lan", "mqtt://user:secret@broker.lan", "mqtt://broker.lan/topic", "mqtt://broker.lan?x=1" })
            {
                Assert.IsNull(MqttSettings.TryParseBroker(bad, out string error), bad);
                StringAssert.Contains(error, "--mqtt", bad);
            }
        }

        /// <summary>Every option reaches the settings; the password comes from the file's first line; defaults without them.</summary>
        [TestMethod]
        public void TheOptionsReachTheSettings()
        {
            string passwordFile = Path.GetTempFileName();
            try
            {
                File.WriteAllText(passwordFile, "s3cret\nignored\n");
                var commandLine = new GatewayCommandLine();
                GatewaySettings given = commandLine.Read(commandLine.Root.Parse(new[]
                {
                    "--demo", "--mqtt", "mqtts://broker.lan:8884", "--mqtt-username", "gw", "--mqtt-password-file", passwordFile,
                    "--mqtt-prefix", "house/up", "--mqtt-discovery-prefix", "ha",
                }), Empty);
                MqttSettings mqtt = given.Mqtt!;
                Assert.AreEqual(("broker.lan", 8884, true), (mqtt.Host, mqtt.Port, mqtt.UseTls));
                Assert.AreEqual(("gw", "s3cret"), (mqtt.Username, mqtt.Password));
                Assert.AreEqual(("house/up", "ha"), (mqtt.Prefix, mqtt.DiscoveryPrefix));

                GatewaySettings defaults = commandLine.Read(commandLine.Root.Parse(new[] { "--demo", "--mqtt", "mqtt://127.0.0.1" }), Empty);
                Assert.AreEqual((MqttSettings.DefaultPrefix, MqttSettings.DefaultDiscoveryPrefix), (defaults.Mqtt!.Prefix, defaults.Mqtt.DiscoveryPrefix));
                Assert.IsNull(defaults.Mqtt.Username);
                Assert.IsNull(commandLine.Read(commandLine.Root.Parse(new[] { "--demo" }), Empty).Mqtt);
            }
            finally
            {
                File.Delete(passwordFile);
            }
        }

        /// <summary>Bad values, a missing password file and companions without --mqtt are parse errors naming the option.</summary>
        [TestMethod]
        public void BadValuesAreParseErrors()
        {
            var commandLine = new GatewayCommandLine();
            string missing = Path.Combine(Path.GetTempPath(), "no-such-" + Guid.NewGuid().ToString("N"));
            string[][] bad =
            {
                new[] { "--demo", "--mqtt", "tcp://broker" },
                new[] { "--demo", "--mqtt", "mqtt://b", "--mqtt-password-file", missing },
                new[] { "--demo", "--mqtt", "mqtt://b", "--mqtt-prefix", "a/+/b" },
                new[] { "--demo", "--mqtt", "mqtt://b", "--mqtt-prefix", "a//b" },
                new[] { "--demo", "--mqtt", "mqtt://b", "--mqtt-discovery-prefix", "#" },
                new[] { "--demo", "--mqtt-username", "gw" },
                new[] { "--demo", "--mqtt-prefix", "x" },
            };
            foreach (string[] args in bad)
            {
                var errors = commandLine.Root.Parse(args).Errors;
                Assert.AreNotEqual(0, errors.Count, string.Join(' ', args));
                StringAssert.Contains(string.Join("\n", errors.Select(e => e.Message)), "--mqtt", string.Join(' ', args));
            }
        }

        /// <summary>Waits double from the first up to the cap, each between half and all of its full value; a success starts over.</summary>
        [TestMethod]
        public void BackoffDoublesToTheCapWithJitter()
        {
            var backoff = new MqttBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), new Random(7));
            double[] full = { 1, 2, 4, 8, 16, 30, 30, 30 };
            foreach (double seconds in full)
            {
                double wait = backoff.Next().TotalSeconds;
                Assert.IsTrue(wait >= seconds / 2 && wait <= seconds, $"{wait} s for a full {seconds} s");
            }

            var waits = Enumerable.Range(0, 20).Select(_ => backoff.Next().TotalSeconds).ToList();
            Assert.IsTrue(waits.Distinct().Count() > 1, "jittered, not one fixed value");
            backoff.Reset();
            Assert.IsTrue(backoff.Next().TotalSeconds <= 1);
        }
    }
}
