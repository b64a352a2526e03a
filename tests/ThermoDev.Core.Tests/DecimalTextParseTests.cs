using System;
using Coap.Micro;
using nanoFramework.TestFramework;
using ThermoDev.Sensors;
using ThermoDev.Text;

namespace ThermoDev.Tests.ThermoDev
{
    [TestClass]
    public class DecimalTextParseTests
    {
        private static DecimalParseResult Parse(byte[] bytes, out int centi)
        {
            return DecimalText.Parse(bytes, 0, bytes.Length, out centi);
        }

        [TestMethod]
        [DataRow("30.5", 3050)]
        [DataRow("25", 2500)]
        [DataRow("-4", -400)]
        [DataRow("+12.25", 1225)]
        [DataRow("5.", 500)]
        [DataRow(".5", 50)]
        [DataRow("-.5", -50)]
        [DataRow("+5.", 500)]
        [DataRow("0", 0)]
        [DataRow("-0", 0)]
        [DataRow("-0.0", 0)]
        [DataRow("007.50", 750)]
        [DataRow("85", 8500)]
        [DataRow("-40", -4000)]
        [DataRow("-40.00", -4000)]
        [DataRow("0.01", 1)]
        [DataRow("-0.01", -1)]
        [DataRow("21474836.47", int.MaxValue)]
        [DataRow("-21474836.48", int.MinValue)]
        public void ReadsPlainDecimals(string text, int expected)
        {
            int centi;
            Assert.AreEqual((int)DecimalParseResult.Ok, (int)Parse(Ascii.Bytes(text), out centi));
            Assert.AreEqual(expected, centi);
        }

        [TestMethod]
        [DataRow("12.345", 1235)]
        [DataRow("-12.345", -1235)]
        [DataRow("12.344", 1234)]
        [DataRow("-12.344", -1234)]
        [DataRow("12.3449", 1234)]
        [DataRow("12.3450", 1235)]
        [DataRow("12.3459999", 1235)]
        [DataRow("0.005", 1)]
        [DataRow("-0.005", -1)]
        [DataRow("0.004", 0)]
        [DataRow("-0.004", 0)]
        [DataRow("0.995", 100)]
        [DataRow("-0.999", -100)]
        [DataRow("99.9999999999999", 10000)]
        [DataRow("21474836.474", int.MaxValue)]
        [DataRow("-21474836.484", int.MinValue)]
        public void RoundsFurtherFractionDigitsHalfAwayFromZero(string text, int expected)
        {
            int centi;
            Assert.AreEqual((int)DecimalParseResult.Ok, (int)Parse(Ascii.Bytes(text), out centi));
            Assert.AreEqual(expected, centi);
        }

        [TestMethod]
        [DataRow(" 30.5", 3050)]
        [DataRow("30.5 ", 3050)]
        [DataRow("30.5\r\n", 3050)]
        [DataRow("\t-4.5 \n", -450)]
        [DataRow("\r\n\t 7 \t\n\r", 700)]
        [DataRow("          1     ", 100)]
        public void AllowsWhitespaceAroundTheNumber(string text, int expected)
        {
            int centi;
            Assert.AreEqual((int)DecimalParseResult.Ok, (int)Parse(Ascii.Bytes(text), out centi));
            Assert.AreEqual(expected, centi);
        }

