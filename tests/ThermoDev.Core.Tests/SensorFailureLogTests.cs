using Coap.Micro;
using nanoFramework.TestFramework;
using ThermoDev.Sensors;
using ThermoDev.Tests.Server;

namespace ThermoDev.Tests.ThermoDev
{
    /// <summary>The read loop counts failures in a row, keeps the last one's text, and tells the log once per failure and once per recovery.</summary>
    [TestClass]
    public class SensorFailureLogTests
    {
        [TestMethod]
        public void AFailureAndARecoveryAreToldOnceEach()
        {
            SimulatedSensor sensor = new SimulatedSensor(2612);
            ListLog log = new ListLog();
            ThermoDevOptions options = new ThermoDevOptions();
            options.Log = log;
            ThermoDevServer device = new ThermoDevServer(new InMemoryTransport(), new FakeClock(), new RepeatingRandom(7, 500), sensor, options);
            SensorReadLoop loop = device.ReadLoop;
            loop.ReadOnce();
            Assert.AreEqual(0, loop.ConsecutiveFailures);
            Assert.IsNull(loop.LastError);

            sensor.Failing = true;
            loop.ReadOnce();
            loop.ReadOnce();
            loop.ReadOnce();
            Assert.AreEqual(3, loop.ConsecutiveFailures);
            Assert.AreEqual("no valid reading", loop.LastError);

            sensor.Failing = false;
            loop.ReadOnce();
            loop.ReadOnce();
            Assert.AreEqual(0, loop.ConsecutiveFailures);
            Assert.AreEqual("no valid reading", loop.LastError);
            Assert.AreEqual(2, log.Lines.Count);
            Assert.AreEqual("Sensor: reading failed: no valid reading", log.At(0));
            Assert.AreEqual("Sensor: recovered after 3 failed readings", log.At(1));
        }

        [TestMethod]
        public void WhatASensorThrewIsTheLastError()
        {
            ListLog log = new ListLog();
            ThermoDevOptions options = new ThermoDevOptions();
            options.Log = log;
            ThermoDevServer device = new ThermoDevServer(new InMemoryTransport(), new FakeClock(), new RepeatingRandom(7, 500), new ThrowingSensor(), options);
            device.ReadLoop.ReadOnce();
            Assert.AreEqual(1, device.ReadLoop.ConsecutiveFailures);
            Assert.AreEqual("I2C bus stuck", device.ReadLoop.LastError);
            Assert.AreEqual("Sensor: reading failed: I2C bus stuck", log.At(0));
        }

        private sealed class ThrowingSensor : ITemperatureSensor
        {
            public bool TryRead(out int centiCelsius, out int pascals)
            {
                throw new System.IO.IOException("I2C bus stuck");
            }

            public bool HasPressure
            {
                get { return false; }
            }

            public bool IsSimulated
            {
                get { return false; }
            }

            public string Description
            {
                get { return "throwing"; }
            }
        }
    }
}
