using System;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Gateway.Tests.Support;

namespace ThermoDev.Gateway.Tests.Mqtt
{
    /// <summary>State and availability of each device on a real broker: retained, updated on a change, offline when the device stops.</summary>
    [TestClass]
    public sealed class MqttStateTests
    {
        /// <summary>
        /// A reading change reaches &lt;prefix&gt;/&lt;device&gt;/state; a client that subscribes afterwards gets the
        /// newest state and availability at once, flagged retained (the broker kept them).
        /// </summary>
        [TestMethod]
        public async Task StateIsRetainedAndFollowsTheReading()
        {
            using MqttBroker broker = MqttBroker.Start();
            using InProcessDevice device = InProcessDevice.Start(intervalMilliseconds: 200, maxAgeSeconds: 1);
            await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "state1/#");
            await using TestGateway gateway = await MqttGateway.StartAsync(broker, "state1", new[] { "kitchen=" + device.Uri });

            await probe.WaitForAsync("state1/gateway/availability", "online", MqttGateway.Wait);
            await probe.WaitForAsync("state1/kitchen/availability", "online", MqttGateway.Wait);
            JsonElement first = await probe.WaitForJsonAsync("state1/kitchen/state", j => MqttProbe.Temperature(j) == 25.0m, MqttGateway.Wait);
            Assert.AreEqual("online", first.GetProperty("status").GetString());

            device.Sensor.Set(2750);
            await probe.WaitForJsonAsync("state1/kitchen/state", j => MqttProbe.Temperature(j) == 27.5m, MqttGateway.Wait);

            // /status polled: the firmware version and the sensor join the state.
            JsonElement withStatus = await probe.WaitForJsonAsync("state1/kitchen/state", j => j.TryGetProperty("version", out _), MqttGateway.Wait);
            Assert.AreEqual(JsonValueKind.String, withStatus.GetProperty("version").ValueKind);
            Assert.AreEqual("simulated", withStatus.GetProperty("sensor").GetString());

            await using MqttProbe later = await MqttProbe.ConnectAsync(broker, "state1/kitchen/#");
            JsonElement retained = await later.WaitForJsonAsync("state1/kitchen/state", j => true, TimeSpan.FromSeconds(5));
            Assert.AreEqual(27.5m, MqttProbe.Temperature(retained));
            Assert.AreEqual("online", await later.WaitForAsync("state1/kitchen/availability", _ => true, TimeSpan.FromSeconds(5)));
            Assert.IsTrue(later.Messages.Count >= 2 && later.Messages[0].Retained && later.Messages[1].Retained, "delivered as retained:\n" + later.Dump());
        }

        /// <summary>A device that stops answering becomes offline on its availability topic; its state says offline, without a temperature (not a stale one).</summary>
        [TestMethod]
        public async Task ADeviceThatStopsIsOffline()
        {
            using MqttBroker broker = MqttBroker.Start();
            InProcessDevice device = InProcessDevice.Start(intervalMilliseconds: 200, maxAgeSeconds: 1);
            await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "state2/#");
            await using TestGateway gateway = await MqttGateway.StartAsync(broker, "state2", new[] { "shed=" + device.Uri });
            await probe.WaitForAsync("state2/shed/availability", "online", MqttGateway.Wait);

