using System;
using nanoFramework.TestFramework;
using ThermoDev.Sensors;

namespace ThermoDev.Tests.ThermoDev
{
    [TestClass]
    public class SimulatedSensorTests
    {
        private static int Read(SimulatedSensor sensor)
        {
            int centi;
            int pascals;
            Assert.IsTrue(sensor.TryRead(out centi, out pascals));
            Assert.AreEqual(0, pascals);
            return centi;
        }

        [TestMethod]
        public void StartsAt25DegreesWithoutPressure()
        {
            SimulatedSensor sensor = new SimulatedSensor();
            Assert.AreEqual(2500, Read(sensor));
            Assert.AreEqual(2500, Read(sensor));
            Assert.IsFalse(sensor.HasPressure);
            Assert.IsTrue(sensor.IsSimulated);
            Assert.AreEqual("simulated", sensor.Description);
            Assert.IsFalse(sensor.Failing);
        }

        [TestMethod]
        public void IsATemperatureSensor()
        {
            ITemperatureSensor sensor = new SimulatedSensor(-1234);
            int centi;
            int pascals;
            Assert.IsTrue(sensor.TryRead(out centi, out pascals));
            Assert.AreEqual(-1234, centi);
            Assert.AreEqual(0, pascals);
        }

        [TestMethod]
        [DataRow(3050)]
        [DataRow(-4000)]
        [DataRow(8500)]
        [DataRow(0)]
        public void SetChangesTheReportedValue(int centi)
        {
            SimulatedSensor sensor = new SimulatedSensor();
            sensor.Set(centi);
            Assert.AreEqual(centi, Read(sensor));
            Assert.AreEqual(centi, Read(sensor));
        }

        [TestMethod]
        [DataRow(-4001)]
        [DataRow(8501)]
        [DataRow(int.MinValue)]
        [DataRow(int.MaxValue)]
        public void SetOutsideTheRangeThrowsAndKeepsTheValue(int centi)
        {
            SimulatedSensor sensor = new SimulatedSensor(2000);
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => sensor.Set(centi));
            Assert.AreEqual(2000, Read(sensor));
        }

        [TestMethod]
        public void ConstructorRejectsValuesOutsideTheRangeAndBadDrift()
        {
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new SimulatedSensor(8501));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new SimulatedSensor(-4001, 0, null));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new SimulatedSensor(2500, -1, new ScriptedRandom()));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new SimulatedSensor(2500, 12501, new ScriptedRandom()));
            Assert.AreEqual(2500, Read(new SimulatedSensor(2500, 12500, new ScriptedRandom(12500))));
        }

        [TestMethod]
        public void FailingSensorReportsNoValueUntilItRecovers()
        {
            SimulatedSensor sensor = new SimulatedSensor(2100);
            sensor.Failing = true;
            Assert.IsTrue(sensor.Failing);
            int centi;
            int pascals;
            Assert.IsFalse(sensor.TryRead(out centi, out pascals));
            Assert.AreEqual(0, centi);
            Assert.AreEqual(0, pascals);

            sensor.Set(2200);
            Assert.IsFalse(sensor.TryRead(out centi, out pascals));

            sensor.Failing = false;
            Assert.IsFalse(sensor.Failing);
            Assert.AreEqual(2200, Read(sensor));
        }

        [TestMethod]
        public void DriftMovesTheValueAfterEachReadByTheDrawnStep()
        {
            // Drift 10: draws in [0, 21) map to steps -10 .. +10.
            ScriptedRandom random = new ScriptedRandom(0, 20, 10, 15, 3);
            SimulatedSensor sensor = new SimulatedSensor(2500, 10, random);
            Assert.AreEqual(2500, Read(sensor));
            Assert.AreEqual(21, random.LastMaxExclusive);
            Assert.AreEqual(2490, Read(sensor));
            Assert.AreEqual(2500, Read(sensor));
            Assert.AreEqual(2500, Read(sensor));
            Assert.AreEqual(2505, Read(sensor));
            Assert.AreEqual(5, random.Draws);
        }

        [TestMethod]
        public void DriftStaysWithinTheTemperatureRange()
        {
            SimulatedSensor high = new SimulatedSensor(8495, 10, new ScriptedRandom(20, 20, 20));
            Assert.AreEqual(8495, Read(high));
            Assert.AreEqual(8500, Read(high));
            Assert.AreEqual(8500, Read(high));

            SimulatedSensor low = new SimulatedSensor(-3995, 10, new ScriptedRandom(0, 0, 0));
            Assert.AreEqual(-3995, Read(low));
            Assert.AreEqual(-4000, Read(low));
            Assert.AreEqual(-4000, Read(low));
        }

        [TestMethod]
        public void DriftIsBoundedEvenWhenTheRandomSourceIsNot()
        {
            SimulatedSensor sensor = new SimulatedSensor(2500, 10, new ScriptedRandom(1000, -1000, int.MinValue, int.MaxValue, 0));
            Assert.AreEqual(2500, Read(sensor));
            Assert.AreEqual(2510, Read(sensor));
            Assert.AreEqual(2500, Read(sensor));
            Assert.AreEqual(2490, Read(sensor));
            Assert.AreEqual(2500, Read(sensor));
        }

        [TestMethod]
        public void SetReplacesTheDriftedValue()
        {
            SimulatedSensor sensor = new SimulatedSensor(2500, 50, new ScriptedRandom(100, 100, 100));
            Assert.AreEqual(2500, Read(sensor));
            sensor.Set(3050);
            Assert.AreEqual(3050, Read(sensor));
            Assert.AreEqual(3100, Read(sensor));
        }

        [TestMethod]
        public void NoDriftWithoutARandomSourceOrWithZeroDrift()
        {
            // An empty script fails the test if the sensor draws.
            ScriptedRandom random = new ScriptedRandom();
            SimulatedSensor zeroDrift = new SimulatedSensor(1500, 0, random);
            SimulatedSensor noRandom = new SimulatedSensor(1500, 25, null);
            for (int i = 0; i < 3; i++)
            {
                Assert.AreEqual(1500, Read(zeroDrift));
                Assert.AreEqual(1500, Read(noRandom));
            }

            Assert.AreEqual(0, random.Draws);
        }

        [TestMethod]
        public void FailingReadsDoNotDrift()
        {
            ScriptedRandom random = new ScriptedRandom(20, 10);
            SimulatedSensor sensor = new SimulatedSensor(2500, 10, random);
            sensor.Failing = true;
            int centi;
            int pascals;
            Assert.IsFalse(sensor.TryRead(out centi, out pascals));
            Assert.AreEqual(0, random.Draws);
            sensor.Failing = false;
            Assert.AreEqual(2500, Read(sensor));
            Assert.AreEqual(2510, Read(sensor));
            Assert.AreEqual(2, random.Draws);
        }
    }
}
