using Coap.Micro.Oscore;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.Oscore
{
    /// <summary>
    /// AES-CCM with M = 8, L = 2 (COSE AES-CCM-16-64-128) against RFC 3610's packet vector #1 (the same M and L) and
    /// the AEAD inputs and outputs of RFC 8613 Appendix C.4, C.5 and C.7.
    /// </summary>
    [TestClass]
    public class AesCcmTests
    {
        private static string Seal(string key, string nonce, string aad, string plaintext)
        {
            byte[] p = Hex.Parse(plaintext);
            byte[] a = Hex.Parse(aad);
            byte[] output = new byte[p.Length + AesCcm.TagSize];
            new AesCcm(new Aes128(Hex.Parse(key), 0)).Seal(Hex.Parse(nonce), 0, a, 0, a.Length, p, 0, p.Length, output, 0);
            return Hex.Format(output, 0, output.Length);
        }

        private static bool Open(string key, string nonce, string aad, byte[] sealedBytes, byte[] output)
        {
            byte[] a = Hex.Parse(aad);
            return new AesCcm(new Aes128(Hex.Parse(key), 0)).Open(Hex.Parse(nonce), 0, a, 0, a.Length, sealedBytes, 0, sealedBytes.Length, output, 0);
        }

        [TestMethod]
        public void SealsRfc3610PacketVector1()
        {
            Assert.AreEqual(Hex.Format(Hex.Parse("588c979a61c663d2f066d0c2c0f989806d5f6b61dac384 17e8d12cfdf926e0"), 0, 31),
                Seal("c0c1c2c3c4c5c6c7c8c9cacbcccdcecf", "00000003020100a0a1a2a3a4a5", "0001020304050607", "08090a0b0c0d0e0f101112131415161718191a1b1c1d1e"));
        }

        [TestMethod]
        public void SealsTheRequestOfRfc8613AppendixC4()
        {
            Assert.AreEqual(Hex.Format(Hex.Parse("612f1092f1776f1c1668b3825e"), 0, 13),
                Seal("f0910ed7295e6ad4b54fc793154302ff", "4622d4dd6d944168eefb549868", "8368456e63727970743040488501810a40411440", "01b3747631"));
        }

        [TestMethod]
        public void SealsTheRequestOfRfc8613AppendixC5()
        {
            Assert.AreEqual(Hex.Format(Hex.Parse("4ed339a5a379b0b8bc731fffb0"), 0, 13),
                Seal("321b26943253c7ffb6003b0b64d74041", "bf35ae297d2dace910c52e99ed", "8368456e63727970743040498501810a4100411440", "01b3747631"));
        }

        [TestMethod]
        public void SealsTheResponseOfRfc8613AppendixC7()
        {
            Assert.AreEqual(Hex.Format(Hex.Parse("dbaad1e9a7e7b2a813d3c31524378303cdafae119106"), 0, 22),
                Seal("ffb14e093c94c9cac9471648b4f98710", "4622d4dd6d944168eefb549868", "8368456e63727970743040488501810a40411440", "45ff48656c6c6f20576f726c6421"));
        }

        [TestMethod]
        public void OpensRfc3610PacketVector1InPlace()
        {
            byte[] sealedBytes = Hex.Parse("588c979a61c663d2f066d0c2c0f989806d5f6b61dac384 17e8d12cfdf926e0");
            Assert.IsTrue(Open("c0c1c2c3c4c5c6c7c8c9cacbcccdcecf", "00000003020100a0a1a2a3a4a5", "0001020304050607", sealedBytes, sealedBytes));
            Assert.AreEqual(Hex.Format(Hex.Parse("08090a0b0c0d0e0f101112131415161718191a1b1c1d1e"), 0, 23), Hex.Format(sealedBytes, 0, 23));
        }

        [TestMethod]
        public void AChangedTagCiphertextOrAadIsRefusedAndTheOutputCleared()
        {
            string key = "f0910ed7295e6ad4b54fc793154302ff";
            string nonce = "4622d4dd6d944168eefb549868";
            string aad = "8368456e63727970743040488501810a40411440";
            byte[] output = new byte[5];
            Assert.IsTrue(Open(key, nonce, aad, Hex.Parse("612f1092f1776f1c1668b3825e"), output));
            Assert.AreEqual("01 B3 74 76 31", Hex.Format(output, 0, 5));

            Assert.IsFalse(Open(key, nonce, aad, Hex.Parse("612f1092f1776f1c1668b3825f"), output));
            Assert.AreEqual("00 00 00 00 00", Hex.Format(output, 0, 5));
            Assert.IsFalse(Open(key, nonce, aad, Hex.Parse("602f1092f1776f1c1668b3825e"), output));
            Assert.IsFalse(Open(key, nonce, "8368456e63727970743040488501810a40411441", Hex.Parse("612f1092f1776f1c1668b3825e"), output));
            Assert.IsFalse(Open(key, nonce, aad, Hex.Parse("776f1c1668b382"), output));
        }

        [TestMethod]
        public void SealsInPlaceAndAtOffsets()
        {
            byte[] buffer = Hex.Parse("ff 01b3747631 0000000000000000 ff");
            byte[] nonce = Hex.Parse("aa 4622d4dd6d944168eefb549868");
            byte[] aad = Hex.Parse("bbbb 8368456e63727970743040488501810a40411440");
            new AesCcm(new Aes128(Hex.Parse("f0910ed7295e6ad4b54fc793154302ff"), 0)).Seal(nonce, 1, aad, 2, 20, buffer, 1, 5, buffer, 1);
            Assert.AreEqual("FF 61 2F 10 92 F1 77 6F 1C 16 68 B3 82 5E FF", Hex.Format(buffer, 0, buffer.Length));
        }
    }
}
