using nanoFramework.TestFramework;
using ThermoDev.Resources;
using ThermoDev.Sensors;
using ThermoDev.Tests.Server;

namespace ThermoDev.Tests.ThermoDev
{
    /// <summary>
    /// A BMP280/BME280 that resets on its own (power lost alone): the reading taken in the reset state is
    /// refused and the chip reconfigured; a chip that cannot be configured fails every reading and is
    /// retried at a bounded rate.
    /// </summary>
    [TestClass]
    public class Bmx280SensorTests
    {
        private static FakeClock _clock;
        private static CollectingSensorLog _log;

        private static Bmx280Sensor Sensor(FakeBmx280Chip chip, bool bme280)
        {
            _clock = new FakeClock();
            _log = new CollectingSensorLog();
            return new Bmx280Sensor(chip, bme280, bme280 ? "BME280 at 0x76" : "BMP280 at 0x76", _clock, _log, 10000);
        }

        private static bool Contains(string text, string part)
        {
            return text.IndexOf(part) >= 0;
        }

        [TestMethod]
        public void AConfiguredChipIsServed()
        {
            FakeBmx280Chip chip = new FakeBmx280Chip(false);
            Bmx280Sensor sensor = Sensor(chip, false);
            Assert.IsTrue(sensor.Configure());
            int centi;
            int pascals;
            Assert.IsTrue(sensor.TryRead(out centi, out pascals));
            Assert.AreEqual(2137, centi);
            Assert.AreEqual(98765, pascals);
            Assert.AreEqual(SensorState.Unavailable, sensor.Humidity);
            Assert.IsFalse(sensor.HasHumidity);
            Assert.AreEqual(0, _log.Lines.Count);
        }

        [TestMethod]
        public void AReadingTakenAfterTheChipResetIsRefusedAndTheChipReconfigured()
        {
            FakeBmx280Chip chip = FakeBmx280Chip.Configured(false);
            Bmx280Sensor sensor = Sensor(chip, false);
            Assert.IsTrue(sensor.Configure());
            chip.Configurations = 0;
            int centi;
            int pascals;
            Assert.IsTrue(sensor.TryRead(out centi, out pascals));

            chip.PowerOn();
            Assert.IsFalse(sensor.TryRead(out centi, out pascals), "26.46 °C and 82,045 Pa from a reset chip are not served");
            Assert.AreEqual(0, centi);
            Assert.AreEqual(1, chip.Configurations, "reconfigured at once");
            Assert.AreEqual(0x4C, (int)(chip.Registers[0xF4] & 0xFC));
            Assert.IsFalse(sensor.Failed);

            Assert.IsTrue(sensor.TryRead(out centi, out pascals), "the next reading is served");
            Assert.AreEqual(2137, centi);
            Assert.AreEqual(98765, pascals);
        }

        [TestMethod]
        public void TheFaultAndTheRecoveryAreLoggedOnce()
        {
            FakeBmx280Chip chip = FakeBmx280Chip.Configured(false);
            Bmx280Sensor sensor = Sensor(chip, false);
            sensor.Configure();
            int centi;
            int pascals;
            chip.PowerOn();
            sensor.TryRead(out centi, out pascals);
            Assert.AreEqual(1, _log.Lines.Count);
            string fault = (string)_log.Lines[0];
            Assert.IsTrue(Contains(fault, "BMP280 at 0x76"), fault);
            Assert.IsTrue(Contains(fault, "ctrl_meas 0x00, config 0x00"), fault);
            Assert.IsFalse(Contains(fault, "ctrl_hum"), fault);

            sensor.TryRead(out centi, out pascals);
            sensor.TryRead(out centi, out pascals);
            Assert.AreEqual(2, _log.Lines.Count);
            Assert.IsTrue(Contains(_log.Last, "recovered"), _log.Last);
        }

        [TestMethod]
        public void ABme280WhoseHumiditySettingAloneResetIsCaught()
        {
            FakeBmx280Chip chip = FakeBmx280Chip.Configured(true);
            Bmx280Sensor sensor = Sensor(chip, true);
            Assert.IsTrue(sensor.Configure());
            int centi;
            int pascals;
            Assert.IsTrue(sensor.TryRead(out centi, out pascals));
            Assert.AreEqual(4555, sensor.Humidity);

            chip.Registers[0xF2] = 0x00;
            Assert.IsFalse(sensor.TryRead(out centi, out pascals));
            Assert.AreEqual(SensorState.Unavailable, sensor.Humidity);
            Assert.IsTrue(Contains(_log.Last, "ctrl_hum 0x00"), _log.Last);
            Assert.AreEqual(0x01, (int)chip.Registers[0xF2]);
            Assert.IsTrue(sensor.TryRead(out centi, out pascals));
            Assert.AreEqual(4555, sensor.Humidity);
        }

