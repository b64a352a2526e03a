using System;
using Coap.Micro;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ThermoDev.HostTests.Allocation
{
    /// <summary>Parsing and writing must not allocate: measured with the runtime's per-thread allocation counter.</summary>
    [TestClass]
    public class CodecAllocationTests
    {
        private const int Iterations = 100_000;

        // CON PUT, 4-byte token, Uri-Path "temp", Content-Format 0, Accept 0, payload "30.5".
        private static readonly byte[] Request =
        {
            0x44, 0x03, 0x12, 0x34, 0xDE, 0xAD, 0xBE, 0xEF, 0xB4, 0x74, 0x65, 0x6D, 0x70,
            0x10, 0x50, 0xFF, 0x33, 0x30, 0x2E, 0x35,
        };

        [TestMethod]
        public void ParseAllocatesNothing()
        {
            var message = new CoapMessage(16);
            long checksum = 0;
            Action loop = () =>
            {
                for (int i = 0; i < Iterations; i++)
                {
                    message.Parse(Request, 0, Request.Length);
                    message.TryGetUIntOption(CoapOption.ContentFormat, 0, out uint format);
                    checksum += message.OptionCount + message.PayloadLength + (message.OptionValueEquals(0, "temp") ? 1 : 0) + format;
                }
            };

            Assert.AreEqual(0L, AllocatedBy(loop));
            Assert.AreEqual(2L * Iterations * (3 + 4 + 1), checksum);
        }

        [TestMethod]
        public void WriteAllocatesNothing()
        {
            var writer = new CoapMessageWriter();
            var buffer = new byte[128];
            var token = new byte[] { 0xDE, 0xAD, 0xBE, 0xEF };
            long total = 0;
            Action loop = () =>
            {
                for (int i = 0; i < Iterations; i++)
                {
                    writer.Begin(buffer, 0, buffer.Length, CoapMessageType.Acknowledgement, CoapCode.Content, (ushort)i, token, 0, token.Length);
                    writer.AddUIntOption(CoapOption.Observe, (uint)i);
                    writer.AddUIntOption(CoapOption.ContentFormat, CoapContentFormat.TextPlain);
                    writer.AddUIntOption(CoapOption.MaxAge, 5);
                    writer.AddPayloadAscii("25.0");
                    total += writer.Length;
                }
            };

            Assert.AreEqual(0L, AllocatedBy(loop));
            Assert.IsTrue(writer.IsOk);
            Assert.IsGreaterThan(0L, total);
        }

        /// <summary>Bytes allocated on this thread by <paramref name="action"/>, after one warm-up run.</summary>
        private static long AllocatedBy(Action action)
        {
            action();
            long before = GC.GetAllocatedBytesForCurrentThread();
            action();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
    }
}
