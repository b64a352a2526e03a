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

            // Option 9 is critical and not registered.
            CoapMessage answer = Ask(h, "40 01 00 01 91 01 24 74 65 73 74", CoapCode.BadOption);
            Assert.AreEqual("unrecognized critical option 9", ServerHarness.PayloadText(answer));
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
            // A PUT's response is not sent in blocks (only GET regenerates blocks, RFC 7959 §2.4).
            ServerHarness h = new ServerHarness(8);
            CoapMessage answer = Ask(h, "40 03 00 01 B4 68 75 67 65", CoapCode.InternalServerError);
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
        public void UnrecognizedCriticalOptionInANonRequestIsSilentlyRejected()
        {
            // RFC 7252 §5.4.1: 4.02 is for CON; a NON is rejected (§4.3).
            ServerHarness h = new ServerHarness(8);
            Assert.IsNull(h.Exchange("50 01 00 01 91 01 24 74 65 73 74"));
            Assert.AreEqual(0, h.Counting.Runs);
            Assert.AreEqual(1, h.Server.Counters.Dropped);
        }

        [TestMethod]
        public void HandlerAnsweringWithARequestCodeGivesInternalServerError()
        {
            ServerHarness h = new ServerHarness(8);
            CoapMessage answer = Ask(h, "40 01 00 01 B3 62 61 64", CoapCode.InternalServerError);
            Assert.AreEqual("invalid response code", ServerHarness.PayloadText(answer));
        }

        [TestMethod]
        public void ThrowingContentFormatCheckIsAFaultAndItsRetransmissionGetsTheSameAnswer()
        {
            ServerHarness h = new ServerHarness(8);
            byte[] first = h.Exchange("40 03 00 01 B5 70 69 63 6B 79 FF 31");
            byte[] again = h.Exchange("40 03 00 01 B5 70 69 63 6B 79 FF 31");
            Assert.AreEqual((int)CoapCode.InternalServerError, (int)ServerHarness.Parse(first).Code);
            Assert.AreEqual(Hex.Format(first, 0, first.Length), Hex.Format(again, 0, again.Length));
            Assert.AreEqual(0, h.Picky.Runs);
            Assert.AreEqual(1, h.Server.Counters.HandlerFaults);
        }

        [TestMethod]
        public void ContentFormatWithoutPayloadIsNotChecked()
        {
            // RFC 7252 §5.10.3: Content-Format describes a payload; a GET without one is served.
            ServerHarness h = new ServerHarness(8);
            Ask(h, "40 01 00 01 " + UriPathTest + " 11 32", CoapCode.Content);
        }

        [TestMethod]
        public void UnusableContentFormatCountsAsAbsent()
        {
            // A 3-byte Content-Format is outside its length range: an ignored elective option (§5.4.3).
            ServerHarness h = new ServerHarness(8);
            Ask(h, "40 03 00 01 " + UriPathTest + " 13 00 00 00 FF 31", CoapCode.Changed);
            Assert.AreEqual(1, h.Counting.Runs);
        }

        [TestMethod]
        public void MoreOptionsThanTheServerIndexesIsBadRequest()
        {
            // 17 Uri-Path segments: well-formed, but the server indexes 16 options.
            ServerHarness h = new ServerHarness(8);
            CoapMessage answer = Ask(h, "41 01 00 01 AA B1 61 01 61 01 61 01 61 01 61 01 61 01 61 01 61 01 61 01 61 01 61 01 61 01 61 01 61 01 61 01 61 01 61", CoapCode.BadRequest);
            Assert.AreEqual("too many options, at most 16", ServerHarness.PayloadText(answer));
            Assert.IsTrue(answer.TokenEquals(new byte[] { 0xAA }, 0, 1));
        }

        [TestMethod]
        public void OversizedRequestWithAFormatErrorBeforeTheCutIsRejected()
        {
            ServerHarness h = new ServerHarness(8);
            byte[] request = new byte[100];
            byte[] head = Hex.Parse("40 03 00 01 F0");
            System.Array.Copy(head, request, head.Length);
            byte[] answer = h.Exchange(request, h.Client);
            Assert.AreEqual("70 00 00 01", Hex.Format(answer, 0, answer.Length));
        }

        [TestMethod]
        public void OversizedEmptyConfirmableIsRejected()
        {
            ServerHarness h = new ServerHarness(8);
            byte[] request = new byte[100];
            request[0] = 0x40;
            request[3] = 0x02;
            byte[] answer = h.Exchange(request, h.Client);
            Assert.AreEqual("70 00 00 02", Hex.Format(answer, 0, answer.Length));
        }

        [TestMethod]
        public void RootResourceAnswersNoPathAndASingleEmptySegment()
        {
            CoapServer server = new CoapServer(new InMemoryTransport(), new FakeClock(), new RepeatingRandom(1), new CoapServerOptions());
            RootResource root = new RootResource();
            server.Add(root);
            Assert.AreEqual("", root.Path);
            CoapMessage none = new CoapMessage(4);
            byte[] noPath = Hex.Parse("40 01 00 01");
            none.Parse(noPath, 0, noPath.Length);
            Assert.IsTrue(root.MatchesPath(none));
            byte[] emptySegment = Hex.Parse("40 01 00 01 B0");
            none.Parse(emptySegment, 0, emptySegment.Length);
            Assert.IsTrue(root.MatchesPath(none));
            byte[] other = Hex.Parse("40 01 00 01 B1 61");
            none.Parse(other, 0, other.Length);
            Assert.IsFalse(root.MatchesPath(none));
        }

        [TestMethod]
        public void LeadingSlashDoesNotMakeADifferentPath()
        {
            ServerHarness h = new ServerHarness(8);
            Assert.ThrowsException(typeof(System.ArgumentException), () => h.Server.Add(new CountingResource("/test")));
        }

        [TestMethod]
        public void OptionsTooSmallToAnswerAreRefused()
        {
            CoapServerOptions options = new CoapServerOptions();
            options.MaxResponseSize = 8;
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException),
                () => new CoapServer(new InMemoryTransport(), new FakeClock(), new RepeatingRandom(1), options));
        }

        [TestMethod]
        public void DuplicateResourcePathIsRefused()
        {
            ServerHarness h = new ServerHarness(8);
            Assert.ThrowsException(typeof(System.ArgumentException), () => h.Server.Add(new CountingResource("test")));
            Assert.AreEqual(9, h.Server.ResourceCount);
        }
    }
}
