using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Gateway.Tests.Support;
using ThermoDev.TestSupport;

namespace ThermoDev.Gateway.Tests.Mqtt
{
    /// <summary>What the gateway says about its broker connection: one line per change, not one per attempt.</summary>
    [TestClass]
    public sealed class MqttLogTests
    {
        /// <summary>
        /// The gateway as a user runs it; the broker stops for a while (several attempts fail), then comes back:
        /// the log has one line for the loss and one for the return, and the gateway republishes.
        /// </summary>
        [TestMethod]
        public async Task OneLinePerConnectionChange()
        {
            using MqttBroker broker = MqttBroker.Start();
            using ChildProcess gateway = ChildProcess.StartDotnet(BuildOutputs.GatewayAssembly, new[]
            {
                "--demo", "1", "--demo-port", "0", "--urls", "http://127.0.0.1:0", "--mqtt", broker.Uri, "--mqtt-prefix", "log1",
            });
            await using (MqttProbe probe = await MqttProbe.ConnectAsync(broker, "log1/#"))
            {
                await probe.WaitForJsonAsync("log1/kitchen/state", j => MqttProbe.Temperature(j) != null, MqttGateway.Wait);
            }

            broker.Stop();
            Assert.IsNotNull(gateway.WaitForLine(line => line.Contains("MQTT connection to", StringComparison.Ordinal) && line.Contains("lost", StringComparison.Ordinal),
                TimeSpan.FromSeconds(15)), gateway.ToString());
            await Task.Delay(TimeSpan.FromSeconds(3.5));   // backoff from 1 s: at least two attempts fail meanwhile
            broker.Restart();
            Assert.IsNotNull(gateway.WaitForLine(line => line.Contains("again after", StringComparison.Ordinal), TimeSpan.FromSeconds(30)), gateway.ToString());
            await using (MqttProbe after = await MqttProbe.ConnectAsync(broker, "log1/#"))
            {
                await after.WaitForJsonAsync("log1/kitchen/state", j => MqttProbe.Temperature(j) != null, MqttGateway.Wait);
            }

            string[] mqttLines = gateway.Output.Concat(gateway.Errors).Where(line => line.Contains("MQTT", StringComparison.Ordinal)).ToArray();
            Assert.AreEqual(2, mqttLines.Length, "one line lost, one line back:\n" + string.Join("\n", mqttLines));
            StringAssert.Matches(mqttLines[1], new System.Text.RegularExpressions.Regex(@"again after [2-9]\d* failed attempt"), "the failed attempts are counted, not logged one by one");
        }
    }
}
