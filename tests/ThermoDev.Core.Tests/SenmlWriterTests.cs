using Coap.Micro;
using System;
using nanoFramework.TestFramework;
using ThermoDev.Text;

namespace ThermoDev.Tests.ThermoDev
{
    [TestClass]
    public class SenmlWriterTests
    {
        private static readonly byte[] Temp = Ascii.Bytes("temp");
        private static readonly byte[] Cel = Ascii.Bytes("Cel");

        private static string Json(int centi)
        {
            byte[] buffer = new byte[64];
            int written = SenmlWriter.WriteJson(Temp, Cel, centi, buffer, 0);
            return TestText.Of(buffer, 0, written);
        }

        private static string Cbor(byte[] name, byte[] unit, int centi)
        {
            byte[] buffer = new byte[400];
            int written = SenmlWriter.WriteCbor(name, unit, centi, buffer, 0);
            return Hex.Format(buffer, 0, written);
        }

        [TestMethod]
        [DataRow(2500, "[{\"n\":\"temp\",\"u\":\"Cel\",\"v\":25.0}]")]
        [DataRow(2549, "[{\"n\":\"temp\",\"u\":\"Cel\",\"v\":25.5}]")]
        [DataRow(2544, "[{\"n\":\"temp\",\"u\":\"Cel\",\"v\":25.4}]")]
        [DataRow(-445, "[{\"n\":\"temp\",\"u\":\"Cel\",\"v\":-4.5}]")]
        [DataRow(-4, "[{\"n\":\"temp\",\"u\":\"Cel\",\"v\":0.0}]")]
        [DataRow(-4000, "[{\"n\":\"temp\",\"u\":\"Cel\",\"v\":-40.0}]")]
        [DataRow(8500, "[{\"n\":\"temp\",\"u\":\"Cel\",\"v\":85.0}]")]
        public void WritesTheJsonPack(int centi, string expected)
        {
            // RFC 8428 §5: an array of records, each an object with "n", "u" and the number "v".
            Assert.AreEqual(expected, Json(centi));
        }

        [TestMethod]
        [DataRow(2500, "40 39 00 00 00 00 00 00")]
        [DataRow(2549, "40 39 80 00 00 00 00 00")]
        [DataRow(2544, "40 39 66 66 66 66 66 66")]
        [DataRow(-445, "C0 12 00 00 00 00 00 00")]
        [DataRow(-4, "00 00 00 00 00 00 00 00")]
        [DataRow(-4000, "C0 44 00 00 00 00 00 00")]
        [DataRow(8500, "40 55 40 00 00 00 00 00")]
        [DataRow(1, "00 00 00 00 00 00 00 00")]
        [DataRow(5, "3F B9 99 99 99 99 99 9A")]
        public void WritesTheCborPack(int centi, string doubleBits)
        {
            // RFC 8428 §6 with RFC 8949 §3: 81 array(1), A3 map(3), 00 label n, 64 text(4) "temp",
            // 01 label u, 63 text(3) "Cel", 02 label v, FB float64.
            Assert.AreEqual("81 A3 00 64 74 65 6D 70 01 63 43 65 6C 02 FB " + doubleBits, Cbor(Temp, Cel, centi));
        }

        [TestMethod]
        public void LongerNamesGetLongerCborHeads()
        {
            // RFC 8949 §3: lengths 0..23 in the initial byte, 24..255 after 0x78, 256..65535 after 0x79.
            Assert.AreEqual("81 A3 00 77", Cbor(Name(23), Cel, 0).Substring(0, 11));
            Assert.AreEqual("81 A3 00 78 18 61", Cbor(Name(24), Cel, 0).Substring(0, 17));
            Assert.AreEqual("81 A3 00 78 FF 61", Cbor(Name(255), Cel, 0).Substring(0, 17));
            Assert.AreEqual("81 A3 00 79 01 00 61", Cbor(Name(256), Cel, 0).Substring(0, 20));
            string whole = Cbor(Name(300), Ascii.Bytes("%RH"), 5000);
            Assert.AreEqual("81 A3 00 79 01 2C 61", whole.Substring(0, 20));
            Assert.EndsWith("61 01 63 25 52 48 02 FB 40 49 00 00 00 00 00 00", whole);
        }

        [TestMethod]
        public void WritesAtTheOffset()
        {
            byte[] buffer = new byte[40];
            buffer[2] = 0xEE;
            int written = SenmlWriter.WriteCbor(Temp, Cel, 2500, buffer, 3);
            Assert.AreEqual(23, written);
            Assert.AreEqual("EE 81 A3", Hex.Format(buffer, 2, 3));
            Assert.AreEqual((byte)0, buffer[26]);

            written = SenmlWriter.WriteJson(Temp, Cel, 2500, buffer, 5);
            Assert.AreEqual(33, written);
            Assert.AreEqual("[{\"n\":\"temp\",\"u\":\"Cel\",\"v\":25.0}]", TestText.Of(buffer, 5, written));
        }

