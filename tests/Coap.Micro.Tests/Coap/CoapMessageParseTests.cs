using Coap.Micro;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.Coap
{
    [TestClass]
    public class CoapMessageParseTests
    {
        private static CoapMessage Parse(string hex, CoapParseResult expected)
        {
            byte[] bytes = Hex.Parse(hex);
            CoapMessage message = new CoapMessage(8);
            Assert.AreEqual((int)expected, (int)message.Parse(bytes, 0, bytes.Length), hex);
            return message;
        }

        [TestMethod]
        public void ParsesHeaderFields()
        {
            // CON GET, MID 0x3039, token 0xAB 0xCD.
            CoapMessage m = Parse("42 01 30 39 AB CD", CoapParseResult.Ok);
            Assert.AreEqual(1, m.Version);
            Assert.AreEqual((int)CoapMessageType.Confirmable, (int)m.Type);
            Assert.AreEqual(CoapCode.Get, m.Code);
            Assert.AreEqual((ushort)0x3039, m.MessageId);
            Assert.AreEqual(2, m.TokenLength);
            Assert.AreEqual(4, m.TokenOffset);
            Assert.AreEqual(0, m.OptionCount);
            Assert.AreEqual(0, m.PayloadLength);
            Assert.IsTrue(m.TokenEquals(new byte[] { 0xAB, 0xCD }, 0, 2));
        }

        [TestMethod]
        public void ParsesEveryMessageType()
        {
            Assert.AreEqual((int)CoapMessageType.NonConfirmable, (int)Parse("50 01 00 01", CoapParseResult.Ok).Type);
            Assert.AreEqual((int)CoapMessageType.Acknowledgement, (int)Parse("60 00 00 01", CoapParseResult.Ok).Type);
            Assert.AreEqual((int)CoapMessageType.Reset, (int)Parse("70 00 00 01", CoapParseResult.Ok).Type);
        }

        [TestMethod]
        public void ParsesUriPathSegmentsAndPayload()
        {
            // CON PUT MID 1, Uri-Path "temp", Content-Format 0 (empty uint), payload "30.5".
            CoapMessage m = Parse("40 03 00 01 B4 74 65 6D 70 10 FF 33 30 2E 35", CoapParseResult.Ok);
            Assert.AreEqual(2, m.OptionCount);
            Assert.AreEqual(CoapOption.UriPath, m.GetOptionNumber(0));
            Assert.IsTrue(m.OptionValueEquals(0, "temp"));
            Assert.IsFalse(m.OptionValueEquals(0, "tem"));
            Assert.AreEqual(CoapOption.ContentFormat, m.GetOptionNumber(1));
            Assert.AreEqual(0, m.GetOptionLength(1));
            uint format;
            Assert.IsTrue(m.TryGetUIntOption(CoapOption.ContentFormat, 99, out format));
            Assert.AreEqual(0u, format);
            Assert.AreEqual(4, m.PayloadLength);
            Assert.AreEqual(11, m.PayloadOffset);
            Assert.AreEqual((byte)'3', m.Buffer[m.PayloadOffset]);
        }

        [TestMethod]
        public void RepeatedOptionsAreIndexedInOrder()
        {
            // Uri-Path ".well-known" then "core" (delta 0 for the second).
            CoapMessage m = Parse("40 01 00 02 BB 2E 77 65 6C 6C 2D 6B 6E 6F 77 6E 04 63 6F 72 65", CoapParseResult.Ok);
            Assert.AreEqual(2, m.CountOptions(CoapOption.UriPath));
            Assert.IsTrue(m.OptionValueEquals(0, ".well-known"));
            Assert.IsTrue(m.OptionValueEquals(1, "core"));
            Assert.AreEqual(1, m.FindOption(CoapOption.UriPath, 1));
            Assert.AreEqual(-1, m.FindOption(CoapOption.UriQuery));
        }

        [TestMethod]
        public void ReadsUIntOptionsBigEndianWithLeadingZeros()
        {
            // Max-Age (14) = 00 01 00 (leading zero allowed, RFC 7252 §3.2), then Size1 (60) = 4 bytes.
            CoapMessage m = Parse("40 01 00 03 D3 01 00 01 00 D4 21 12 34 56 78", CoapParseResult.Ok);
            uint value;
            Assert.IsTrue(m.TryGetUInt(0, out value));
            Assert.AreEqual(256u, value);
            Assert.IsTrue(m.TryGetUIntOption(CoapOption.Size1, 0, out value));
            Assert.AreEqual(0x12345678u, value);
        }

        [TestMethod]
        public void UIntLongerThanFourBytesIsRejectedByTheReader()
        {
            CoapMessage m = Parse("40 01 00 03 C5 01 02 03 04 05", CoapParseResult.Ok);
            uint value;
            Assert.IsFalse(m.TryGetUInt(0, out value));
            Assert.IsFalse(m.TryGetUIntOption(CoapOption.ContentFormat, 7, out value));
            Assert.AreEqual(7u, value);
        }

        [TestMethod]
        [DataRow(12, "C0")]
        [DataRow(13, "D0 00")]
        [DataRow(268, "D0 FF")]
        [DataRow(269, "E0 00 00")]
        [DataRow(65535, "E0 FE F2")]
        public void DecodesExtendedOptionDeltas(int number, string optionBytes)
        {
            CoapMessage m = Parse("40 01 00 01 " + optionBytes, CoapParseResult.Ok);
            Assert.AreEqual(1, m.OptionCount);
            Assert.AreEqual(number, m.GetOptionNumber(0));
            Assert.AreEqual(0, m.GetOptionLength(0));
        }

        [TestMethod]
        [DataRow(12, "0C")]
        [DataRow(13, "0D 00")]
        [DataRow(268, "0D FF")]
        [DataRow(269, "0E 00 00")]
        public void DecodesExtendedOptionLengths(int length, string header)
        {
            byte[] head = Hex.Parse("40 01 00 01 " + header);
            byte[] bytes = new byte[head.Length + length];
            System.Array.Copy(head, bytes, head.Length);
            CoapMessage m = new CoapMessage(4);
            Assert.AreEqual((int)CoapParseResult.Ok, (int)m.Parse(bytes, 0, bytes.Length));
            Assert.AreEqual(length, m.GetOptionLength(0));
            Assert.AreEqual(head.Length, m.GetOptionOffset(0));
            Assert.AreEqual(0, m.PayloadLength);
        }

        [TestMethod]
        public void ParsesAtAnOffsetInsideALargerBuffer()
        {
            byte[] bytes = Hex.Parse("EE EE 51 02 12 34 77 B1 61 FF 78 EE");
            CoapMessage m = new CoapMessage(4);
            Assert.AreEqual((int)CoapParseResult.Ok, (int)m.Parse(bytes, 2, 9));
            Assert.AreEqual(CoapCode.Post, m.Code);
            Assert.AreEqual(6, m.TokenOffset);
            Assert.AreEqual(1, m.OptionCount);
            Assert.AreEqual(10, m.PayloadOffset);
            Assert.AreEqual(1, m.PayloadLength);
        }

        [TestMethod]
        public void AcceptsEightByteToken()
        {
            CoapMessage m = Parse("48 01 00 01 01 02 03 04 05 06 07 08", CoapParseResult.Ok);
            Assert.AreEqual(8, m.TokenLength);
            byte[] token = new byte[8];
            Assert.AreEqual(8, m.CopyToken(token, 0));
            Assert.AreEqual((byte)8, token[7]);
            Assert.AreEqual(-1, m.CopyToken(new byte[7], 0));
        }

        [TestMethod]
        public void ParsesEmptyMessage()
        {
            CoapMessage m = Parse("40 00 12 34", CoapParseResult.Ok);
            Assert.AreEqual(CoapCode.Empty, m.Code);
            Assert.AreEqual((ushort)0x1234, m.MessageId);
            Assert.IsTrue(m.HasHeader);
        }

        [TestMethod]
        [DataRow("", 0)]
        [DataRow("40", 0)]
        [DataRow("40 01 00", 0)]
        [DataRow("80 01 00 01", 1)]
        [DataRow("00 01 00 01", 1)]
        [DataRow("C0 01 00 01", 1)]
        [DataRow("49 01 00 01 01 02 03 04 05 06 07 08 09", 2)]
        [DataRow("4F 01 00 01", 2)]
        [DataRow("44 01 00 01 01 02 03", 3)]
        [DataRow("40 01 00 01 D0", 4)]
        [DataRow("40 01 00 01 E0 00", 4)]
        [DataRow("40 01 00 01 0D", 4)]
        [DataRow("40 01 00 01 0E 01", 4)]
        [DataRow("40 01 00 01 F0", 5)]
        [DataRow("40 01 00 01 0F", 5)]
        [DataRow("40 01 00 01 1F", 5)]
        [DataRow("40 01 00 01 B4 74 65 6D", 6)]
        [DataRow("40 01 00 01 0D 05 01", 6)]
        [DataRow("40 01 00 01 E0 FE F2 E0 00 00", 7)]
        [DataRow("40 01 00 01 FF", 8)]
        [DataRow("40 01 00 01 B1 61 FF", 8)]
        [DataRow("41 00 00 01 AA", 9)]
        [DataRow("40 00 00 01 FF 01", 9)]
        [DataRow("40 00 00 01 B1 61", 9)]
        public void ReportsEveryFormatError(string hex, int errorIndex)
        {
            // errorIndex: 0 TooShort, 1 BadVersion, 2 BadTokenLength, 3 TruncatedToken, 4 TruncatedOption,
            // 5 ReservedOptionNibble, 6 OptionValueOverrun, 7 OptionNumberTooLarge,
            // 8 EmptyPayloadAfterMarker, 9 EmptyMessageNotEmpty.
            CoapParseResult[] expected =
            {
                CoapParseResult.TooShort, CoapParseResult.BadVersion, CoapParseResult.BadTokenLength,
                CoapParseResult.TruncatedToken, CoapParseResult.TruncatedOption, CoapParseResult.ReservedOptionNibble,
                CoapParseResult.OptionValueOverrun, CoapParseResult.OptionNumberTooLarge,
                CoapParseResult.EmptyPayloadAfterMarker, CoapParseResult.EmptyMessageNotEmpty,
            };
            Parse(hex, expected[errorIndex]);
        }

        [TestMethod]
        public void HeaderStaysReadableAfterAFormatErrorSoCanBeAnsweredWithReset()
        {
            // RFC 7252 §4.2: a CON with a format error is rejected with RST carrying its Message ID.
            CoapMessage m = Parse("40 01 BE EF F0", CoapParseResult.ReservedOptionNibble);
            Assert.IsTrue(m.HasHeader);
            Assert.AreEqual((int)CoapMessageType.Confirmable, (int)m.Type);
            Assert.AreEqual((ushort)0xBEEF, m.MessageId);
        }

        [TestMethod]
        public void BadVersionHasNoUsableHeader()
        {
            Assert.IsFalse(Parse("80 01 00 01", CoapParseResult.BadVersion).HasHeader);
        }

        [TestMethod]
        public void MoreOptionsThanTheIndexHoldsIsReportedNotThrown()
        {
            byte[] bytes = Hex.Parse("40 01 00 01 B1 61 01 62 01 63");
            CoapMessage m = new CoapMessage(2);
            Assert.AreEqual((int)CoapParseResult.TooManyOptions, (int)m.Parse(bytes, 0, bytes.Length));
            Assert.AreEqual(2, m.OptionCount);
        }

        [TestMethod]
        public void OutOfRangeArgumentsAreReportedNotThrown()
        {
            CoapMessage m = new CoapMessage(2);
            Assert.AreEqual((int)CoapParseResult.TooShort, (int)m.Parse(null, 0, 4));
            Assert.AreEqual((int)CoapParseResult.TooShort, (int)m.Parse(new byte[4], 2, 4));
            Assert.AreEqual((int)CoapParseResult.TooShort, (int)m.Parse(new byte[4], -1, 4));
            Assert.AreEqual((int)CoapParseResult.TooShort, (int)m.Parse(new byte[8], 4, int.MaxValue));
        }

        [TestMethod]
        public void ReparsingResetsThePreviousMessage()
        {
            CoapMessage m = new CoapMessage(4);
            byte[] first = Hex.Parse("42 01 00 01 AA BB B1 61 FF 01");
            byte[] second = Hex.Parse("50 02 00 02");
            m.Parse(first, 0, first.Length);
            Assert.AreEqual((int)CoapParseResult.Ok, (int)m.Parse(second, 0, second.Length));
            Assert.AreEqual(0, m.TokenLength);
            Assert.AreEqual(0, m.OptionCount);
            Assert.AreEqual(0, m.PayloadLength);
            Assert.AreSame(second, m.Buffer);
        }

        [TestMethod]
        public void ReparsingForgetsTheOptionsOfThePreviousMessage()
        {
            // If-Match, ETag, If-None-Match, Observe, two Uri-Path, Content-Format, Accept, Block2, Block1, Proxy-Scheme, No-Response.
            CoapMessage m = new CoapMessage(16);
            byte[] first = Hex.Parse("42 01 00 01 AA BB 10 31 61 10 10 51 61 01 62 10 51 32 60 40 C1 68 D1 CE 02");
            byte[] second = Hex.Parse("40 01 00 02 B1 7A");
            Assert.AreEqual((int)CoapParseResult.Ok, (int)m.Parse(first, 0, first.Length));
            Assert.AreEqual(2, m.CountOptions(CoapOption.UriPath));
            Assert.AreEqual(11, m.FindOption(CoapOption.NoResponse));
            Assert.AreEqual((int)CoapParseResult.Ok, (int)m.Parse(second, 0, second.Length));
            int[] gone = { CoapOption.IfMatch, CoapOption.ETag, CoapOption.IfNoneMatch, CoapOption.Observe, CoapOption.ContentFormat, CoapOption.Accept, CoapOption.Block2, CoapOption.Block1, CoapOption.ProxyScheme, CoapOption.NoResponse };
            for (int i = 0; i < gone.Length; i++)
            {
                Assert.AreEqual(-1, m.FindOption(gone[i]), "option " + gone[i].ToString());
                Assert.IsFalse(m.HasOption(gone[i]));
            }

            Assert.AreEqual(0, m.FindOption(CoapOption.UriPath));
            Assert.AreEqual(1, m.CountOptions(CoapOption.UriPath));
        }

        [TestMethod]
        public void FindOptionGivesTheFirstOccurrenceOfEveryNumber()
        {
            // If-Match x2, Uri-Host, ETag, Uri-Path x3, Content-Format, Uri-Query, Accept, Block2, Size1, No-Response x2.
            CoapMessage m = new CoapMessage(16);
            byte[] bytes = Hex.Parse("40 01 00 01 11 61 00 21 68 11 65 71 61 00 01 62 10 31 00 21 32 61 60 D0 18 D1 B9 18 01 02");
            Assert.AreEqual((int)CoapParseResult.Ok, (int)m.Parse(bytes, 0, bytes.Length));
            Assert.AreEqual(14, m.OptionCount);
            AssertFindOptionAgreesWithTheIndex(m);
            Assert.AreEqual(5, m.FindOption(CoapOption.UriPath, 5));
            Assert.AreEqual(6, m.FindOption(CoapOption.UriPath, 6));
            Assert.AreEqual(-1, m.FindOption(CoapOption.UriPath, 7));

            // If-Match, ETag, If-None-Match, Observe, two Uri-Path, Content-Format, Accept, Block2, Block1, Proxy-Uri, Proxy-Scheme, No-Response.
            bytes = Hex.Parse("42 01 00 01 AA BB 10 31 61 10 10 51 61 01 62 10 51 32 60 40 81 75 41 68 D1 CE 02");
            Assert.AreEqual((int)CoapParseResult.Ok, (int)m.Parse(bytes, 0, bytes.Length));
            Assert.AreEqual(13, m.OptionCount);
            AssertFindOptionAgreesWithTheIndex(m);
        }

        private static void AssertFindOptionAgreesWithTheIndex(CoapMessage m)
        {
            for (int number = 0; number <= 300; number++)
            {
                int expected = -1;
                int count = 0;
                for (int i = 0; i < m.OptionCount; i++)
                {
                    if (m.GetOptionNumber(i) == number)
                    {
                        expected = expected < 0 ? i : expected;
                        count++;
                    }
                }

                Assert.AreEqual(expected, m.FindOption(number), "option " + number.ToString());
                Assert.AreEqual(expected, m.FindOption(number, -1), "option " + number.ToString());
                Assert.AreEqual(count, m.CountOptions(number), "option " + number.ToString());
            }
        }

        [TestMethod]
        public void OptionsBeyondTheIndexAreNotFound()
        {
            // Uri-Path, Accept, No-Response: the third does not fit an index of two.
            CoapMessage m = new CoapMessage(2);
            byte[] bytes = Hex.Parse("40 01 00 01 B1 61 61 32 D1 E4 02");
            Assert.AreEqual((int)CoapParseResult.TooManyOptions, (int)m.Parse(bytes, 0, bytes.Length));
            Assert.AreEqual(0, m.FindOption(CoapOption.UriPath));
            Assert.AreEqual(1, m.FindOption(CoapOption.Accept));
            Assert.AreEqual(-1, m.FindOption(CoapOption.NoResponse));
        }

        [TestMethod]
        public void CopiesOptionValueIntoCallersBuffer()
        {
            CoapMessage m = Parse("40 01 00 01 B4 74 65 6D 70", CoapParseResult.Ok);
            byte[] destination = new byte[6];
            Assert.AreEqual(4, m.CopyOptionValue(0, destination, 2));
            Assert.AreEqual((byte)'t', destination[2]);
            Assert.AreEqual((byte)'p', destination[5]);
            Assert.AreEqual(-1, m.CopyOptionValue(0, destination, 3));
            Assert.IsTrue(m.OptionValueEquals(0, destination, 2, 4));
        }
    }
}
