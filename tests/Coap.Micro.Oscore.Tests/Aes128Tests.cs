using Coap.Micro.Oscore;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.Oscore
{
    /// <summary>AES-128 block encryption against FIPS-197's examples.</summary>
    [TestClass]
    public class Aes128Tests
    {
        [TestMethod]
        public void EncryptsFips197AppendixC1()
        {
            Aes128 aes = new Aes128(Hex.Parse("000102030405060708090a0b0c0d0e0f"), 0);
            byte[] output = new byte[16];
            aes.EncryptBlock(Hex.Parse("00112233445566778899aabbccddeeff"), 0, output, 0);
            Assert.AreEqual("69 C4 E0 D8 6A 7B 04 30 D8 CD B7 80 70 B4 C5 5A", Hex.Format(output, 0, 16));
        }

        [TestMethod]
        public void EncryptsFips197AppendixBInPlaceAtOffsets()
        {
            byte[] key = Hex.Parse("ff 2b7e151628aed2a6abf7158809cf4f3c");
            Aes128 aes = new Aes128(key, 1);
            byte[] block = Hex.Parse("eeee 3243f6a8885a308d313198a2e0370734 ee");
            aes.EncryptBlock(block, 2, block, 2);
            Assert.AreEqual("EE EE 39 25 84 1D 02 DC 09 FB DC 11 85 97 19 6A 0B 32 EE", Hex.Format(block, 0, block.Length));
        }

        [TestMethod]
        public void SetKeyReplacesTheKey()
        {
            Aes128 aes = new Aes128(Hex.Parse("2b7e151628aed2a6abf7158809cf4f3c"), 0);
            aes.SetKey(Hex.Parse("000102030405060708090a0b0c0d0e0f"), 0);
            byte[] output = new byte[16];
            aes.EncryptBlock(Hex.Parse("00112233445566778899aabbccddeeff"), 0, output, 0);
            Assert.AreEqual("69 C4 E0 D8 6A 7B 04 30 D8 CD B7 80 70 B4 C5 5A", Hex.Format(output, 0, 16));
        }

        [TestMethod]
        public void AShortKeyIsRefused()
        {
            Assert.ThrowsException(typeof(System.ArgumentException), () => new Aes128(new byte[15], 0));
        }
    }
}
