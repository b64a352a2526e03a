using System;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Gateway.Tests.Support;

namespace ThermoDev.Gateway.Tests.Mqtt
{
    /// <summary>&lt;prefix&gt;/&lt;device&gt;/set becomes a CoAP PUT /temp on the PC build of ThermoDev; the outcome comes back on /result.</summary>
    [TestClass]
    public sealed class MqttCommandTests
    {
        /// <summary>30.5 is set (2.04, the device says so and its state follows); "warm" gets the device's 4.00 and diagnostic; the value stays.</summary>
        [TestMethod]
        public async Task SetBecomesAPutAndTheResultIsPublished()
        {
            using MqttBroker broker = MqttBroker.Start();
            using PcDevice device = PcDevice.Start();
            await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "cmd1/#");
            await using TestGateway gateway = await MqttGateway.StartAsync(broker, "cmd1", new[] { "kitchen=" + device.Uri });
            await probe.WaitForJsonAsync("cmd1/kitchen/state", j => MqttProbe.Temperature(j) == 25.0m, MqttGateway.Wait);

            await probe.PublishAsync("cmd1/kitchen/set", "30.5");
            JsonElement ok = await probe.WaitForJsonAsync("cmd1/kitchen/result", j => j.GetProperty("value").GetString() == "30.5", MqttGateway.Wait);
            Assert.AreEqual("response", ok.GetProperty("outcome").GetString());
            Assert.AreEqual("2.04", ok.GetProperty("code").GetString());
            Assert.AreEqual(JsonValueKind.Null, ok.GetProperty("diagnostic").ValueKind);
            await probe.WaitForJsonAsync("cmd1/kitchen/state", j => MqttProbe.Temperature(j) == 30.5m, MqttGateway.Wait);
            Assert.IsTrue(await Eventually.TrueAsync(() => device.CountLines("\"30.5\" -> 2.04") == 1, TimeSpan.FromSeconds(5)), "one PUT reached the device:\n" + device.Process);

            await probe.PublishAsync("cmd1/kitchen/set", "warm");
            JsonElement refused = await probe.WaitForJsonAsync("cmd1/kitchen/result", j => j.GetProperty("value").GetString() == "warm", MqttGateway.Wait);
            Assert.AreEqual("response", refused.GetProperty("outcome").GetString());
            Assert.AreEqual("4.00", refused.GetProperty("code").GetString());
            StringAssert.Contains(refused.GetProperty("diagnostic").GetString(), "not a number");
            Assert.AreEqual(30.5m, (await gateway.DeviceAsync("kitchen")).GetProperty("value").GetDecimal());
            Assert.IsFalse(probe.Messages[^1].Retained, "results are not retained");
        }

        /// <summary>A device that requires OSCORE for reads and writes: the write from MQTT goes protected (a plain PUT would get 4.01) and is set.</summary>
        [TestMethod]
        public async Task SetReachesAnOscoreDeviceProtected()
        {
            using MqttBroker broker = MqttBroker.Start();
            using OscoreFolders folders = OscoreFolders.New();
            using PcDevice device = PcDevice.Start("--oscore", folders.Device, "--oscore-reads");
            await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "cmd3/#");
            await using TestGateway gateway = await MqttGateway.StartAsync(broker, "cmd3", new[] { "kitchen=" + device.Uri }, oscore: ("kitchen", folders.Client));
            await probe.WaitForJsonAsync("cmd3/kitchen/state", j => MqttProbe.Temperature(j) == 25.0m, MqttGateway.Wait);

            await probe.PublishAsync("cmd3/kitchen/set", "31.5");
            JsonElement ok = await probe.WaitForJsonAsync("cmd3/kitchen/result", j => j.GetProperty("value").GetString() == "31.5", MqttGateway.Wait);
            Assert.AreEqual("2.04", ok.GetProperty("code").GetString(), ok.ToString());
            await probe.WaitForJsonAsync("cmd3/kitchen/state", j => MqttProbe.Temperature(j) == 31.5m, MqttGateway.Wait);
        }

        /// <summary>A read-only gateway refuses without asking the device; an unknown device is named as such.</summary>
        [TestMethod]
        public async Task ReadOnlyAndUnknownDeviceAreRefused()
        {
            using MqttBroker broker = MqttBroker.Start();
            using PcDevice device = PcDevice.Start();
            await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "cmd2/#");
            await using TestGateway gateway = await MqttGateway.StartAsync(broker, "cmd2", new[] { "kitchen=" + device.Uri }, readOnly: true);
            await probe.WaitForJsonAsync("cmd2/kitchen/state", j => MqttProbe.Temperature(j) == 25.0m, MqttGateway.Wait);

            await probe.PublishAsync("cmd2/kitchen/set", "30.5");
            JsonElement readOnly = await probe.WaitForJsonAsync("cmd2/kitchen/result", _ => true, MqttGateway.Wait);
            Assert.AreEqual("read-only", readOnly.GetProperty("outcome").GetString());
            Assert.AreEqual(JsonValueKind.Null, readOnly.GetProperty("code").ValueKind);
            StringAssert.Contains(readOnly.GetProperty("diagnostic").GetString(), "read-only");

            await probe.PublishAsync("cmd2/attic/set", "20");
            JsonElement unknown = await probe.WaitForJsonAsync("cmd2/attic/result", _ => true, MqttGateway.Wait);
            Assert.AreEqual("unknown-device", unknown.GetProperty("outcome").GetString());
            Assert.AreEqual(0, device.CountLines("CON PUT"), "the device got no PUT:\n" + device.Process);
            Assert.AreEqual(25.0m, (await gateway.DeviceAsync("kitchen")).GetProperty("value").GetDecimal());
        }
    }
}
