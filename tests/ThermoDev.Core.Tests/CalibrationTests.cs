using Coap.Micro;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.ThermoDev
{
    /// <summary>A real sensor: PUT /temp calibrates an offset; /pressure reports hectopascals.</summary>
    [TestClass]
    public class CalibrationTests
    {
        private const string Degrees = "\u00C2\u00B0C";

        [TestMethod]
        public void PutCalibratesSoTheSensorReportsTheValueSent()
        {
            FixedSensor sensor = new FixedSensor();
            ThermoDevHarness h = new ThermoDevHarness(sensor);
            Assert.AreEqual("26.1", ThermoDevHarness.Text(h.GetTemperature(-1)));

            CoapMessage answer = h.PutTemperature("25.0", -1);
            Assert.AreEqual(CoapCode.Changed, answer.Code);
            Assert.AreEqual("Temperature calibrated to 25.0" + Degrees + " (offset -1.1" + Degrees + ")", ThermoDevHarness.Text(answer));
            Assert.AreEqual("25.0", ThermoDevHarness.Text(h.GetTemperature(-1)));
            Assert.AreEqual(-112, h.Device.State.CalibrationOffset);

            // Later readings keep the offset.
            sensor.CentiCelsius = 2700;
            h.Device.ReadLoop.ReadOnce();
            Assert.AreEqual("25.9", ThermoDevHarness.Text(h.GetTemperature(-1)));
        }

        [TestMethod]
        public void APositiveOffsetIsShownWithItsSign()
        {
            ThermoDevHarness h = new ThermoDevHarness(new FixedSensor());
            Assert.AreEqual("Temperature calibrated to 27.0" + Degrees + " (offset +0.9" + Degrees + ")", ThermoDevHarness.Text(h.PutTemperature("27", -1)));
        }

        [TestMethod]
        public void AnOffsetOfMoreThanTwentyDegreesIsRefused()
        {
            ThermoDevHarness h = new ThermoDevHarness(new FixedSensor());
            CoapMessage answer = h.PutTemperature("50", -1);
            Assert.AreEqual(CoapCode.BadRequest, answer.Code);
            Assert.AreEqual("26.1", ThermoDevHarness.Text(h.GetTemperature(-1)));
            Assert.AreEqual(0, h.Device.State.CalibrationOffset);
        }

        [TestMethod]
        public void NoCalibrationWhileTheSensorFails()
        {
            FixedSensor sensor = new FixedSensor();
            ThermoDevHarness h = new ThermoDevHarness(sensor);
            sensor.Failing = true;
            h.Device.ReadLoop.ReadOnce();
            Assert.AreEqual(CoapCode.ServiceUnavailable, h.PutTemperature("25.0", -1).Code);
            Assert.AreEqual(0, h.Device.State.CalibrationOffset);
        }

        [TestMethod]
        public void PressureIsReportedInHectopascalsWithOneDecimal()
        {
            FixedSensor sensor = new FixedSensor();
            ThermoDevHarness h = new ThermoDevHarness(sensor);
            CoapMessage answer = h.Request(CoapCode.Get, "pressure", -1, -1, null);
            Assert.AreEqual(CoapCode.Content, answer.Code);
            Assert.AreEqual("1013.3", ThermoDevHarness.Text(answer));
            Assert.AreEqual("pressure-hpa", h.Device.Pressure.ResourceType);
            Assert.IsTrue(h.Device.Pressure.Observable);

            sensor.Failing = true;
            h.Device.ReadLoop.ReadOnce();
            Assert.AreEqual(CoapCode.ServiceUnavailable, h.Request(CoapCode.Get, "pressure", -1, -1, null).Code);
        }
    }
}
