using nanoFramework.TestFramework;
using ThermoDev.Sensors;

namespace ThermoDev.Tests.ThermoDev
{
    [TestClass]
    public class TemperatureRangeTests
    {
        [TestMethod]
        public void IsTheBmp280Range()
        {
            Assert.AreEqual(-4000, TemperatureRange.MinCentiCelsius);
            Assert.AreEqual(8500, TemperatureRange.MaxCentiCelsius);
        }

        [TestMethod]
        [DataRow(-4000)]
        [DataRow(8500)]
        [DataRow(0)]
        [DataRow(2500)]
        public void ContainsBothEndsAndWhatLiesBetween(int centi)
        {
            Assert.IsTrue(TemperatureRange.Contains(centi));
        }

        [TestMethod]
        [DataRow(-4001)]
        [DataRow(8501)]
        [DataRow(int.MinValue)]
        [DataRow(int.MaxValue)]
        public void ExcludesEverythingOutside(int centi)
        {
            Assert.IsFalse(TemperatureRange.Contains(centi));
        }
    }
}
