using System;
using System.Formats.Cbor;
using System.Text;
using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Text;

namespace ThermoDev.HostTests.Formats
{
    /// <summary>
    /// SenmlWriter's packs read back by decoders nobody here wrote (System.Formats.Cbor,
    /// System.Text.Json): every value of the sensor range comes out as the double nearest to the
    /// one-decimal value, the same in CBOR and JSON (RFC 8428 §6).
    /// </summary>
    [TestClass]
    public class SenmlDecodingTests
    {
        private static readonly byte[] Name = Encoding.ASCII.GetBytes("temp");
        private static readonly byte[] Unit = Encoding.ASCII.GetBytes("Cel");

        [TestMethod]
        public void CborDecodesToTheOneDecimalValue()
        {
            var buffer = new byte[64];
            for (int tenths = -400; tenths <= 850; tenths++)
            {
                foreach (int centi in new[] { tenths * 10, tenths * 10 + 4, tenths * 10 - 4 })
                {
                    int written = SenmlWriter.WriteCbor(Name, Unit, centi, buffer, 0);
                    Assert.IsGreaterThan(0, written);
                    var reader = new CborReader(buffer.AsMemory(0, written), CborConformanceMode.Strict);
                    Assert.AreEqual(1, reader.ReadStartArray());
                    Assert.AreEqual(3, reader.ReadStartMap());
                    Assert.AreEqual(0, reader.ReadInt32());
                    Assert.AreEqual("temp", reader.ReadTextString());
                    Assert.AreEqual(1, reader.ReadInt32());
                    Assert.AreEqual("Cel", reader.ReadTextString());
                    Assert.AreEqual(2, reader.ReadInt32());
                    Assert.AreEqual(CborReaderState.DoublePrecisionFloat, reader.PeekState());
                    double v = reader.ReadDouble();
                    reader.ReadEndMap();
                    reader.ReadEndArray();
                    Assert.AreEqual(0, reader.BytesRemaining, $"{centi}: trailing bytes");
                    Assert.AreEqual(BitConverter.DoubleToInt64Bits(tenths / 10.0), BitConverter.DoubleToInt64Bits(v), $"centi {centi}");
                }
            }
        }

        [TestMethod]
        public void JsonParsesToTheSameValueAsCbor()
        {
            var json = new byte[64];
            var cbor = new byte[64];
            for (int tenths = -400; tenths <= 850; tenths++)
            {
                int written = SenmlWriter.WriteJson(Name, Unit, tenths * 10, json, 0);
                using JsonDocument document = JsonDocument.Parse(json.AsMemory(0, written));
                JsonElement pack = document.RootElement;
                Assert.AreEqual(JsonValueKind.Array, pack.ValueKind);
                Assert.AreEqual(1, pack.GetArrayLength());
                JsonElement record = pack[0];
                Assert.AreEqual("temp", record.GetProperty("n").GetString());
                Assert.AreEqual("Cel", record.GetProperty("u").GetString());
                double v = record.GetProperty("v").GetDouble();
                Assert.AreEqual(BitConverter.DoubleToInt64Bits(tenths / 10.0), BitConverter.DoubleToInt64Bits(v), $"tenths {tenths}");

                int cborLength = SenmlWriter.WriteCbor(Name, Unit, tenths * 10, cbor, 0);
                var reader = new CborReader(cbor.AsMemory(0, cborLength));
                reader.ReadStartArray();
                reader.ReadStartMap();
                reader.SkipValue();
                reader.SkipValue();
                reader.SkipValue();
                reader.SkipValue();
                reader.ReadInt32();
                Assert.AreEqual(BitConverter.DoubleToInt64Bits(v), BitConverter.DoubleToInt64Bits(reader.ReadDouble()), $"tenths {tenths}");
            }
        }

        [TestMethod]
        public void DoubleBitsAgreeWithTheRuntimeDivision()
        {
            // Integer arithmetic on the device, IEEE division here: equal over a wide span and samples of the whole int range.
            for (int tenths = -2_000_000; tenths <= 2_000_000; tenths++)
            {
                AssertSameBits(tenths);
            }

            var random = new Random(8428);
            for (int i = 0; i < 1_000_000; i++)
            {
                AssertSameBits(random.Next(int.MinValue, int.MaxValue));
            }

            foreach (int tenths in new[] { int.MinValue, int.MinValue + 1, int.MaxValue, int.MaxValue - 1, 214748365, -214748365 })
            {
                AssertSameBits(tenths);
            }
        }

        private static void AssertSameBits(int tenths)
        {
            long expected = BitConverter.DoubleToInt64Bits(tenths / 10.0);
            long actual = DoubleBits.OfTenths(tenths);
            if (expected != actual)
            {
                Assert.Fail($"tenths {tenths}: expected {expected:X16}, got {actual:X16}");
            }
        }
    }
}
