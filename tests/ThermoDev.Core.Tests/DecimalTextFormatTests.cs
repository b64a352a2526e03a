using Coap.Micro;
using System;
using nanoFramework.TestFramework;
using ThermoDev.Sensors;
using ThermoDev.Text;

namespace ThermoDev.Tests.ThermoDev
{
    [TestClass]
    public class DecimalTextFormatTests
    {
        private static string Format(int centi)
        {
            byte[] buffer = new byte[16];
            int written = DecimalText.FormatTenths(centi, buffer, 0);
            Assert.AreEqual(DecimalText.TenthsLength(centi), written);
            return TestText.Of(buffer, 0, written);
        }

        [TestMethod]
        [DataRow(2549, "25.5")]
        [DataRow(2544, "25.4")]
        [DataRow(2545, "25.5")]
        [DataRow(2500, "25.0")]
        [DataRow(-445, "-4.5")]
        [DataRow(-444, "-4.4")]
        [DataRow(-4, "0.0")]
        [DataRow(4, "0.0")]
        [DataRow(-5, "-0.1")]
        [DataRow(5, "0.1")]
        [DataRow(0, "0.0")]
        [DataRow(94, "0.9")]
        [DataRow(95, "1.0")]
        [DataRow(-95, "-1.0")]
        [DataRow(8500, "85.0")]
        [DataRow(-4000, "-40.0")]
        [DataRow(999995, "10000.0")]
        [DataRow(-999994, "-9999.9")]
        [DataRow(int.MaxValue, "21474836.5")]
        [DataRow(int.MinValue, "-21474836.5")]
        [DataRow(int.MinValue + 1, "-21474836.5")]
        public void WritesOneDecimalRoundedHalfAwayFromZero(int centi, string expected)
        {
            Assert.AreEqual(expected, Format(centi));
        }

        [TestMethod]
        [DataRow(2545, 255)]
        [DataRow(2544, 254)]
        [DataRow(-445, -45)]
        [DataRow(-444, -44)]
        [DataRow(-4, 0)]
        [DataRow(-5, -1)]
        [DataRow(int.MaxValue, 214748365)]
        [DataRow(int.MinValue, -214748365)]
        public void RoundsToTenthsAsItWrites(int centi, int tenths)
        {
            Assert.AreEqual(tenths, DecimalText.RoundToTenths(centi));
        }

        [TestMethod]
        public void WritesAtTheOffsetAndNothingElse()
        {
            byte[] buffer = Ascii.Bytes("xxxxxxxxx");
            Assert.AreEqual(5, DecimalText.FormatTenths(-1234, buffer, 2));
            Assert.AreEqual("xx-12.3xx", TestText.Of(buffer, 0, buffer.Length));
        }

        [TestMethod]
        public void WritesNothingWhenItDoesNotFit()
        {
            // "-40.0" is 5 bytes: it fits exactly in 5 and not in 4, wherever the space is.
            byte[] exact = new byte[7];
            Assert.AreEqual(5, DecimalText.FormatTenths(-4000, exact, 2));
            Assert.AreEqual("-40.0", TestText.Of(exact, 2, 5));

            byte[] shortBuffer = Ascii.Bytes("xxxxxx");
            Assert.AreEqual(0, DecimalText.FormatTenths(-4000, shortBuffer, 2));
            Assert.AreEqual(0, DecimalText.FormatTenths(-4000, shortBuffer, 6));
            Assert.AreEqual(0, DecimalText.FormatTenths(-4000, shortBuffer, int.MaxValue));
            Assert.AreEqual(0, DecimalText.FormatTenths(0, new byte[0], 0));
            Assert.AreEqual("xxxxxx", TestText.Of(shortBuffer, 0, shortBuffer.Length));
        }

        [TestMethod]
        public void RejectsMisuse()
        {
            Assert.ThrowsException(typeof(ArgumentNullException), () => DecimalText.FormatTenths(0, null, 0));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => DecimalText.FormatTenths(0, new byte[8], -1));
        }

        [TestMethod]
        public void EveryValueOfTheSensorRangeReadsBackAsItsTenths()
        {
            byte[] buffer = new byte[8];
            for (int centi = TemperatureRange.MinCentiCelsius; centi <= TemperatureRange.MaxCentiCelsius; centi++)
            {
                int written = DecimalText.FormatTenths(centi, buffer, 0);
                int parsed;
                Assert.AreEqual((int)DecimalParseResult.Ok, (int)DecimalText.Parse(buffer, 0, written, out parsed));
                Assert.AreEqual(DecimalText.RoundToTenths(centi) * 10, parsed);
                Assert.AreEqual((byte)'.', buffer[written - 2]);
            }
        }
    }
}
