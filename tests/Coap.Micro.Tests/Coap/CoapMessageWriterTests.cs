using Coap.Micro;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.Coap
{
    [TestClass]
    public class CoapMessageWriterTests
    {
        private static readonly byte[] NoToken = new byte[0];

        private static string Written(CoapMessageWriter writer)
        {
            Assert.AreEqual((int)CoapWriteResult.Ok, (int)writer.Result);
            return Hex.Format(writer.Buffer, writer.Offset, writer.Length);
        }

        private static CoapMessageWriter Begin(int capacity, CoapMessageType type, byte code, ushort id, byte[] token)
        {
            CoapMessageWriter writer = new CoapMessageWriter();
            Assert.IsTrue(writer.Begin(new byte[capacity], 0, capacity, type, code, id, token, 0, token.Length));
            return writer;
        }

        [TestMethod]
        public void WritesHeaderWithEmptyToken()
        {
            CoapMessageWriter w = Begin(16, CoapMessageType.Acknowledgement, CoapCode.Content, 0x1234, NoToken);
            Assert.AreEqual("60 45 12 34", Written(w));
        }

        [TestMethod]
        public void WritesEightByteToken()
        {
            byte[] token = Hex.Parse("01 02 03 04 05 06 07 08");
            CoapMessageWriter w = Begin(16, CoapMessageType.NonConfirmable, CoapCode.Get, 1, token);
            Assert.AreEqual("58 01 00 01 01 02 03 04 05 06 07 08", Written(w));
        }

        [TestMethod]
        public void RejectsNineByteToken()
        {
            CoapMessageWriter w = new CoapMessageWriter();
            Assert.IsFalse(w.Begin(new byte[32], 0, 32, CoapMessageType.Confirmable, CoapCode.Get, 1, new byte[9], 0, 9));
            Assert.AreEqual((int)CoapWriteResult.InvalidArgument, (int)w.Result);
        }

        [TestMethod]
        public void WritesOptionsAsDeltasAndPayloadAfterMarker()
        {
            CoapMessageWriter w = Begin(32, CoapMessageType.Confirmable, CoapCode.Put, 1, NoToken);
            Assert.IsTrue(w.AddAsciiOption(CoapOption.UriPath, "temp"));
            Assert.IsTrue(w.AddUIntOption(CoapOption.ContentFormat, CoapContentFormat.TextPlain));
            Assert.IsTrue(w.AddPayloadAscii("30.5"));
            Assert.AreEqual("40 03 00 01 B4 74 65 6D 70 10 FF 33 30 2E 35", Written(w));
        }

        [TestMethod]
        [DataRow(12, "C0")]
        [DataRow(13, "D0 00")]
        [DataRow(268, "D0 FF")]
        [DataRow(269, "E0 00 00")]
        [DataRow(65535, "E0 FE F2")]
        public void EncodesExtendedOptionDeltas(int number, string optionBytes)
        {
            CoapMessageWriter w = Begin(16, CoapMessageType.Confirmable, CoapCode.Get, 1, NoToken);
            Assert.IsTrue(w.AddEmptyOption(number));
            Assert.AreEqual("40 01 00 01 " + optionBytes, Written(w));
        }

        [TestMethod]
        [DataRow(12, "0C")]
        [DataRow(13, "0D 00")]
        [DataRow(268, "0D FF")]
        [DataRow(269, "0E 00 00")]
        public void EncodesExtendedOptionLengths(int length, string header)
        {
            CoapMessageWriter w = Begin(400, CoapMessageType.Confirmable, CoapCode.Get, 1, NoToken);
            Assert.IsTrue(w.AddOption(0, new byte[length], 0, length));
            byte[] expected = Hex.Parse("40 01 00 01 " + header);
            Assert.AreEqual(expected.Length + length, w.Length);
            Assert.AreEqual(Hex.Format(expected, 0, expected.Length), Hex.Format(w.Buffer, 0, expected.Length));
        }

        [TestMethod]
        public void EncodesUIntInShortestForm()
        {
            CoapMessageWriter w = Begin(32, CoapMessageType.Confirmable, CoapCode.Get, 1, NoToken);
            Assert.IsTrue(w.AddUIntOption(CoapOption.Observe, 0));
            Assert.IsTrue(w.AddUIntOption(CoapOption.MaxAge, 255));
            Assert.IsTrue(w.AddUIntOption(CoapOption.Accept, 256));
            Assert.IsTrue(w.AddUIntOption(CoapOption.Size1, 0x01000000));
            // Observe 6 empty; Max-Age 14 (delta 8) 1 byte; Accept 17 (delta 3) 2 bytes; Size1 60 (delta 43) 4 bytes.
            Assert.AreEqual("40 01 00 01 60 81 FF 32 01 00 D4 1E 01 00 00 00", Written(w));
        }

        [TestMethod]
        public void RepeatedOptionUsesDeltaZero()
        {
            CoapMessageWriter w = Begin(32, CoapMessageType.Confirmable, CoapCode.Get, 2, NoToken);
            w.AddAsciiOption(CoapOption.UriPath, "a");
            w.AddAsciiOption(CoapOption.UriPath, "b");
            Assert.AreEqual("40 01 00 02 B1 61 01 62", Written(w));
        }

        [TestMethod]
        public void EmptyPayloadWritesNoMarker()
        {
            CoapMessageWriter w = Begin(8, CoapMessageType.Acknowledgement, CoapCode.Changed, 5, NoToken);
            Assert.IsTrue(w.AddPayload(new byte[0], 0, 0));
            Assert.IsFalse(w.HasPayload);
            Assert.AreEqual("60 44 00 05", Written(w));
        }

        [TestMethod]
        public void OptionsOutOfOrderAreReported()
        {
            CoapMessageWriter w = Begin(32, CoapMessageType.Confirmable, CoapCode.Get, 1, NoToken);
            Assert.IsTrue(w.AddUIntOption(CoapOption.ContentFormat, 0));
            Assert.IsFalse(w.AddAsciiOption(CoapOption.UriPath, "x"));
            Assert.AreEqual((int)CoapWriteResult.OptionOutOfOrder, (int)w.Result);
            Assert.IsFalse(w.AddPayloadAscii("y"));
        }

        [TestMethod]
        public void OptionAfterPayloadIsReported()
        {
            CoapMessageWriter w = Begin(32, CoapMessageType.Confirmable, CoapCode.Get, 1, NoToken);
            Assert.IsTrue(w.AddPayloadAscii("x"));
            Assert.IsFalse(w.AddUIntOption(CoapOption.Size1, 1));
            Assert.AreEqual((int)CoapWriteResult.OptionAfterPayload, (int)w.Result);
        }

        [TestMethod]
        public void DoesNotFitIsReportedWithoutWritingPastTheCapacity()
        {
            byte[] buffer = new byte[16];
            for (int i = 0; i < buffer.Length; i++)
            {
                buffer[i] = 0xEE;
            }

            CoapMessageWriter w = new CoapMessageWriter();
            Assert.IsTrue(w.Begin(buffer, 2, 8, CoapMessageType.Confirmable, CoapCode.Get, 1, NoToken, 0, 0));
            Assert.IsTrue(w.AddAsciiOption(CoapOption.UriPath, "ab"));
            Assert.IsFalse(w.AddPayloadAscii("xy"));
            Assert.AreEqual((int)CoapWriteResult.DoesNotFit, (int)w.Result);
            Assert.AreEqual((byte)0xEE, buffer[9]);
            Assert.AreEqual((byte)0xEE, buffer[10]);
            Assert.AreEqual((byte)0xEE, buffer[1]);
        }

        [TestMethod]
        public void HeaderThatDoesNotFitIsReported()
        {
            CoapMessageWriter w = new CoapMessageWriter();
            Assert.IsFalse(w.Begin(new byte[3], 0, 3, CoapMessageType.Confirmable, CoapCode.Get, 1, NoToken, 0, 0));
            Assert.AreEqual((int)CoapWriteResult.DoesNotFit, (int)w.Result);
        }

        [TestMethod]
        public void InvalidOptionNumberIsReported()
        {
            CoapMessageWriter w = Begin(16, CoapMessageType.Confirmable, CoapCode.Get, 1, NoToken);
            Assert.IsFalse(w.AddEmptyOption(65536));
            Assert.AreEqual((int)CoapWriteResult.InvalidArgument, (int)w.Result);
        }

        [TestMethod]
        public void NonAsciiTextIsRejected()
        {
            CoapMessageWriter w = Begin(16, CoapMessageType.Confirmable, CoapCode.Get, 1, NoToken);
            Assert.IsFalse(w.AddPayloadAscii("25\u00B0C"));
            Assert.AreEqual((int)CoapWriteResult.InvalidArgument, (int)w.Result);
        }

        [TestMethod]
        public void DirectPayloadWritingUsesTheReportedSpace()
        {
            CoapMessageWriter w = Begin(10, CoapMessageType.Acknowledgement, CoapCode.Content, 7, NoToken);
            Assert.AreEqual(5, w.PayloadSpace);
            int at = w.OpenPayload();
            Assert.AreEqual(5, at);
            w.Buffer[at] = (byte)'2';
            w.Buffer[at + 1] = (byte)'5';
            Assert.IsTrue(w.CommitPayload(2));
            Assert.AreEqual("60 45 00 07 FF 32 35", Written(w));
            Assert.AreEqual(3, w.PayloadSpace);
            Assert.IsFalse(w.CommitPayload(4));
        }

        [TestMethod]
        public void HugeCommitCannotOverflowTheCheck()
        {
            CoapMessageWriter w = Begin(16, CoapMessageType.Acknowledgement, CoapCode.Content, 7, NoToken);
            Assert.IsFalse(w.CommitPayload(int.MaxValue));
            Assert.AreEqual((int)CoapWriteResult.DoesNotFit, (int)w.Result);
            Assert.AreEqual(4, w.Length);
        }

        [TestMethod]
        public void ValueRangeOutsideItsArrayIsReportedBeforeAnythingIsWritten()
        {
            CoapMessageWriter w = Begin(32, CoapMessageType.Confirmable, CoapCode.Get, 1, NoToken);
            Assert.IsFalse(w.AddOption(CoapOption.UriPath, new byte[4], 2, 4));
            Assert.AreEqual((int)CoapWriteResult.InvalidArgument, (int)w.Result);
            Assert.AreEqual(4, w.Length);

            CoapMessageWriter p = Begin(32, CoapMessageType.Confirmable, CoapCode.Get, 1, NoToken);
            Assert.IsFalse(p.AddPayload(new byte[4], int.MaxValue, 2));
            Assert.AreEqual((int)CoapWriteResult.InvalidArgument, (int)p.Result);

            CoapMessageWriter t = new CoapMessageWriter();
            Assert.IsFalse(t.Begin(new byte[32], 0, 32, CoapMessageType.Confirmable, CoapCode.Get, 1, new byte[2], 1, 2));
            Assert.AreEqual((int)CoapWriteResult.InvalidArgument, (int)t.Result);
        }

        [TestMethod]
        public void SetCodeRewritesTheHeader()
        {
            CoapMessageWriter w = Begin(8, CoapMessageType.Acknowledgement, CoapCode.Content, 7, NoToken);
            w.SetCode(CoapCode.NotFound);
            Assert.AreEqual("60 84 00 07", Written(w));
        }

        [TestMethod]
        public void WriterRoundTripsThroughParser()
        {
            byte[] token = Hex.Parse("CA FE");
            CoapMessageWriter w = Begin(64, CoapMessageType.NonConfirmable, CoapCode.Content, 0xFFFF, token);
            w.AddUIntOption(CoapOption.Observe, 0x123456);
            w.AddUIntOption(CoapOption.ContentFormat, CoapContentFormat.SenmlCbor);
            w.AddUIntOption(CoapOption.MaxAge, 60);
            w.AddEmptyOption(CoapOption.NoResponse);
            w.AddPayloadAscii("25.0");
            Assert.IsTrue(w.IsOk);

            CoapMessage m = new CoapMessage(8);
            Assert.AreEqual((int)CoapParseResult.Ok, (int)m.Parse(w.Buffer, 0, w.Length));
            Assert.AreEqual((int)CoapMessageType.NonConfirmable, (int)m.Type);
            Assert.AreEqual(CoapCode.Content, m.Code);
            Assert.AreEqual((ushort)0xFFFF, m.MessageId);
            Assert.IsTrue(m.TokenEquals(token, 0, 2));
            Assert.AreEqual(4, m.OptionCount);
            uint value;
            Assert.IsTrue(m.TryGetUIntOption(CoapOption.Observe, 0, out value));
            Assert.AreEqual(0x123456u, value);
            Assert.IsTrue(m.TryGetUIntOption(CoapOption.ContentFormat, 0, out value));
            Assert.AreEqual(112u, value);
            Assert.IsTrue(m.TryGetUIntOption(CoapOption.MaxAge, 0, out value));
            Assert.AreEqual(60u, value);
            Assert.AreEqual(CoapOption.NoResponse, m.GetOptionNumber(3));
            Assert.AreEqual(4, m.PayloadLength);
        }
    }
}
