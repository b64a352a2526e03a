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
            CoapMessage answer = ServerHarness.Parse(h.Exchange("40 03 00 01 B4 68 75 67 65"));
            Assert.AreEqual(CoapCode.InternalServerError, answer.Code);
            Assert.AreEqual("response too large", ServerHarness.PayloadText(answer));
        }

        [TestMethod]
        public void ACreatedResponseSaysWhereWithLocationPathAndQuery()
        {
            // RFC 7252 §5.10.7: one Location-Path per segment, then Location-Query.
            ServerHarness h = new ServerHarness(8);
            h.Server.Add(new LocationResource());
            byte[] answer = h.Exchange("40 02 00 01 B3 6E 65 77");
            Assert.AreEqual(
                "60 41 00 01 87 73 65 6E 73 6F 72 73 02 31 37 C6 75 6E 69 74 3D 63",
                Hex.Format(answer, 0, answer.Length));
        }

        [TestMethod]
        [DataRow(1)]
        [DataRow(2)]
        public void DotSegmentsAreRefused(int dots)
        {
            ServerHarness h = new ServerHarness(8);
            LocationResource resource = new LocationResource();
            resource.DotSegment = true;
            h.Server.Add(resource);
            byte[] request = Hex.Parse(dots == 1 ? "40 02 00 01 B3 6E 65 77 FF 2E" : "40 02 00 01 B3 6E 65 77 FF 2E 2E");
            CoapMessage answer = ServerHarness.Parse(h.Exchange(request, h.Client));
            Assert.IsFalse(resource.DotAccepted);
            Assert.AreEqual((int)CoapCode.InternalServerError, (int)answer.Code);
        }

        [TestMethod]
        public void PayloadSpaceIsUnboundedWhileAGetIsSentInBlocks()
        {
            ServerHarness h = new ServerHarness(8);
            LocationResource resource = new LocationResource();
            h.Server.Add(resource);
            h.Exchange("40 01 00 01 B3 6E 65 77");
            Assert.AreEqual(int.MaxValue, resource.SpaceSeen);
            h.Exchange("40 02 00 02 B3 6E 65 77");
            Assert.AreEqual(128 - 4 - 1, resource.SpaceSeen);
        }
    }
}