        [TestMethod]
        [DataRow("", (int)DecimalParseResult.Empty)]
        [DataRow(" ", (int)DecimalParseResult.Empty)]
        [DataRow(" \t\r\n ", (int)DecimalParseResult.Empty)]
        [DataRow("                ", (int)DecimalParseResult.Empty)]
        [DataRow(".", (int)DecimalParseResult.Malformed)]
        [DataRow(" . ", (int)DecimalParseResult.Malformed)]
        [DataRow("+", (int)DecimalParseResult.Malformed)]
        [DataRow("-", (int)DecimalParseResult.Malformed)]
        [DataRow("+.", (int)DecimalParseResult.Malformed)]
        [DataRow("-.", (int)DecimalParseResult.Malformed)]
        [DataRow("1e5", (int)DecimalParseResult.Malformed)]
        [DataRow("1E5", (int)DecimalParseResult.Malformed)]
        [DataRow("2.5e1", (int)DecimalParseResult.Malformed)]
        [DataRow("2.5E-1", (int)DecimalParseResult.Malformed)]
        [DataRow("NaN", (int)DecimalParseResult.Malformed)]
        [DataRow("nan", (int)DecimalParseResult.Malformed)]
        [DataRow("Infinity", (int)DecimalParseResult.Malformed)]
        [DataRow("-Infinity", (int)DecimalParseResult.Malformed)]
        [DataRow("inf", (int)DecimalParseResult.Malformed)]
        [DataRow("1 2", (int)DecimalParseResult.Malformed)]
        [DataRow("30 .5", (int)DecimalParseResult.Malformed)]
        [DataRow("30. 5", (int)DecimalParseResult.Malformed)]
        [DataRow("- 5", (int)DecimalParseResult.Malformed)]
        [DataRow("3\t0", (int)DecimalParseResult.Malformed)]
        [DataRow("+-5", (int)DecimalParseResult.Malformed)]
        [DataRow("-+5", (int)DecimalParseResult.Malformed)]
        [DataRow("--5", (int)DecimalParseResult.Malformed)]
        [DataRow("++5", (int)DecimalParseResult.Malformed)]
        [DataRow("5-", (int)DecimalParseResult.Malformed)]
        [DataRow("5+", (int)DecimalParseResult.Malformed)]
        [DataRow("1.2.3", (int)DecimalParseResult.Malformed)]
        [DataRow("5..", (int)DecimalParseResult.Malformed)]
        [DataRow("..5", (int)DecimalParseResult.Malformed)]
        [DataRow("0x10", (int)DecimalParseResult.Malformed)]
        [DataRow("1,5", (int)DecimalParseResult.Malformed)]
        [DataRow("1_000", (int)DecimalParseResult.Malformed)]
        [DataRow("30.5C", (int)DecimalParseResult.Malformed)]
        [DataRow("30.5 C", (int)DecimalParseResult.Malformed)]
        [DataRow("30.5;", (int)DecimalParseResult.Malformed)]
        [DataRow("\"30.5\"", (int)DecimalParseResult.Malformed)]
        [DataRow("abc", (int)DecimalParseResult.Malformed)]
        [DataRow("12a", (int)DecimalParseResult.Malformed)]
        [DataRow("a12", (int)DecimalParseResult.Malformed)]
        [DataRow("21474836.48", (int)DecimalParseResult.TooLarge)]
        [DataRow("-21474836.49", (int)DecimalParseResult.TooLarge)]
        [DataRow("21474836.475", (int)DecimalParseResult.TooLarge)]
        [DataRow("9999999999999999", (int)DecimalParseResult.TooLarge)]
        [DataRow("-999999999999999", (int)DecimalParseResult.TooLarge)]
        [DataRow("12345678901234567", (int)DecimalParseResult.TooLong)]
        [DataRow("1.00000000000000000", (int)DecimalParseResult.TooLong)]
        [DataRow("                 ", (int)DecimalParseResult.TooLong)]
        [DataRow("                1", (int)DecimalParseResult.TooLong)]
        [DataRow("this is not a number", (int)DecimalParseResult.TooLong)]
        public void RejectsEverythingElse(string text, int expected)
        {
            int centi = -1;
            Assert.AreEqual(expected, (int)Parse(Ascii.Bytes(text), out centi));
            Assert.AreEqual(0, centi);
        }

        [TestMethod]
        [DataRow("00")]
        [DataRow("35 00")]
        [DataRow("0B 35")]
        [DataRow("0C 35")]
        [DataRow("35 0B")]
        [DataRow("C2 B0")]
        [DataRow("33 30 2E 35 C2 B0")]
        [DataRow("C2 A0 35")]
        [DataRow("A0 35")]
        [DataRow("EF BC 95")]
        [DataRow("D9 A5")]
        [DataRow("80")]
        [DataRow("FF")]
        [DataRow("B5")]
        public void ControlAndNonAsciiBytesAreMalformed(string hex)
        {
            // Vertical tab and form feed are not among the accepted whitespace; "°", no-break space,
            // fullwidth and Arabic-Indic digits, and stray bytes are not ASCII.
            int centi;
            Assert.AreEqual((int)DecimalParseResult.Malformed, (int)Parse(Hex.Parse(hex), out centi));
            Assert.AreEqual(0, centi);
        }

