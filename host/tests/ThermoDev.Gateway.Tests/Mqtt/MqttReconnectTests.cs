using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Gateway.Tests.Support;

namespace ThermoDev.Gateway.Tests.Mqtt
{
    /// <summary>A broker that goes away and comes back (empty: it keeps nothing across a restart) gets everything again.</summary>
    [TestClass]
    public sealed class MqttReconnectTests
    {
        /// <summary>
        /// mosquitto stopped and started again on the same port: the gateway reconnects (backoff from 0.2 s,
        /// at most 2 s here) and publishes its availability, every config, the newest state and the
        /// device's availability again; a write through the set topic works on the new connection.
        /// </summary>
        [TestMethod]
        public async Task BrokerRestartGetsEverythingAgain()
        {
            using MqttBroker broker = MqttBroker.Start();
            using InProcessDevice device = InProcessDevice.Start(intervalMilliseconds: 200, maxAgeSeconds: 1);
            await using TestGateway gateway = await MqttGateway.StartAsync(broker, "re1", new[] { "kitchen=" + device.Uri });
            await using (MqttProbe before = await MqttProbe.ConnectAsync(broker, "re1/#"))
            {
                await before.WaitForJsonAsync("re1/kitchen/state", j => MqttProbe.Temperature(j) == 25.0m, MqttGateway.Wait);
            }

            Assert.AreEqual(1, gateway.App.Mqtt!.Connections);
            broker.Stop();
            Assert.IsTrue(await Eventually.TrueAsync(() => !gateway.App.Mqtt.IsConnected, MqttGateway.Wait), "the gateway noticed the broker went away");
            device.Sensor.Set(2210);   // a change while the broker is away
            await gateway.WaitForStatusAsync("kitchen", "online", MqttGateway.Wait);
            Assert.IsTrue(await Eventually.TrueAsync(async () => (await gateway.DeviceAsync("kitchen")).GetProperty("value").GetDecimal() == 22.1m, MqttGateway.Wait));
            await Task.Delay(TimeSpan.FromSeconds(1));   // a few attempts fail meanwhile
            broker.Restart();

            await using MqttProbe after = await MqttProbe.ConnectAsync(broker, "#");
            await after.WaitForAsync("re1/gateway/availability", "online", MqttGateway.Wait);
            await after.WaitForJsonAsync("re1/kitchen/state", j => MqttProbe.Temperature(j) == 22.1m, MqttGateway.Wait);
            await after.WaitForAsync("re1/kitchen/availability", "online", MqttGateway.Wait);
            Assert.IsNotNull(after.Last("homeassistant/sensor/re1_kitchen/temperature/config"), after.Dump());
            Assert.IsNotNull(after.Last("homeassistant/number/re1_kitchen/temperature_set/config"), after.Dump());
            Assert.AreEqual(2, gateway.App.Mqtt.Connections, "one reconnect");

            await after.PublishAsync("re1/kitchen/set", "19.5");
            await after.WaitForJsonAsync("re1/kitchen/result", j => j.GetProperty("code").GetString() == "2.04", MqttGateway.Wait);
            await after.WaitForJsonAsync("re1/kitchen/state", j => MqttProbe.Temperature(j) == 19.5m, MqttGateway.Wait);
        }

        /// <summary>A gateway started while the broker is down keeps trying and publishes once the broker is up.</summary>
        [TestMethod]
        public async Task BrokerDownAtStart()
        {
            using MqttBroker broker = MqttBroker.Start();
            broker.Stop();
            using InProcessDevice device = InProcessDevice.Start();
            await using TestGateway gateway = await MqttGateway.StartAsync(broker, "re2", new[] { "kitchen=" + device.Uri });
            await gateway.WaitForStatusAsync("kitchen", "online", MqttGateway.Wait);
            Assert.AreEqual(0, gateway.App.Mqtt!.Connections);

            broker.Restart();
            await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "re2/#");
            await probe.WaitForJsonAsync("re2/kitchen/state", j => MqttProbe.Temperature(j) == 25.0m, MqttGateway.Wait);
            Assert.AreEqual("online", await probe.WaitForAsync("re2/gateway/availability", "online", MqttGateway.Wait));
        }
    }
}
