using Coap.Micro;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.Coap
{
    [TestClass]
    public class CoapCodeTests
    {
        [TestMethod]
        [DataRow(2, 5, 0x45)]
        [DataRow(4, 4, 0x84)]
        [DataRow(4, 15, 0x8F)]
        [DataRow(5, 3, 0xA3)]
        [DataRow(0, 1, 0x01)]
        public void MakeBuildsClassAndDetail(int codeClass, int detail, int expected)
        {
            byte code = CoapCode.Make(codeClass, detail);
            Assert.AreEqual(expected, (int)code);
            Assert.AreEqual(codeClass, CoapCode.ClassOf(code));
            Assert.AreEqual(detail, CoapCode.DetailOf(code));
        }

        [TestMethod]
        public void NamedCodesMatchTheirDottedForm()
        {
            Assert.AreEqual(CoapCode.Make(2, 4), CoapCode.Changed);
            Assert.AreEqual(CoapCode.Make(2, 31), CoapCode.Continue);
            Assert.AreEqual(CoapCode.Make(4, 2), CoapCode.BadOption);
            Assert.AreEqual(CoapCode.Make(4, 13), CoapCode.RequestEntityTooLarge);
            Assert.AreEqual(CoapCode.Make(5, 0), CoapCode.InternalServerError);
            Assert.AreEqual(CoapCode.Make(5, 5), CoapCode.ProxyingNotSupported);
        }

        [TestMethod]
        public void ClassifiesRequestsResponsesAndReservedClasses()
        {
            Assert.IsTrue(CoapCode.IsRequest(CoapCode.Delete));
            Assert.IsFalse(CoapCode.IsRequest(CoapCode.Empty));
            Assert.IsTrue(CoapCode.IsResponse(CoapCode.Content));
            Assert.IsTrue(CoapCode.IsResponse(CoapCode.GatewayTimeout));
            Assert.IsFalse(CoapCode.IsResponse(CoapCode.Get));
            Assert.IsTrue(CoapCode.IsReservedClass(CoapCode.Make(1, 0)));
            Assert.IsTrue(CoapCode.IsReservedClass(CoapCode.Make(7, 31)));
            Assert.IsFalse(CoapCode.IsReservedClass(CoapCode.NotFound));
        }

        [TestMethod]
        public void WritesDottedForm()
        {
            byte[] buffer = new byte[6];
            Assert.AreEqual(4, CoapCode.WriteDotted(CoapCode.UnsupportedContentFormat, buffer, 1));
            Assert.AreEqual("34 2E 31 35", Hex.Format(buffer, 1, 4));
            Assert.AreEqual(0, CoapCode.WriteDotted(CoapCode.Content, buffer, 3));
        }

        [TestMethod]
        public void OptionPropertiesFollowTheNumberBits()
        {
            // RFC 7252 §5.4.6 and Table 4.
            Assert.IsTrue(CoapOption.IsCritical(CoapOption.UriPath));
            Assert.IsFalse(CoapOption.IsCritical(CoapOption.ContentFormat));
            Assert.IsTrue(CoapOption.IsCritical(CoapOption.Block2));
            Assert.IsFalse(CoapOption.IsCritical(CoapOption.Observe));
            Assert.IsTrue(CoapOption.IsUnsafe(CoapOption.UriHost));
            Assert.IsFalse(CoapOption.IsUnsafe(CoapOption.ETag));
            Assert.IsTrue(CoapOption.IsNoCacheKey(CoapOption.Size1));
            Assert.IsFalse(CoapOption.IsNoCacheKey(CoapOption.Accept));
        }
    }
}