        [TestMethod]
        public void TooLongIsDecidedBeforeAnythingElse()
        {
            byte[] bytes = Hex.Parse("FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF");
            int centi;
            Assert.AreEqual((int)DecimalParseResult.TooLong, (int)Parse(bytes, out centi));
            Assert.AreEqual((int)DecimalParseResult.Malformed, (int)DecimalText.Parse(bytes, 0, 16, out centi));
            Assert.AreEqual(16, DecimalText.MaxParseLength);
        }

        [TestMethod]
        public void ReadsOnlyTheGivenRange()
        {
            byte[] bytes = Ascii.Bytes("x-30.5yz");
            int centi;
            Assert.AreEqual((int)DecimalParseResult.Ok, (int)DecimalText.Parse(bytes, 1, 5, out centi));
            Assert.AreEqual(-3050, centi);
            Assert.AreEqual((int)DecimalParseResult.Ok, (int)DecimalText.Parse(bytes, 2, 3, out centi));
            Assert.AreEqual(3000, centi);
            Assert.AreEqual((int)DecimalParseResult.Empty, (int)DecimalText.Parse(bytes, 8, 0, out centi));
            Assert.AreEqual((int)DecimalParseResult.Malformed, (int)DecimalText.Parse(bytes, 1, 6, out centi));
        }

        [TestMethod]
        public void RejectsMisuse()
        {
            int centi;
            Assert.ThrowsException(typeof(ArgumentNullException), () => DecimalText.Parse(null, 0, 0, out centi));
            byte[] bytes = new byte[4];
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => DecimalText.Parse(bytes, -1, 1, out centi));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => DecimalText.Parse(bytes, 0, -1, out centi));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => DecimalText.Parse(bytes, 2, 3, out centi));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => DecimalText.Parse(bytes, 5, 0, out centi));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => DecimalText.Parse(bytes, int.MaxValue, 2, out centi));
        }

        [TestMethod]
        public void ReadsEveryHundredthOfTheSensorRange()
        {
            byte[] text = new byte[8];
            for (int centi = TemperatureRange.MinCentiCelsius; centi <= TemperatureRange.MaxCentiCelsius; centi++)
            {
                int length = WriteHundredths(centi, text);
                int parsed;
                Assert.AreEqual((int)DecimalParseResult.Ok, (int)DecimalText.Parse(text, 0, length, out parsed));
                Assert.AreEqual(centi, parsed);
            }
        }

        [TestMethod]
        public void RoundsOnTheThirdFractionDigitAcrossTheSensorRange()
        {
            byte[] text = new byte[9];
            for (int centi = TemperatureRange.MinCentiCelsius; centi <= TemperatureRange.MaxCentiCelsius; centi += 7)
            {
                int length = WriteHundredths(centi, text);
                for (int digit = 0; digit <= 9; digit++)
                {
                    text[length] = (byte)('0' + digit);
                    int parsed;
                    Assert.AreEqual((int)DecimalParseResult.Ok, (int)DecimalText.Parse(text, 0, length + 1, out parsed));
                    int away = centi < 0 ? -1 : 1;
                    Assert.AreEqual(digit >= 5 ? centi + away : centi, parsed);
                }
            }
        }

        // "-12.34" style text of a value in hundredths, always two fraction digits; returns its length.
        private static int WriteHundredths(int centi, byte[] text)
        {
            int at = 0;
            int magnitude = centi;
            if (centi < 0)
            {
                text[at++] = (byte)'-';
                magnitude = -centi;
            }

            at += AsciiNumber.Write(magnitude / 100, text, at);
            text[at++] = (byte)'.';
            text[at++] = (byte)('0' + magnitude % 100 / 10);
            text[at++] = (byte)('0' + magnitude % 10);
            return at;
        }
    }
}
