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
        public void OptionsInsertedBetweenOthersKeepEveryExtendedDeltaRight()
        {
            // RFC 7252 §3.1: an option inserted before others shortens the next one's delta (1988 -> 200
            // loses an extended byte); one after the payload still goes before it.
            ServerHarness h = new ServerHarness(8);
            h.Server.Add(new FarOptionsResource());
            byte[] answer = h.Exchange("40 01 00 01 B3 66 61 72");
            Assert.AreEqual(
                "60 45 00 01 11 49 B0 D1 F4 58 DD 12 00 41 42 43 44 45 46 47 48 49 4A 4B 4C 4D E1 04 CF 59 D1 BB 5A FF 62 6F 64 79",
                Hex.Format(answer, 0, answer.Length));
        }

        /// <summary>A resource at "far" that adds options with extended deltas and lengths, most of them out of order.</summary>
        private sealed class FarOptionsResource : CoapResource
        {
            private static readonly byte[] Body = Ascii.Bytes("body");
            private static readonly byte[] Letters = Ascii.Bytes("ABCDEFGHIJKLMXYZI");

            public FarOptionsResource()
                : base("far", CoapMethods.Get)
            {
            }

            public override void Get(CoapMessage request, CoapResponse response)
            {
                response.AddOption(2000, Letters, 15, 1);
                response.SetContentFormat(CoapContentFormat.TextPlain);
                response.AddOption(1800, Letters, 14, 1);
                response.AddPayload(Body);
                response.AddOption(1, Letters, 16, 1);
                response.AddOption(269, Letters, 13, 1);
                response.AddOption(300, Letters, 0, 13);
            }
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
