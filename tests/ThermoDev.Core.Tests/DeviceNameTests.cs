using System;
using Coap.Micro;
using nanoFramework.TestFramework;
using ThermoDev.Sensors;
using ThermoDev.Tests.Server;

namespace ThermoDev.Tests.ThermoDev
{
    /// <summary>The device name: its form, the board's default, and where discovery shows it (the title of &lt;/temp&gt;).</summary>
    [TestClass]
    public class DeviceNameTests
    {
        [TestMethod]
        [DataRow("dev1", true)]
        [DataRow("thermodev-a1b2c3", true)]
        [DataRow("Kitchen_2.north", true)]
        [DataRow("", false)]
        [DataRow("with space", false)]
        [DataRow("quote\"d", false)]
        [DataRow("comma,list", false)]
        public void ANameIsLettersDigitsAndDashUnderscoreDot(string name, bool valid)
        {
            Assert.AreEqual(valid, DeviceName.IsValid(name), name);
        }

        [TestMethod]
        public void ANameIsAtMost63Characters()
        {
            Assert.IsTrue(DeviceName.IsValid(new string('a', 63)));
            Assert.IsFalse(DeviceName.IsValid(new string('a', 64)));
            Assert.IsFalse(DeviceName.IsValid(null));
        }

        [TestMethod]
        public void TheBoardsDefaultIsTheLastThreeBytesOfItsHardwareAddress()
        {
            Assert.AreEqual("thermodev-a1b2c3", DeviceName.FromHardwareAddress(new byte[] { 0x24, 0x0A, 0xC4, 0xA1, 0xB2, 0xC3 }));
            Assert.AreEqual("thermodev-00ff10", DeviceName.FromHardwareAddress(new byte[] { 0x00, 0xFF, 0x10 }));
            Assert.AreEqual("thermodev", DeviceName.FromHardwareAddress(new byte[] { 1, 2 }));
            Assert.AreEqual("thermodev", DeviceName.FromHardwareAddress(null));
        }

        [TestMethod]
        public void DiscoveryShowsTheNameAsTheTitleOfTemp()
        {
            Assert.AreEqual("</temp>;rt=\"temperature-c\";if=\"core.s\";ct=0;obs;title=\"kitchen-1\"", Links("kitchen-1"));
            Assert.AreEqual("</temp>;rt=\"temperature-c\";if=\"core.s\";ct=0;obs;title=\"Temperature\"", Links(null));
        }

        [TestMethod]
        public void AnInvalidNameIsRefused()
        {
            ThermoDevOptions options = new ThermoDevOptions();
            options.Name = "two words";
            Assert.ThrowsException(typeof(ArgumentException), () => new ThermoDevServer(new InMemoryTransport(), new FakeClock(), new RepeatingRandom(7), new SimulatedSensor(), options));
        }

        private static string Links(string name)
        {
            ThermoDevOptions options = new ThermoDevOptions();
            options.Name = name;
            options.Server.BlockSize = 1024;
            InMemoryTransport transport = new InMemoryTransport();
            ThermoDevServer device = new ThermoDevServer(transport, new FakeClock(), new RepeatingRandom(7), new SimulatedSensor(), options);
            transport.Inject(RequestBuilder.Get(0x100).Path(".well-known/core").ToArray(), ServerHarness.Endpoint(1));
            device.Server.Poll(0);
            return ServerHarness.PayloadText(ServerHarness.Parse(transport.Sent(0)));
        }
    }
}
