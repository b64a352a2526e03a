using Coap.Micro;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.Coap
{
    [TestClass]
    public class CoapQueryTests
    {
        // GET ?unit=C&raw&limit= : three Uri-Query options (15).
        private static CoapMessage Request()
        {
            byte[] bytes = Hex.Parse("40 01 00 01 D6 02 75 6E 69 74 3D 43 03 72 61 77 06 6C 69 6D 69 74 3D");
            CoapMessage message = new CoapMessage(8);
            Assert.AreEqual((int)CoapParseResult.Ok, (int)message.Parse(bytes, 0, bytes.Length));
            return message;
        }

        [TestMethod]
        public void FindsArgumentsByKey()
        {
            CoapMessage m = Request();
            Assert.AreEqual(0, CoapQuery.Find(m, "unit"));
            Assert.AreEqual(1, CoapQuery.Find(m, "raw"));
            Assert.AreEqual(2, CoapQuery.Find(m, "limit"));
            Assert.AreEqual(-1, CoapQuery.Find(m, "uni"));
            Assert.AreEqual(-1, CoapQuery.Find(m, "C"));
        }

        [TestMethod]
        public void GivesTheValueInPlace()
        {
            CoapMessage m = Request();
            int offset;
            int length;
            Assert.IsTrue(CoapQuery.TryGetValue(m, "unit", out offset, out length));
            Assert.AreEqual(1, length);
            Assert.AreEqual((byte)'C', m.Buffer[offset]);
            Assert.IsTrue(CoapQuery.TryGetValue(m, "raw", out offset, out length));
            Assert.AreEqual(0, length);
            Assert.IsTrue(CoapQuery.TryGetValue(m, "limit", out offset, out length));
            Assert.AreEqual(0, length);
            Assert.IsFalse(CoapQuery.TryGetValue(m, "none", out offset, out length));
        }
    }
}
