using Coap.Micro;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.Coap
{
    /// <summary>Block option values (RFC 7959 §2.2): NUM, M and SZX.</summary>
    [TestClass]
    public class BlockOptionTests
    {
        [TestMethod]
        [DataRow(0, 0, 0, 0x00)]
        [DataRow(0, 1, 2, 0x0A)]
        [DataRow(1, 0, 6, 0x16)]
        [DataRow(15, 1, 0, 0xF8)]
        [DataRow(16, 0, 2, 0x102)]
        [DataRow(1048575, 1, 6, 0xFFFFFE)]
        public void EncodesAndDecodes(int num, int more, int szx, int value)
        {
            Assert.AreEqual((uint)value, BlockOption.Encode(num, more == 1, szx));
            Assert.AreEqual(num, BlockOption.NumOf((uint)value));
            Assert.AreEqual(more == 1, BlockOption.MoreOf((uint)value));
            Assert.AreEqual(szx, BlockOption.SzxOf((uint)value));
        }

        [TestMethod]
        public void SizesArePowersOfTwoFrom16To1024()
        {
            for (int szx = 0; szx <= BlockOption.MaxSzx; szx++)
            {
                Assert.AreEqual(16 << szx, BlockOption.SizeOf(szx));
                Assert.AreEqual(szx, BlockOption.SzxOf(16 << szx));
            }

            Assert.AreEqual(-1, BlockOption.SzxOf(8));
            Assert.AreEqual(-1, BlockOption.SzxOf(48));
            Assert.AreEqual(-1, BlockOption.SzxOf(2048));
        }

        [TestMethod]
        [DataRow("40 01 00 01 D1 0A 02", 1, 0x02)]
        [DataRow("40 01 00 01 D0 0A", 1, 0)]
        [DataRow("40 01 00 01 D3 0A 01 02 03", 1, 0x010203)]
        [DataRow("40 01 00 01 D1 0A 07", 0, 0)]
        [DataRow("40 01 00 01 D4 0A 00 00 00 01", 0, 0)]
        [DataRow("40 01 00 01", 0, 0)]
        public void ReadsOnlyUsableValues(string hex, int usable, int value)
        {
            byte[] bytes = Hex.Parse(hex);
            CoapMessage message = new CoapMessage(4);
            message.Parse(bytes, 0, bytes.Length);
            uint read;
            Assert.AreEqual(usable == 1, BlockOption.TryRead(message, CoapOption.Block2, out read));
            if (usable == 1)
            {
                Assert.AreEqual((uint)value, read);
            }
        }
    }
}
