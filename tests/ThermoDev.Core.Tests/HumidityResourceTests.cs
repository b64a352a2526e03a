using Coap.Micro;
using nanoFramework.TestFramework;
using ThermoDev.Resources;
using ThermoDev.Sensors;
using ThermoDev.Tests.Server;

namespace ThermoDev.Tests.ThermoDev
{
    /// <summary>/humidity: served beside /temp and /pressure when the sensor is a BME280, never for a BMP280.</summary>
    [TestClass]
    public class HumidityResourceTests
    {
        private static ThermoDevHarness Harness(FakeBmx280Chip chip, bool bme280)
        {
            Bmx280Sensor sensor = new Bmx280Sensor(chip, bme280, "BME280 at 0x76", new FakeClock(), null, 10000);
            sensor.Configure();
            return new ThermoDevHarness(sensor);
        }

        [TestMethod]
        public void ABme280ServesTheHumidityAsText()
        {
            ThermoDevHarness h = Harness(new FakeBmx280Chip(true), true);
            CoapMessage answer = h.Request(CoapCode.Get, "humidity", -1, -1, null);
            Assert.AreEqual(CoapCode.Content, answer.Code);
            Assert.AreEqual("45.6", ThermoDevHarness.Text(answer));
            Assert.AreEqual(CoapContentFormat.TextPlain, ThermoDevHarness.UIntOption(answer, CoapOption.ContentFormat));
            Assert.AreEqual(10, ThermoDevHarness.UIntOption(answer, CoapOption.MaxAge));
        }

        [TestMethod]
        public void ABme280ServesTheHumidityAsSenml()
        {
            ThermoDevHarness h = Harness(new FakeBmx280Chip(true), true);
            CoapMessage answer = h.Request(CoapCode.Get, "humidity", CoapContentFormat.SenmlJson, -1, null);
            Assert.AreEqual(CoapCode.Content, answer.Code);
            Assert.AreEqual("[{\"n\":\"humidity\",\"u\":\"%RH\",\"v\":45.6}]", ThermoDevHarness.Text(answer));
            Assert.AreEqual(CoapContentFormat.SenmlJson, ThermoDevHarness.UIntOption(answer, CoapOption.ContentFormat));
        }

        [TestMethod]
        public void TheHumidityIsListedForDiscovery()
        {
            ThermoDevHarness h = Harness(new FakeBmx280Chip(true), true);
            string links = "";
            uint block = BlockOption.Encode(0, true, 2);
            for (int num = 0; BlockOption.MoreOf(block); num++)
            {
                // Longer than the 64-byte block size: fetched block by block (RFC 7959 §2.4).
                h.Transport.ClearSent();
                h.Transport.Inject(RequestBuilder.Get(5 + num).Path(".well-known/core").Block(CoapOption.Block2, num, false, 2).ToArray(), h.Client);
                h.Device.Server.Poll(0);
                CoapMessage answer = ServerHarness.Parse(h.Transport.Sent(0));
                Assert.IsTrue(answer.TryGetUIntOption(CoapOption.Block2, 0, out block));
                links += ThermoDevHarness.Text(answer);
            }

            Assert.AreEqual(
                "</temp>;rt=\"temperature-c\";if=\"core.s\";ct=0;obs;title=\"Temperature\","
                + "</pressure>;rt=\"pressure-hpa\";if=\"core.s\";ct=0;obs;title=\"Air pressure\","
                + "</humidity>;rt=\"humidity-rh\";if=\"core.s\";ct=0;obs;title=\"Relative humidity\"",
                links);
        }

        [TestMethod]
        public void ABmp280HasNoHumidity()
        {
            ThermoDevHarness h = Harness(new FakeBmx280Chip(false), false);
            Assert.IsNull(h.Device.Humidity);
            Assert.AreEqual(CoapCode.NotFound, h.Request(CoapCode.Get, "humidity", -1, -1, null).Code);
        }

        [TestMethod]
        public void AFailedReadingIs503AndAChangeIsRecorded()
        {
            FakeBmx280Chip chip = new FakeBmx280Chip(true);
            ThermoDevHarness h = Harness(chip, true);
            chip.PowerOn();
            h.Device.ReadLoop.ReadOnce();
            Assert.AreEqual(SensorState.Unavailable, h.Device.Humidity.Humidity);
            Assert.AreEqual(CoapCode.ServiceUnavailable, h.Request(CoapCode.Get, "humidity", -1, -1, null).Code);

            chip.Percent = 51.04;
            h.Device.ReadLoop.ReadOnce();
            Assert.AreEqual(5104, h.Device.Humidity.Humidity);
            Assert.AreEqual("51.0", ThermoDevHarness.Text(h.Request(CoapCode.Get, "humidity", -1, -1, null)));
        }
    }
}
