using Coap.Micro;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.Server
{
    /// <summary>Message layer of RFC 7252 §4: piggybacked ACK, NON, ping, stray ACK/RST, format errors.</summary>
    [TestClass]
    public class CoapServerMessageLayerTests
    {
        private const string UriPathTest = "B4 74 65 73 74";

        [TestMethod]
        public void ConfirmableRequestGetsPiggybackedResponse()
        {
            ServerHarness h = new ServerHarness(8);
            CoapMessage answer = ServerHarness.Parse(h.Exchange("41 01 12 34 AA " + UriPathTest));
            Assert.AreEqual((int)CoapMessageType.Acknowledgement, (int)answer.Type);
            Assert.AreEqual((ushort)0x1234, answer.MessageId);
            Assert.AreEqual(CoapCode.Content, answer.Code);
            Assert.IsTrue(answer.TokenEquals(new byte[] { 0xAA }, 0, 1));
            Assert.AreEqual("run 1", ServerHarness.PayloadText(answer));
            uint format;
            Assert.IsTrue(answer.TryGetUIntOption(CoapOption.ContentFormat, 99, out format));
            Assert.AreEqual(0u, format);
            Assert.AreEqual(1, h.Server.Counters.Success);
        }

        [TestMethod]
        public void NonConfirmableRequestGetsNonResponseWithFreshIncreasingMessageIds()
        {
            ServerHarness h = new ServerHarness(8);
            CoapMessage first = ServerHarness.Parse(h.Exchange("51 01 12 34 BB " + UriPathTest));
            CoapMessage second = ServerHarness.Parse(h.Exchange("51 01 12 35 BB " + UriPathTest));
            Assert.AreEqual((int)CoapMessageType.NonConfirmable, (int)first.Type);
            Assert.AreEqual(CoapCode.Content, first.Code);
            Assert.IsTrue(first.TokenEquals(new byte[] { 0xBB }, 0, 1));
            Assert.AreEqual((int)(ushort)(first.MessageId + 1), (int)second.MessageId);
        }

        [TestMethod]
        [DataRow(0)]
        [DataRow(1)]
        [DataRow(4)]
        [DataRow(8)]
        public void TokenIsEchoed(int tokenLength)
        {
            ServerHarness h = new ServerHarness(8);
            byte[] path = Hex.Parse(UriPathTest);
            byte[] request = new byte[4 + tokenLength + path.Length];
            request[0] = (byte)(0x40 | tokenLength);
            request[1] = CoapCode.Get;
            request[3] = 9;
            for (int i = 0; i < tokenLength; i++)
            {
                request[4 + i] = (byte)(0xF0 + i);
            }

            System.Array.Copy(path, 0, request, 4 + tokenLength, path.Length);
            CoapMessage answer = ServerHarness.Parse(h.Exchange(request, h.Client));
            Assert.AreEqual(tokenLength, answer.TokenLength);
            Assert.IsTrue(answer.TokenEquals(request, 4, tokenLength));
            Assert.AreEqual(CoapCode.Content, answer.Code);
        }

        [TestMethod]
        public void EmptyConfirmableIsAPingAnsweredWithReset()
        {
            ServerHarness h = new ServerHarness(8);
            Assert.AreEqual("70 00 12 34", Hex.Format(h.Exchange("40 00 12 34"), 0, 4));
            Assert.AreEqual(1, h.Server.Counters.Resets);
            Assert.AreEqual(0, h.Counting.Runs);
        }

        [TestMethod]
        [DataRow("60 00 12 34")]
        [DataRow("70 00 12 34")]
        [DataRow("62 45 12 34 01 02")]
        [DataRow("50 00 12 34")]
        [DataRow("51 45 12 34 AA")]
        public void StrayAckResetAndNonEmptyOrResponseAreIgnored(string hex)
        {
            ServerHarness h = new ServerHarness(8);
            Assert.IsNull(h.Exchange(hex));
            Assert.AreEqual(1, h.Server.Counters.Dropped);
        }

        [TestMethod]
        [DataRow("41 45 12 34 AA")]
        [DataRow("40 E0 12 34")]
        [DataRow("40 20 12 34")]
        public void ConfirmableThatIsNotARequestIsRejectedWithReset(string hex)
        {
            ServerHarness h = new ServerHarness(8);
            Assert.AreEqual("70 00 12 34", Hex.Format(h.Exchange(hex), 0, 4));
        }

        [TestMethod]
        [DataRow("40 01 BE EF F0")]
        [DataRow("49 01 BE EF 01 02 03 04 05 06 07 08 09")]
        [DataRow("44 01 BE EF 01")]
        [DataRow("40 01 BE EF B4 74 65")]
        [DataRow("40 01 BE EF B4 74 65 73 74 FF")]
        [DataRow("41 00 BE EF AA")]
        public void ConfirmableWithFormatErrorIsRejectedWithReset(string hex)
        {
            ServerHarness h = new ServerHarness(8);
            byte[] answer = h.Exchange(hex);
            Assert.AreEqual("70 00 BE EF", Hex.Format(answer, 0, answer.Length));
            Assert.AreEqual(0, h.Counting.Runs);
        }

        [TestMethod]
        [DataRow("50 01 BE EF F0")]
        [DataRow("59 01 BE EF 01 02 03 04 05 06 07 08 09")]
        [DataRow("50 01 BE EF B4 74 65 73 74 FF")]
        [DataRow("80 01 BE EF")]
        [DataRow("40 01 BE")]
        [DataRow("")]
        public void OtherFormatErrorsAreSilentlyDropped(string hex)
        {
            ServerHarness h = new ServerHarness(8);
            Assert.IsNull(h.Exchange(hex));
            Assert.AreEqual(1, h.Server.Counters.Dropped);
        }

        [TestMethod]
        public void ServerKeepsServingAfterBadDatagrams()
        {
            ServerHarness h = new ServerHarness(8);
            h.Exchange("40 01 BE EF F0");
            h.Exchange("FF FF FF FF FF");
            h.Exchange("60 00 00 00");
            CoapMessage answer = ServerHarness.Parse(h.Exchange("40 01 00 05 " + UriPathTest));
            Assert.AreEqual(CoapCode.Content, answer.Code);
        }
    }
}
