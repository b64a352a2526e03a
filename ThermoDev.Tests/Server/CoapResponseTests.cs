using Coap.Micro;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.Server
{
    /// <summary>Handlers write options in any order, before or after the payload; the wire has them ascending (RFC 7252 §3.1).</summary>
    [TestClass]
    public class CoapResponseTests
    {
        [TestMethod]
        public void OptionsWrittenInAnyOrderGoOnTheWireAscending()
        {
            ServerHarness h = new ServerHarness(8);
            byte[] answer = h.Exchange("40 01 00 01 B5 6F 72 64 65 72");
            Assert.AreEqual(
                "60 45 00 01 42 E1 E2 41 61 01 62 40 21 3C D2 01 01 2C FF 62 6F 64 79",
                Hex.Format(answer, 0, answer.Length));
        }

        [TestMethod]
        public void AResponseThatDoesNotFitBecomes500()
        {
            ServerHarness h = new ServerHarness(8);
            CoapMessage answer = ServerHarness.Parse(h.Exchange("40 01 00 01 B4 68 75 67 65"));
            Assert.AreEqual(CoapCode.InternalServerError, answer.Code);
            Assert.AreEqual("response too large", ServerHarness.PayloadText(answer));
        }
    }
}
