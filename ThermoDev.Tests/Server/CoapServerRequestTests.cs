using Coap.Micro;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.Server
{
    /// <summary>Request handling of RFC 7252 §5: routing, methods, options, formats, faults.</summary>
    [TestClass]
    public class CoapServerRequestTests
    {
        private const string UriPathTest = "B4 74 65 73 74";

        private static CoapMessage Ask(ServerHarness h, string hex, byte expectedCode)
        {
            CoapMessage answer = ServerHarness.Parse(h.Exchange(hex));
            Assert.AreEqual((int)expectedCode, (int)answer.Code, hex);
            return answer;
        }

        [TestMethod]
        public void UnknownPathIsNotFound()
        {
            ServerHarness h = new ServerHarness(8);
            Ask(h, "40 01 00 01 B4 6E 6F 70 65", CoapCode.NotFound);
            Assert.AreEqual(1, h.Server.Counters.ClientErrors);
        }

        [TestMethod]
        public void MultiSegmentPathsMatchWholeSegments()
        {
            ServerHarness h = new ServerHarness(8);
            Ask(h, "40 01 00 01 B1 61 01 62", CoapCode.Content);
            Ask(h, "40 01 00 02 B1 61", CoapCode.NotFound);
            Ask(h, "40 01 00 03 B1 61 01 62 01 63", CoapCode.NotFound);
            Ask(h, "40 01 00 04 B2 61 62", CoapCode.NotFound);
            Ask(h, "40 01 00 05", CoapCode.NotFound);
        }

        [TestMethod]
        [DataRow(0x04)]
        [DataRow(0x02)]
        [DataRow(0x05)]
        [DataRow(0x1F)]
        public void MethodTheResourceDoesNotHandleIsNotAllowed(int method)
        {
            ServerHarness h = new ServerHarness(8);
            byte[] request = Hex.Parse("40 00 00 01 " + UriPathTest);
            request[1] = (byte)method;
            CoapMessage answer = ServerHarness.Parse(h.Exchange(request, h.Client));
            Assert.AreEqual((int)CoapCode.MethodNotAllowed, (int)answer.Code);
            Assert.AreEqual(0, h.Counting.Runs);
        }

        [TestMethod]
        public void PutRunsTheHandlerWithThePayload()
        {
            ServerHarness h = new ServerHarness(8);
            CoapMessage answer = Ask(h, "40 03 00 01 " + UriPathTest + " 10 FF 33 30 2E 35", CoapCode.Changed);
            Assert.AreEqual("30.5", ServerHarness.PayloadText(answer));
            Assert.AreEqual(1, h.Counting.Runs);
        }

        [TestMethod]
        public void UnrecognizedCriticalOptionIsBadOptionWithDiagnostic()
        {
            ServerHarness h = new ServerHarness(8);

            // If-Match (1) is critical and not implemented.
            CoapMessage answer = Ask(h, "40 01 00 01 11 01 A4 74 65 73 74", CoapCode.BadOption);
            Assert.AreEqual("unrecognized critical option 1", ServerHarness.PayloadText(answer));
            Assert.AreEqual(0, h.Counting.Runs);
        }

        [TestMethod]
        public void UnrecognizedElectiveOptionIsIgnored()
        {
            ServerHarness h = new ServerHarness(8);
            Ask(h, "40 01 00 01 21 05 94 74 65 73 74", CoapCode.Content);
        }

        [TestMethod]
        public void RepeatedNonRepeatableCriticalOptionIsBadOption()
        {
            // Two Uri-Host options (RFC 7252 §5.4.5).
            ServerHarness h = new ServerHarness(8);
            CoapMessage answer = Ask(h, "40 01 00 01 31 61 01 62 84 74 65 73 74", CoapCode.BadOption);
            Assert.AreEqual("unrecognized critical option 3", ServerHarness.PayloadText(answer));
        }

        [TestMethod]
        public void CriticalOptionWithLengthOutOfRangeIsBadOption()
        {
            // Uri-Port (7) with 3 bytes (RFC 7252 §5.4.3).
            ServerHarness h = new ServerHarness(8);
            Ask(h, "40 01 00 01 73 00 16 33 44 74 65 73 74", CoapCode.BadOption);
        }

        [TestMethod]
        public void ProxyUriIsProxyingNotSupported()
        {
            ServerHarness h = new ServerHarness(8);
            Ask(h, "40 01 00 01 D1 16 61", CoapCode.ProxyingNotSupported);
        }

        [TestMethod]
        public void OversizedRequestIsTooLargeWithSize1()
        {
            ServerHarness h = new ServerHarness(8);
            byte[] head = Hex.Parse("41 03 00 01 AA " + UriPathTest + " FF");
            byte[] request = new byte[head.Length + 80];
            System.Array.Copy(head, request, head.Length);
            CoapMessage answer = ServerHarness.Parse(h.Exchange(request, h.Client));
            Assert.AreEqual((int)CoapCode.RequestEntityTooLarge, (int)answer.Code);
            Assert.AreEqual((ushort)1, answer.MessageId);
            Assert.IsTrue(answer.TokenEquals(new byte[] { 0xAA }, 0, 1));
            uint size1;
            Assert.IsTrue(answer.TryGetUIntOption(CoapOption.Size1, 0, out size1));
            Assert.AreEqual((uint)(64 - head.Length), size1);
            Assert.AreEqual(0, h.Counting.Runs);
        }

        [TestMethod]
        public void PayloadInAFormatTheResourceDoesNotTakeIsUnsupported()
        {
            ServerHarness h = new ServerHarness(8);
            Ask(h, "40 03 00 01 " + UriPathTest + " 11 32 FF 31", CoapCode.UnsupportedContentFormat);
            Assert.AreEqual(0, h.Counting.Runs);
        }

        [TestMethod]
        public void AcceptTheResourceCannotProduceIsNotAcceptable()
        {
            ServerHarness h = new ServerHarness(8);
            Ask(h, "40 01 00 01 " + UriPathTest + " 61 32", CoapCode.NotAcceptable);
            Ask(h, "40 01 00 02 " + UriPathTest + " 60", CoapCode.Content);
        }

        [TestMethod]
        public void ThrowingHandlerGivesInternalServerErrorAndTheServerGoesOn()
        {
            ServerHarness h = new ServerHarness(8);
            CoapMessage answer = Ask(h, "41 01 00 01 77 B4 62 6F 6F 6D", CoapCode.InternalServerError);
            Assert.IsTrue(answer.TokenEquals(new byte[] { 0x77 }, 0, 1));
            Assert.AreEqual(1, h.Server.Counters.HandlerFaults);
            Assert.AreEqual(1, h.Server.Counters.ServerErrors);
            Ask(h, "40 01 00 02 " + UriPathTest, CoapCode.Content);
        }

        [TestMethod]
        public void ResponseThatDoesNotFitIsInternalServerError()
        {
            ServerHarness h = new ServerHarness(8);
            CoapMessage answer = Ask(h, "40 01 00 01 B4 68 75 67 65", CoapCode.InternalServerError);
            Assert.AreEqual("response too large", ServerHarness.PayloadText(answer));
        }

        [TestMethod]
        public void NoResponseSuppressesNonResponses()
        {
            // RFC 7967: No-Response 2 = not interested in 2.xx.
            ServerHarness h = new ServerHarness(8);
            Assert.IsNull(h.Exchange("50 01 00 01 " + UriPathTest + " D1 EA 02"));
            Assert.AreEqual(1, h.Counting.Runs);
            CoapMessage notFound = ServerHarness.Parse(h.Exchange("50 01 00 02 B4 6E 6F 70 65 D1 EA 02"));
            Assert.AreEqual((int)CoapCode.NotFound, (int)notFound.Code);
        }

        [TestMethod]
        public void NoResponseOnConfirmableStillSendsAnEmptyAck()
        {
            ServerHarness h = new ServerHarness(8);
            byte[] answer = h.Exchange("41 01 00 09 AA " + UriPathTest + " D1 EA 02");
            Assert.AreEqual("60 00 00 09", Hex.Format(answer, 0, answer.Length));
            Assert.AreEqual(1, h.Server.Counters.EmptyAcks);
        }

        [TestMethod]
        public void DuplicateResourcePathIsRefused()
        {
            ServerHarness h = new ServerHarness(8);
            Assert.ThrowsException(typeof(System.ArgumentException), () => h.Server.Add(new CountingResource("test")));
            Assert.AreEqual(4, h.Server.Resources.Length);
        }
    }
}
