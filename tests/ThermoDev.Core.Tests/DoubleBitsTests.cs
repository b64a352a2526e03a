using nanoFramework.TestFramework;
using ThermoDev.Text;

namespace ThermoDev.Tests.ThermoDev
{
    [TestClass]
    public class DoubleBitsTests
    {
        private static string BigEndianHex(long bits)
        {
            byte[] bytes = new byte[8];
            for (int i = 0; i < 8; i++)
            {
                bytes[i] = (byte)(bits >> (56 - 8 * i));
            }

            return Hex.Format(bytes, 0, 8);
        }

        [TestMethod]
        [DataRow(0, "00 00 00 00 00 00 00 00")]
        [DataRow(1, "3F B9 99 99 99 99 99 9A")]
        [DataRow(-1, "BF B9 99 99 99 99 99 9A")]
        [DataRow(3, "3F D3 33 33 33 33 33 33")]
        [DataRow(5, "3F E0 00 00 00 00 00 00")]
        [DataRow(10, "3F F0 00 00 00 00 00 00")]
        [DataRow(250, "40 39 00 00 00 00 00 00")]
        [DataRow(254, "40 39 66 66 66 66 66 66")]
        [DataRow(255, "40 39 80 00 00 00 00 00")]
        [DataRow(-45, "C0 12 00 00 00 00 00 00")]
        [DataRow(-400, "C0 44 00 00 00 00 00 00")]
        [DataRow(850, "40 55 40 00 00 00 00 00")]
        [DataRow(214748365, "41 74 7A E1 48 00 00 00")]
        [DataRow(-214748365, "C1 74 7A E1 48 00 00 00")]
        [DataRow(int.MaxValue, "41 A9 99 99 99 66 66 66")]
        [DataRow(int.MinValue, "C1 A9 99 99 99 99 99 9A")]
        public void GivesTheNearestDoubleToTheTenths(int tenths, string expected)
        {
            // Expected: the IEEE 754 binary64 of tenths / 10, sign | 11-bit biased exponent | 52-bit fraction.
            Assert.AreEqual(expected, BigEndianHex(DoubleBits.OfTenths(tenths)));
        }
    }
}
