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
        [DataRow(-4000, true)]
        [DataRow(8500, true)]
        [DataRow(0, true)]
        [DataRow(2500, true)]
        [DataRow(-4001, false)]
        [DataRow(8501, false)]
        [DataRow(int.MinValue, false)]
        [DataRow(int.MaxValue, false)]
        public void ContainsBothEnds(int centi, bool expected)
        {
            Assert.AreEqual(expected, TemperatureRange.Contains(centi));
        }
    }
}
