using System;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Gateway.Tests.Support;
using ThermoDev.TestSupport;

namespace ThermoDev.Gateway.Tests.Mqtt
{
    /// <summary>The gateway's last will: a gateway process killed outright (it sends nothing more) is marked offline by the broker.</summary>
    [TestClass]
    public sealed class MqttLastWillTests
    {
        /// <summary>
        /// The gateway runs as a user starts it (--demo 1 --mqtt ...); once it published its device, it is
        /// killed by its process id (SIGKILL: no clean disconnect, no last message). The broker publishes
        /// the will left at connect: the gateway's availability becomes offline, retained.
        /// </summary>
        [TestMethod]
        public async Task AKilledGatewayIsOfflineByItsWill()
        {
            using MqttBroker broker = MqttBroker.Start();
            await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "will1/#");
            using (ChildProcess gateway = ChildProcess.StartDotnet(BuildOutputs.GatewayAssembly, new[]
            {
                "--demo", "1", "--demo-port", "0", "--urls", "http://127.0.0.1:0", "--mqtt", broker.Uri, "--mqtt-prefix", "will1",
            }))
            {
                Assert.IsNotNull(gateway.WaitForLine(line => line.StartsWith("Listening on ", StringComparison.Ordinal), TimeSpan.FromSeconds(30)), gateway.ToString());
                await probe.WaitForAsync("will1/gateway/availability", "online", MqttGateway.Wait);
                await probe.WaitForJsonAsync("will1/kitchen/state", j => MqttProbe.Temperature(j) != null, MqttGateway.Wait);
                await probe.WaitForAsync("will1/kitchen/availability", "online", MqttGateway.Wait);
            }

            await probe.WaitForAsync("will1/gateway/availability", "offline", MqttGateway.Wait);
            Assert.AreEqual("online", probe.Last("will1/kitchen/availability"), "the device's own topic is as the gateway left it: availability_mode all makes it unavailable");

            await using MqttProbe later = await MqttProbe.ConnectAsync(broker, "will1/gateway/availability");
            await later.WaitForAsync("will1/gateway/availability", "offline", TimeSpan.FromSeconds(5));
            Assert.IsTrue(later.Messages[0].Retained, "the will is retained:\n" + later.Dump());
        }
    }
}
