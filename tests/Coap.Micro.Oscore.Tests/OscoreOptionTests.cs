using Coap.Micro.Oscore;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.Oscore
{
    /// <summary>The OSCORE option value (RFC 8613 §6.1) and the AAD (§5.4) against the messages of RFC 8613 C.4-C.8.</summary>
    [TestClass]
    public class OscoreOptionTests
    {
        private static string Of(string hex)
        {
            byte[] bytes = Hex.Parse(hex);
            return Hex.Format(bytes, 0, bytes.Length);
        }

        // Partial IV -1: none; kid context and kid "-": none.
        private static string Encode(long partialIv, string kidContext, string kid)
        {
            byte[] context = kidContext == "-" ? new byte[0] : Hex.Parse(kidContext);
            byte[] kidBytes = kid == "-" ? new byte[0] : Hex.Parse(kid);
            int contextLength = kidContext == "-" ? -1 : context.Length;
            int kidLength = kid == "-" ? -1 : kidBytes.Length;
            byte[] output = new byte[40];
            int length = OscoreOption.Encode(partialIv, context, 0, contextLength, kidBytes, 0, kidLength, output, 3);
            Assert.AreEqual(OscoreOption.EncodedLength(partialIv, contextLength, kidLength), length);
            return Hex.Format(output, 3, length);
        }

        [TestMethod]
        [DataRow("C.4", 20L, "-", "", "0914")]
        [DataRow("C.5", 20L, "-", "00", "091400")]
        [DataRow("C.6", 20L, "37cbf3210017a2d3", "", "19140837cbf3210017a2d3")]
        [DataRow("C.7", -1L, "-", "-", "")]
        [DataRow("C.8", 0L, "-", "-", "0100")]
        public void EncodesTheOptionValuesOfRfc8613AppendixC(string vector, long partialIv, string kidContext, string kid, string expected)
        {
            Assert.AreEqual(Of(expected), Encode(partialIv, kidContext, kid), vector);
        }

        [TestMethod]
        public void PartialIvsTakeTheFewestBytes()
        {
            Assert.AreEqual(Of("02 0100"), Encode(256, "-", "-"));
            Assert.AreEqual(Of("05 ffffffffff"), Encode(OscoreSecurityContext.MaxPartialIv, "-", "-"));
            Assert.AreEqual(Of("1a ffff 01 01 ab"), Encode(65535, "01", "ab"));
            Assert.AreEqual(Of("08"), Encode(-1, "-", ""));
        }

        [TestMethod]
        [DataRow("C.4", "0914", 20L, "-", "")]
        [DataRow("C.5", "091400", 20L, "-", "00")]
        [DataRow("C.6", "19140837cbf3210017a2d3", 20L, "37cbf3210017a2d3", "")]
        [DataRow("C.7", "", -1L, "-", "-")]
        [DataRow("C.8", "0100", 0L, "-", "-")]
        public void ParsesTheOptionValuesOfRfc8613AppendixC(string vector, string value, long partialIv, string kidContext, string kid)
        {
            byte[] bytes = Hex.Parse("eeee" + value);
            OscoreOption option = new OscoreOption();
            Assert.IsTrue(option.Parse(bytes, 2, bytes.Length - 2), vector);
            Assert.AreEqual(partialIv < 0 ? 0 : 1, option.PartialIvLength, vector);
            if (partialIv >= 0)
            {
                Assert.AreEqual(partialIv, option.PartialIv(bytes), vector);
            }

            Assert.AreEqual(kidContext == "-" ? "-" : Of(kidContext),
                option.KidContextLength < 0 ? "-" : Hex.Format(bytes, option.KidContextOffset, option.KidContextLength), vector);
            Assert.AreEqual(kid == "-" ? "-" : Of(kid), option.KidLength < 0 ? "-" : Hex.Format(bytes, option.KidOffset, option.KidLength), vector);
        }

        [TestMethod]
        [DataRow("reserved bit 5", "2914")]
        [DataRow("reserved bit 6", "4914")]
        [DataRow("reserved bit 7", "8914")]
        [DataRow("n = 6", "06010203040506")]
        [DataRow("n = 7", "0701020304050607")]
        [DataRow("Partial IV past the end", "0314")]
        [DataRow("no s", "19 14")]
        [DataRow("kid context past the end", "19 14 05 0102")]
        [DataRow("bytes left without kid", "01 14 ff")]
        public void RefusesMalformedOptionValues(string name, string value)
        {
            byte[] bytes = Hex.Parse(value);
            Assert.IsFalse(new OscoreOption().Parse(bytes, 0, bytes.Length), name);
        }

        [TestMethod]
        [DataRow("C.4", "", "14", "8368456e63727970743040488501810a40411440")]
        [DataRow("C.5", "00", "14", "8368456e63727970743040498501810a4100411440")]
        [DataRow("C.8", "", "14", "8368456e63727970743040488501810a40411440")]
        public void WritesTheAadOfRfc8613AppendixC(string vector, string kid, string partialIv, string expected)
        {
            byte[] kidBytes = Hex.Parse(kid);
            byte[] piv = Hex.Parse(partialIv);
            byte[] output = new byte[OscoreAad.MaxSize + 1];
            int length = OscoreAad.Write(kidBytes, 0, kidBytes.Length, piv, 0, piv.Length, output, 1);
            Assert.AreEqual(Of(expected), Hex.Format(output, 1, length), vector);
        }

        [TestMethod]
        public void TheLongestAadFitsMaxSize()
        {
            byte[] output = new byte[OscoreAad.MaxSize];
            Assert.AreEqual(OscoreAad.MaxSize, OscoreAad.Write(new byte[7], 0, 7, new byte[5], 0, 5, output, 0));
        }
    }
}