        [TestMethod]
        public void AChipThatCannotBeConfiguredFailsAndIsRetriedAtABoundedRate()
        {
            FakeBmx280Chip chip = FakeBmx280Chip.Configured(false);
            Bmx280Sensor sensor = Sensor(chip, false);
            sensor.Configure();
            chip.Configurations = 0;
            int centi;
            int pascals;

            chip.Unplugged = true;
            Assert.IsFalse(sensor.TryRead(out centi, out pascals));
            Assert.IsTrue(sensor.Failed);
            Assert.AreEqual(1, chip.Configurations);
            Assert.AreEqual(2, _log.Lines.Count, "the fault, then the failed configuration");
            Assert.IsTrue(Contains(_log.Last, "retrying every 10 s"), _log.Last);

            // Readings every second fail; the configuration is tried again once per 10 s, logged once.
            int measurements = chip.Measurements;
            for (int second = 1; second <= 25; second++)
            {
                _clock.Now += 1000;
                Assert.IsFalse(sensor.TryRead(out centi, out pascals), "at " + second.ToString() + " s");
            }

            Assert.AreEqual(3, chip.Configurations, "at 0, 10 and 20 s");
            Assert.AreEqual(measurements, chip.Measurements, "nothing measured while unconfigured");
            Assert.AreEqual(2, _log.Lines.Count);

            // Plugged in again (powered on afresh): configured at the next retry, then served.
            chip.Unplugged = false;
            chip.PowerOn();
            _clock.Now += 5000;
            Assert.IsFalse(sensor.TryRead(out centi, out pascals));
            Assert.AreEqual(4, chip.Configurations);
            Assert.IsFalse(sensor.Failed);
            Assert.IsTrue(sensor.TryRead(out centi, out pascals));
            Assert.AreEqual(2137, centi);
            Assert.IsTrue(Contains(_log.Last, "recovered"), _log.Last);
        }

        [TestMethod]
        public void AConfigurationThatDoesNotReadBackIsAFailure()
        {
            FakeBmx280Chip chip = new FakeBmx280Chip(true);
            chip.LosesWrites = true;
            Bmx280Sensor sensor = Sensor(chip, true);
            Assert.IsFalse(sensor.Configure());
            Assert.IsTrue(sensor.Failed);
            Assert.IsTrue(Contains(_log.Last, "read back ctrl_meas 0x00, config 0x00, ctrl_hum 0x00"), _log.Last);
            int centi;
            int pascals;
            Assert.IsFalse(sensor.TryRead(out centi, out pascals));

            chip.LosesWrites = false;
            _clock.Now += 10000;
            Assert.IsFalse(sensor.TryRead(out centi, out pascals));
            Assert.IsTrue(sensor.TryRead(out centi, out pascals));
            Assert.AreEqual(4555, sensor.Humidity);
        }

        [TestMethod]
        public void AnExceptionWithoutMessageIsLoggedByItsType()
        {
            FakeBmx280Chip chip = new FakeBmx280Chip(false);
            chip.ThrowsBare = true;
            Bmx280Sensor sensor = Sensor(chip, false);
            Assert.IsFalse(sensor.Configure());
            Assert.IsTrue(Contains(_log.Last, "configuration failed (System.IO.IOException)"), _log.Last);
        }

        [TestMethod]
        public void TheReadLoopCountsTheRefusedReadingAsAFailureAndServesTheNextOne()
        {
            FakeBmx280Chip chip = FakeBmx280Chip.Configured(false);
            Bmx280Sensor sensor = Sensor(chip, false);
            sensor.Configure();
            ThermoDevHarness h = new ThermoDevHarness(sensor);
            Assert.AreEqual(0, h.Device.ReadLoop.Failures);

            chip.PowerOn();
            h.Device.ReadLoop.ReadOnce();
            Assert.AreEqual(1, h.Device.ReadLoop.Failures);
            Assert.AreEqual(SensorState.Unavailable, h.Device.State.Temperature, "never 26.46 °C");
            Assert.AreEqual(SensorState.Unavailable, h.Device.State.Pressure);

            h.Device.ReadLoop.ReadOnce();
            Assert.AreEqual(1, h.Device.ReadLoop.Failures);
            Assert.AreEqual(2137, h.Device.State.Temperature);
            Assert.AreEqual(98765, h.Device.State.Pressure);
        }
    }
}
