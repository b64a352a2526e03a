using Coap.Micro;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.Coap
{
    /// <summary>Which request options are recognized (RFC 7252 §5.4, §5.10 Table 4).</summary>
    [TestClass]
    public class CoapOptionRulesTests
    {
        // The head (ending in an option header) followed by a value of length 'a's, then the tail.
        private static CoapMessage Parse(string head, int length, string tail)
        {
            byte[] start = Hex.Parse(head);
            byte[] end = Hex.Parse(tail);
            byte[] bytes = new byte[start.Length + length + end.Length];
            System.Array.Copy(start, bytes, start.Length);
            for (int i = start.Length; i < start.Length + length; i++)
            {
                bytes[i] = (byte)'a';
            }

            System.Array.Copy(end, 0, bytes, start.Length + length, end.Length);
            CoapMessage message = new CoapMessage(8);
            Assert.AreEqual((int)CoapParseResult.Ok, (int)message.Parse(bytes, 0, bytes.Length));
            return message;
        }

        [TestMethod]
        public void UriPathAndUriQueryOfUpTo255BytesAreRecognized()
        {
            // A Uri-Path of 255 bytes and a Uri-Query; an empty Uri-Path and an empty Uri-Query.
            Assert.AreEqual(-1, CoapOptionRules.FindUnrecognizedCritical(Parse("40 01 00 01 BD F2", 255, "41 71")));
            Assert.AreEqual(-1, CoapOptionRules.FindUnrecognizedCritical(Parse("40 01 00 01 B0 40", 0, "")));
        }

        [TestMethod]
        public void UriPathLongerThan255BytesIsUnrecognized()
        {
            // A first segment of 256 bytes, then a second one.
            Assert.AreEqual(0, CoapOptionRules.FindUnrecognizedCritical(Parse("40 01 00 01 BD F3", 256, "01 62")));

            // A first segment of 1 byte, a second of 256.
            Assert.AreEqual(1, CoapOptionRules.FindUnrecognizedCritical(Parse("40 01 00 01 B1 62 0D F3", 256, "")));
        }

        [TestMethod]
        public void UriQueryLongerThan255BytesIsUnrecognized()
        {
            // Uri-Path, a Content-Format (elective), a Uri-Query of 256 bytes.
            Assert.AreEqual(2, CoapOptionRules.FindUnrecognizedCritical(Parse("40 01 00 01 B1 62 11 00 3D F3", 256, "")));
        }

        [TestMethod]
        public void AnUnrecognizedCriticalOptionIsFoundAfterRecognizedOnes()
        {
            // If-Match, Uri-Path, Block2 (recognized), then option 41 (critical, unknown).
            CoapMessage m = Parse("40 01 00 01 10 A1 61 C1 06 D0 05", 0, "");
            Assert.AreEqual(3, CoapOptionRules.FindUnrecognizedCritical(m));

            // Two Block2 (not repeatable): the second is unrecognized; the first is read.
            Assert.AreEqual(2, CoapOptionRules.FindUnrecognizedCritical(Parse("40 01 00 01 B1 61 C1 06 01 06", 0, "")));
            uint value;
            Assert.IsTrue(CoapOptionRules.TryGetUInt(Parse("40 01 00 01 B1 61 C1 06 01 06", 0, ""), CoapOption.Block2, 9, out value));
            Assert.AreEqual(6u, value);
        }
    }
}