        [TestMethod]
        public void WritesNothingWhenThePackDoesNotFit()
        {
            // JSON 25.0 takes 33 bytes, CBOR 23: every smaller space, after an offset of 2, gets 0 and stays zero.
            for (int size = 0; size < 33; size++)
            {
                byte[] buffer = new byte[2 + size];
                Assert.AreEqual(0, SenmlWriter.WriteJson(Temp, Cel, 2500, buffer, 2));
                if (size < 23)
                {
                    Assert.AreEqual(0, SenmlWriter.WriteCbor(Temp, Cel, 2500, buffer, 2));
                }

                for (int i = 0; i < buffer.Length; i++)
                {
                    Assert.AreEqual((byte)0, buffer[i]);
                }
            }

            Assert.AreEqual(33, SenmlWriter.WriteJson(Temp, Cel, 2500, new byte[35], 2));
            Assert.AreEqual(0, SenmlWriter.WriteJson(Temp, Cel, -2500, new byte[35], 2));
            Assert.AreEqual(23, SenmlWriter.WriteCbor(Temp, Cel, 2500, new byte[25], 2));
            Assert.AreEqual(0, SenmlWriter.WriteCbor(Temp, Cel, 2500, new byte[25], 25));
            Assert.AreEqual(0, SenmlWriter.WriteCbor(Temp, Cel, 2500, new byte[25], int.MaxValue));
        }

        [TestMethod]
        [DataRow("temp")]
        [DataRow("urn:dev:mac:0024befffe804ff1/temp")]
        [DataRow("0")]
        [DataRow("a-b_c.d/e:f")]
        public void AcceptsSenmlNames(string name)
        {
            Assert.IsTrue(SenmlWriter.WriteJson(Ascii.Bytes(name), Cel, 0, new byte[80], 0) > 0);
            Assert.IsTrue(SenmlWriter.WriteCbor(Ascii.Bytes(name), Cel, 0, new byte[80], 0) > 0);
        }

        [TestMethod]
        [DataRow("")]
        [DataRow("-temp")]
        [DataRow("_temp")]
        [DataRow("/temp")]
        [DataRow("te mp")]
        [DataRow("temp\"")]
        [DataRow("temp\\")]
        [DataRow("temp,")]
        public void RejectsNamesOutsideRfc8428(string name)
        {
            // RFC 8428 §4.5.1: A-Z a-z 0-9 - : . / _, starting with a letter or digit.
            byte[] bytes = Ascii.Bytes(name);
            Assert.ThrowsException(typeof(ArgumentException), () => SenmlWriter.WriteJson(bytes, Cel, 0, new byte[80], 0));
            Assert.ThrowsException(typeof(ArgumentException), () => SenmlWriter.WriteCbor(bytes, Cel, 0, new byte[80], 0));
        }

        [TestMethod]
        [DataRow("")]
        [DataRow("C el")]
        [DataRow("\"")]
        [DataRow("\\")]
        [DataRow("Cel\n")]
        public void RejectsUnitsJsonCouldNotHoldAsTheyAre(string unit)
        {
            byte[] bytes = Ascii.Bytes(unit);
            Assert.ThrowsException(typeof(ArgumentException), () => SenmlWriter.WriteJson(Temp, bytes, 0, new byte[80], 0));
            Assert.ThrowsException(typeof(ArgumentException), () => SenmlWriter.WriteCbor(Temp, bytes, 0, new byte[80], 0));
        }

        [TestMethod]
        public void RejectsNonAsciiAndMisuse()
        {
            byte[] degree = Hex.Parse("C2 B0 43");
            Assert.ThrowsException(typeof(ArgumentException), () => SenmlWriter.WriteJson(Temp, degree, 0, new byte[80], 0));
            Assert.ThrowsException(typeof(ArgumentException), () => SenmlWriter.WriteCbor(degree, Cel, 0, new byte[80], 0));
            Assert.ThrowsException(typeof(ArgumentNullException), () => SenmlWriter.WriteJson(null, Cel, 0, new byte[80], 0));
            Assert.ThrowsException(typeof(ArgumentNullException), () => SenmlWriter.WriteCbor(Temp, null, 0, new byte[80], 0));
            Assert.ThrowsException(typeof(ArgumentNullException), () => SenmlWriter.WriteJson(Temp, Cel, 0, null, 0));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => SenmlWriter.WriteCbor(Temp, Cel, 0, new byte[80], -1));
        }

        private static byte[] Name(int length)
        {
            byte[] name = new byte[length];
            for (int i = 0; i < length; i++)
            {
                name[i] = (byte)'a';
            }

            return name;
        }
    }
}