            device.Dispose();
            await probe.WaitForAsync("state2/shed/availability", "offline", MqttGateway.Wait);
            JsonElement state = await probe.WaitForJsonAsync("state2/shed/state", j => j.GetProperty("status").GetString() == "offline", MqttGateway.Wait);
            Assert.AreEqual(JsonValueKind.Null, state.GetProperty("temperature").ValueKind);
            Assert.AreEqual(25.0m, (await gateway.DeviceAsync("shed")).GetProperty("value").GetDecimal(), "the API keeps the last value beside the status");
            Assert.AreEqual("online", probe.Last("state2/gateway/availability"), "the gateway itself stays online");
        }

        /// <summary>A failed sensor: the device stays available, its state says sensor-failed and has no temperature; back when the sensor recovers.</summary>
        [TestMethod]
        public async Task AFailedSensorHasNoTemperature()
        {
            using MqttBroker broker = MqttBroker.Start();
            using InProcessDevice device = InProcessDevice.Start(intervalMilliseconds: 200, maxAgeSeconds: 1);
            await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "state4/#");
            await using TestGateway gateway = await MqttGateway.StartAsync(broker, "state4", new[] { "attic=" + device.Uri });
            await probe.WaitForJsonAsync("state4/attic/state", j => MqttProbe.Temperature(j) == 25.0m, MqttGateway.Wait);

            device.Sensor.Failing = true;
            JsonElement failed = await probe.WaitForJsonAsync("state4/attic/state", j => j.GetProperty("status").GetString() == "sensor-failed", MqttGateway.Wait);
            Assert.AreEqual(JsonValueKind.Null, failed.GetProperty("temperature").ValueKind);
            Assert.AreEqual("online", probe.Last("state4/attic/availability"), "the device answers");

            device.Sensor.Failing = false;
            await probe.WaitForJsonAsync("state4/attic/state", j => MqttProbe.Temperature(j) == 25.0m, MqttGateway.Wait);
        }

        /// <summary>
        /// A device that registers while the gateway runs gets its configs, state and availability like a
        /// configured one; once its registration ends (gone) it is offline, its configs stay.
        /// </summary>
        [TestMethod]
        public async Task ADeviceAddedLaterIsPublishedAndGoneIsOffline()
        {
            using MqttBroker broker = MqttBroker.Start();
            using InProcessDevice configured = InProcessDevice.Start();
            using InProcessDevice later = InProcessDevice.Start(intervalMilliseconds: 200, maxAgeSeconds: 1);
            later.Sensor.Set(1950);
            await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "#");
            await using TestGateway gateway = await MqttGateway.StartAsync(broker, "state5", new[] { "kitchen=" + configured.Uri }, registrations: true);
            await probe.WaitForJsonAsync("state5/kitchen/state", j => MqttProbe.Temperature(j) == 25.0m, MqttGateway.Wait);
            Assert.IsNull(probe.Last("state5/porch/state"));

            Assert.IsTrue(ThermoDev.Gateway.Devices.DeviceAddress.TryCreate("porch", later.Uri, out var address, out string error), error);
            Assert.AreEqual(ThermoDev.Gateway.Devices.DeviceAdmission.Added, gateway.App.Core.Follow(address!, ThermoDev.Gateway.Devices.DeviceOrigin.Registered));
            await probe.WaitForJsonAsync("state5/porch/state", j => MqttProbe.Temperature(j) == 19.5m, MqttGateway.Wait);
            await probe.WaitForAsync("state5/porch/availability", "online", MqttGateway.Wait);
            JsonElement config = await probe.WaitForJsonAsync("homeassistant/sensor/state5_porch/temperature/config", _ => true, MqttGateway.Wait);
            Assert.AreEqual("porch", config.GetProperty("device").GetProperty("name").GetString());
            Assert.IsNotNull(probe.Last("homeassistant/number/state5_porch/temperature_set/config"));

            Assert.IsTrue(gateway.App.Core.MarkGone("porch", ThermoDev.Gateway.Devices.DeviceOrigin.Registered));
            await probe.WaitForAsync("state5/porch/availability", "offline", MqttGateway.Wait);
            JsonElement gone = await probe.WaitForJsonAsync("state5/porch/state", j => j.GetProperty("status").GetString() == "gone", MqttGateway.Wait);
            Assert.AreEqual(JsonValueKind.Null, gone.GetProperty("temperature").ValueKind);
            Assert.AreEqual("online", probe.Last("state5/kitchen/availability"), "the other device is untouched");
        }

        /// <summary>A gateway stopped as asked says offline on its availability topic before it disconnects.</summary>
        [TestMethod]
        public async Task AStoppedGatewaySaysOffline()
        {
            using MqttBroker broker = MqttBroker.Start();
            using InProcessDevice device = InProcessDevice.Start();
            await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "state3/gateway/availability");
            TestGateway gateway = await MqttGateway.StartAsync(broker, "state3", new[] { "kitchen=" + device.Uri });
            await probe.WaitForAsync("state3/gateway/availability", "online", MqttGateway.Wait);

            await gateway.DisposeAsync();
            await probe.WaitForAsync("state3/gateway/availability", "offline", MqttGateway.Wait);
        }
    }
}
