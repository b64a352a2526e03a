using Coap.Micro;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ThermoDev.HostTests.Footprint
{
    /// <summary>
    /// The request view indexes options in 16-bit values (number, offset from the message start,
    /// length), which every datagram fits; an option ending further into a longer buffer is beyond the
    /// view's capacity, reported as <see cref="CoapParseResult.TooManyOptions"/>, never misread.
    /// </summary>
    [TestClass]
    public class OptionIndexLimitTests
    {
        [TestMethod]
        public void AnOptionEndingAtTheIndexLimitIsIndexedWhereverTheMessageStarts()
        {
            const int start = 100_000;
            int valueLength = CoapMessage.MaxIndexedLength - 7;
            byte[] buffer = Message(start, valueLength);
            var message = new CoapMessage(4);
            Assert.AreEqual(CoapParseResult.Ok, message.Parse(buffer, start, 7 + valueLength));
            Assert.AreEqual(1, message.OptionCount);
            Assert.AreEqual(CoapOption.UriPath, message.GetOptionNumber(0));
            Assert.AreEqual(start + 7, message.GetOptionOffset(0));
            Assert.AreEqual(valueLength, message.GetOptionLength(0));
            Assert.AreEqual((byte)'x', buffer[message.GetOptionOffset(0) + valueLength - 1]);
            Assert.AreEqual(CoapCode.Get, message.Code);
            Assert.AreEqual(0x1234, message.MessageId);
        }

        [TestMethod]
        public void AnOptionEndingPastTheIndexLimitIsBeyondTheViewsCapacity()
        {
            int valueLength = CoapMessage.MaxIndexedLength - 6;
            byte[] buffer = Message(0, valueLength);
            var message = new CoapMessage(4);
            Assert.AreEqual(CoapParseResult.TooManyOptions, message.Parse(buffer, 0, 7 + valueLength));
            Assert.AreEqual(0, message.OptionCount);
            Assert.IsTrue(message.HasHeader);
        }

        // A CON GET with one Uri-Path option of valueLength bytes ('x'), its header at start.
        private static byte[] Message(int start, int valueLength)
        {
            var buffer = new byte[start + 7 + valueLength];
            buffer[start] = 0x40;
            buffer[start + 1] = CoapCode.Get;
            buffer[start + 2] = 0x12;
            buffer[start + 3] = 0x34;

            // RFC 7252 §3.1: delta 11, length nibble 14 (two extended bytes, minus 269).
            buffer[start + 4] = (byte)((CoapOption.UriPath << 4) | 14);
            buffer[start + 5] = (byte)((valueLength - 269) >> 8);
            buffer[start + 6] = (byte)(valueLength - 269);
            for (int i = 0; i < valueLength; i++)
            {
                buffer[start + 7 + i] = (byte)'x';
            }

            return buffer;
        }
    }
}
