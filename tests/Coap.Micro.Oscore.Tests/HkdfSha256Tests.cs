using Coap.Micro.Oscore;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.Oscore
{
    /// <summary>HKDF-SHA-256 against RFC 5869's test cases 1-3 (Appendix A).</summary>
    [TestClass]
    public class HkdfSha256Tests
    {
        private static void Check(byte[] salt, byte[] ikm, byte[] info, string prkHex, string okmHex)
        {
            HkdfSha256 hkdf = new HkdfSha256();
            byte[] prk = new byte[HkdfSha256.PrkSize];
            hkdf.Extract(salt, 0, salt == null ? 0 : salt.Length, ikm, 0, ikm.Length, prk, 0);
            Assert.AreEqual(Hex.Format(Hex.Parse(prkHex), 0, 32), Hex.Format(prk, 0, 32));
            byte[] expected = Hex.Parse(okmHex);
            byte[] okm = new byte[expected.Length + 2];
            hkdf.Expand(prk, 0, prk.Length, info, 0, info.Length, okm, 1, expected.Length);
            Assert.AreEqual(Hex.Format(expected, 0, expected.Length), Hex.Format(okm, 1, expected.Length));
            Assert.AreEqual(0, okm[0] + okm[okm.Length - 1]);
        }

        [TestMethod]
        public void Rfc5869TestCase1()
        {
            Check(Ascii.Counting(0, 13), Ascii.Repeat(0x0b, 22), Ascii.Counting(0xf0, 10),
                "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
                "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
        }

        [TestMethod]
        public void Rfc5869TestCase2LongInputs()
        {
            Check(Ascii.Counting(0x60, 80), Ascii.Counting(0x00, 80), Ascii.Counting(0xb0, 80),
                "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
                "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87");
        }

        [TestMethod]
        public void Rfc5869TestCase3NoSaltNoInfo()
        {
            string prk = "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04";
            string okm = "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8";
            Check(new byte[0], Ascii.Repeat(0x0b, 22), new byte[0], prk, okm);
            Check(null, Ascii.Repeat(0x0b, 22), new byte[0], prk, okm);
        }
    }
}
