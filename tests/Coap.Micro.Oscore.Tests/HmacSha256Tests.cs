using Coap.Micro.Oscore;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.Oscore
{
    /// <summary>HMAC-SHA-256 against RFC 4231's test cases.</summary>
    [TestClass]
    public class HmacSha256Tests
    {
        private static string Mac(byte[] key, byte[] data)
        {
            HmacSha256 hmac = new HmacSha256();
            hmac.SetKey(key, 0, key.Length);
            hmac.Update(data, 0, data.Length);
            byte[] mac = new byte[HmacSha256.MacSize];
            hmac.Finish(mac, 0);
            return Hex.Format(mac, 0, mac.Length);
        }

        [TestMethod]
        public void Rfc4231TestCase1()
        {
            Assert.AreEqual(Hex.Format(Hex.Parse("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"), 0, 32),
                Mac(Ascii.Repeat(0x0b, 20), Ascii.Bytes("Hi There")));
        }

        [TestMethod]
        public void Rfc4231TestCase2ShortKey()
        {
            Assert.AreEqual(Hex.Format(Hex.Parse("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"), 0, 32),
                Mac(Ascii.Bytes("Jefe"), Ascii.Bytes("what do ya want for nothing?")));
        }

        [TestMethod]
        public void Rfc4231TestCase3()
        {
            Assert.AreEqual(Hex.Format(Hex.Parse("773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"), 0, 32),
                Mac(Ascii.Repeat(0xaa, 20), Ascii.Repeat(0xdd, 50)));
        }

        [TestMethod]
        public void Rfc4231TestCase4()
        {
            Assert.AreEqual(Hex.Format(Hex.Parse("82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"), 0, 32),
                Mac(Ascii.Counting(1, 25), Ascii.Repeat(0xcd, 50)));
        }

        [TestMethod]
        public void Rfc4231TestCase6KeyLongerThanABlock()
        {
            Assert.AreEqual(Hex.Format(Hex.Parse("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"), 0, 32),
                Mac(Ascii.Repeat(0xaa, 131), Ascii.Bytes("Test Using Larger Than Block-Size Key - Hash Key First")));
        }

        [TestMethod]
        public void Rfc4231TestCase7KeyAndDataLongerThanABlock()
        {
            Assert.AreEqual(Hex.Format(Hex.Parse("9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"), 0, 32),
                Mac(Ascii.Repeat(0xaa, 131), Ascii.Bytes("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.")));
        }

        [TestMethod]
        public void TheKeyServesMessageAfterMessage()
        {
            HmacSha256 hmac = new HmacSha256();
            byte[] key = Ascii.Bytes("Jefe");
            byte[] data = Ascii.Bytes("what do ya want for nothing?");
            hmac.SetKey(key, 0, key.Length);
            byte[] mac = new byte[HmacSha256.MacSize];
            hmac.Update(data, 0, data.Length);
            hmac.Finish(mac, 0);
            hmac.Update(data, 0, 10);
            hmac.Update(data, 10, data.Length - 10);
            hmac.Finish(mac, 0);
            Assert.AreEqual("5B DC C1 46", Hex.Format(mac, 0, 4));
        }
    }
}
