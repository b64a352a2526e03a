using Coap.Micro.Oscore;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.Oscore
{
    /// <summary>SHA-256 against FIPS 180-2's examples (Appendix B).</summary>
    [TestClass]
    public class Sha256Tests
    {
        private static string Digest(Sha256 sha, byte[] message, int chunk)
        {
            for (int i = 0; i < message.Length; i += chunk)
            {
                sha.Update(message, i, message.Length - i < chunk ? message.Length - i : chunk);
            }

            byte[] digest = new byte[Sha256.HashSize];
            sha.Final(digest, 0);
            return Hex.Format(digest, 0, digest.Length);
        }

        [TestMethod]
        public void HashesAbc()
        {
            Assert.AreEqual("BA 78 16 BF 8F 01 CF EA 41 41 40 DE 5D AE 22 23 B0 03 61 A3 96 17 7A 9C B4 10 FF 61 F2 00 15 AD",
                Digest(new Sha256(), Ascii.Bytes("abc"), 3));
        }

        [TestMethod]
        public void HashesThe448BitMessageWhosePaddingTakesASecondBlock()
        {
            byte[] message = Ascii.Bytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq");
            string expected = "24 8D 6A 61 D2 06 38 B8 E5 C0 26 93 0C 3E 60 39 A3 3C E4 59 64 FF 21 67 F6 EC ED D4 19 DB 06 C1";
            Sha256 sha = new Sha256();
            Assert.AreEqual(expected, Digest(sha, message, message.Length));
            Assert.AreEqual(expected, Digest(sha, message, 1));
            Assert.AreEqual(expected, Digest(sha, message, 17));
        }

        [TestMethod]
        public void HashesTheEmptyMessage()
        {
            Assert.AreEqual("E3 B0 C4 42 98 FC 1C 14 9A FB F4 C8 99 6F B9 24 27 AE 41 E4 64 9B 93 4C A4 95 99 1B 78 52 B8 55",
                Digest(new Sha256(), new byte[0], 1));
        }
    }
}
