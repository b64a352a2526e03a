using System;
using System.Linq;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Gateway.Tests.Support;

namespace ThermoDev.Gateway.Tests.Mqtt
{
    /// <summary>Home Assistant discovery configs as a real broker holds them, read field by field.</summary>
    [TestClass]
    public sealed class MqttDiscoveryTests
    {
        /// <summary>
        /// The temperature sensor and the number of a writable device: device class, unit, state class,
        /// template, unique id, both availability topics (mode all), one device block with the firmware
        /// version its /status reports, and the number's command topic and range.
        /// </summary>
        [TestMethod]
        public async Task SensorAndNumberConfigs()
        {
            using MqttBroker broker = MqttBroker.Start();
            using InProcessDevice device = InProcessDevice.Start();
            await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "homeassistant/#");
            await using TestGateway gateway = await MqttGateway.StartAsync(broker, "disc1", new[] { "kitchen=" + device.Uri });

            JsonElement sensor = await probe.WaitForJsonAsync("homeassistant/sensor/disc1_kitchen/temperature/config",
                j => j.GetProperty("device").TryGetProperty("sw_version", out _), MqttGateway.Wait);
            Assert.AreEqual("Temperature", sensor.GetProperty("name").GetString());
            Assert.AreEqual("temperature", sensor.GetProperty("device_class").GetString());
            Assert.AreEqual("°C", sensor.GetProperty("unit_of_measurement").GetString());
            Assert.AreEqual("measurement", sensor.GetProperty("state_class").GetString());
            Assert.AreEqual("disc1/kitchen/state", sensor.GetProperty("state_topic").GetString());
            Assert.AreEqual("{{ value_json.temperature }}", sensor.GetProperty("value_template").GetString());
            Assert.AreEqual("disc1_kitchen_temperature", sensor.GetProperty("unique_id").GetString());
            Assert.AreEqual("all", sensor.GetProperty("availability_mode").GetString());
            CollectionAssert.AreEqual(new[] { "disc1/gateway/availability", "disc1/kitchen/availability" },
                sensor.GetProperty("availability").EnumerateArray().Select(a => a.GetProperty("topic").GetString()).ToArray());
            foreach (JsonElement availability in sensor.GetProperty("availability").EnumerateArray())
            {
                Assert.AreEqual("online", availability.GetProperty("payload_available").GetString());
                Assert.AreEqual("offline", availability.GetProperty("payload_not_available").GetString());
            }

            JsonElement block = sensor.GetProperty("device");
            CollectionAssert.AreEqual(new[] { "disc1_kitchen" }, block.GetProperty("identifiers").EnumerateArray().Select(i => i.GetString()).ToArray());
            Assert.AreEqual("kitchen", block.GetProperty("name").GetString());
            Assert.AreEqual("ThermoDev", block.GetProperty("model").GetString());
            Assert.IsFalse(string.IsNullOrEmpty(block.GetProperty("manufacturer").GetString()));
            string? firmware = (await gateway.Http.GetFromJsonAsync<JsonElement>("/api/devices/kitchen/status")).GetProperty("status").GetProperty("version").GetString();
            Assert.AreEqual(firmware, block.GetProperty("sw_version").GetString(), "the version the device's /status reports");

            JsonElement number = await probe.WaitForJsonAsync("homeassistant/number/disc1_kitchen/temperature_set/config", _ => true, MqttGateway.Wait);
            Assert.AreEqual("disc1/kitchen/set", number.GetProperty("command_topic").GetString());
            Assert.AreEqual("disc1/kitchen/state", number.GetProperty("state_topic").GetString());
            Assert.AreEqual("{{ value_json.temperature }}", number.GetProperty("value_template").GetString());
            Assert.AreEqual("disc1_kitchen_temperature_set", number.GetProperty("unique_id").GetString());
            Assert.AreEqual(-40m, number.GetProperty("min").GetDecimal());
            Assert.AreEqual(85m, number.GetProperty("max").GetDecimal());
            Assert.AreEqual(0.1m, number.GetProperty("step").GetDecimal());
            Assert.AreEqual("°C", number.GetProperty("unit_of_measurement").GetString());
            Assert.AreEqual("all", number.GetProperty("availability_mode").GetString());
            Assert.AreEqual(block.GetRawText(), number.GetProperty("device").GetRawText(), "both entities belong to one device");
            Assert.IsTrue(probe.Messages.All(m => m.Payload.Length == 0 || !m.Payload.Contains("\"~\"", StringComparison.Ordinal)), "full field names, no abbreviations");
        }

        /// <summary>A read-only gateway offers no number: only the sensor's config is published.</summary>
        [TestMethod]
        public async Task ReadOnlyGatewayHasNoNumber()
        {
            using MqttBroker broker = MqttBroker.Start();
            using InProcessDevice device = InProcessDevice.Start();
            await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "#");
            await using TestGateway gateway = await MqttGateway.StartAsync(broker, "disc2", new[] { "kitchen=" + device.Uri }, readOnly: true);

            // Configs go out before the state: once the state is there, every config is.
            await probe.WaitForJsonAsync("disc2/kitchen/state", j => MqttProbe.Temperature(j) == 25.0m, MqttGateway.Wait);
            Assert.IsNotNull(probe.Last("homeassistant/sensor/disc2_kitchen/temperature/config"));
            Assert.IsFalse(probe.Messages.Any(m => m.Topic.StartsWith("homeassistant/number/", StringComparison.Ordinal)), probe.Dump());
        }

        /// <summary>Two gateways on one broker, each with a device called kitchen: distinct prefixes keep their topics, nodes and unique ids apart.</summary>
        [TestMethod]
        public async Task TwoGatewaysShareABroker()
        {
            using MqttBroker broker = MqttBroker.Start();
            using InProcessDevice first = InProcessDevice.Start();
            using InProcessDevice second = InProcessDevice.Start();
            second.Sensor.Set(1800);
            await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "#");
            await using TestGateway upstairs = await MqttGateway.StartAsync(broker, "house/up", new[] { "kitchen=" + first.Uri });
            await using TestGateway downstairs = await MqttGateway.StartAsync(broker, "house/down", new[] { "kitchen=" + second.Uri });

            JsonElement up = await probe.WaitForJsonAsync("homeassistant/sensor/house_up_kitchen/temperature/config", _ => true, MqttGateway.Wait);
            JsonElement down = await probe.WaitForJsonAsync("homeassistant/sensor/house_down_kitchen/temperature/config", _ => true, MqttGateway.Wait);
            Assert.AreEqual("house_up_kitchen_temperature", up.GetProperty("unique_id").GetString());
            Assert.AreEqual("house_down_kitchen_temperature", down.GetProperty("unique_id").GetString());
            Assert.AreEqual("house/up/gateway/availability", up.GetProperty("availability")[0].GetProperty("topic").GetString());
            Assert.AreEqual("house/down/gateway/availability", down.GetProperty("availability")[0].GetProperty("topic").GetString());
            await probe.WaitForJsonAsync("house/up/kitchen/state", j => MqttProbe.Temperature(j) == 25.0m, MqttGateway.Wait);
            await probe.WaitForJsonAsync("house/down/kitchen/state", j => MqttProbe.Temperature(j) == 18.0m, MqttGateway.Wait);
            Assert.AreEqual("online", await probe.WaitForAsync("house/up/gateway/availability", "online", MqttGateway.Wait));
            Assert.AreEqual("online", await probe.WaitForAsync("house/down/gateway/availability", "online", MqttGateway.Wait));
            Assert.AreNotEqual(upstairs.App.Mqtt!.ClientId, downstairs.App.Mqtt!.ClientId, "one MQTT session each");
        }
    }
}
