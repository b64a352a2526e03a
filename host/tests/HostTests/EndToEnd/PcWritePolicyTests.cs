using System;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Coap.Micro;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ThermoDev.HostTests.EndToEnd
{
    /// <summary>
    /// --allow-writes on the PC build: who may PUT /temp. Writes from every address are the default and
    /// said loudly at start-up; a refused PUT gets 4.03 Forbidden and leaves the value; GET stays open.
    /// IPv4 clients reach the dual-stack socket IPv4-mapped and match IPv4 subnets.
    /// </summary>
    [TestClass]
    public class PcWritePolicyTests
    {
        private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void WritesFromEveryAddressAreTheDefaultAndSaidLoudly()
        {
            using ThermoDevPc pc = ThermoDevPc.Start("127.0.0.1");
            string output = string.Join("\n", pc.Process.Output);
            StringAssert.Contains(output, "WARNING: writes are allowed from every address (--allow-writes all, the default)");
            Assert.AreEqual(CoapCode.Changed, Put(pc, "30.5").Code);
            Assert.AreEqual("30.5", Get(pc));
        }

        [TestMethod]
        [DataRow("127.0.0.1", "none", "Writes: none (--allow-writes none): PUT gets 4.03 Forbidden")]
        [DataRow("127.0.0.1", "10.0.0.0/8", "Writes: allowed only from 10.0.0.0/8 (others get 4.03 Forbidden)")]
        [DataRow("127.0.0.1", "::1", "Writes: allowed only from ::1 (others get 4.03 Forbidden)")]
        [DataRow("::1", "fd00::/8, 127.0.0.1", "Writes: allowed only from fd00::/8, 127.0.0.1 (others get 4.03 Forbidden)")]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void APutFromAnAddressNotAllowedIsForbiddenAndLeavesTheValue(string bind, string allowed, string startUpLine)
        {
            using ThermoDevPc pc = ThermoDevPc.Start(bind, "--allow-writes", allowed);
            Assert.IsTrue(pc.Process.Output.Contains(startUpLine), string.Join("\n", pc.Process.Output));
            Assert.IsFalse(pc.Process.Output.Any(line => line.StartsWith("WARNING", StringComparison.Ordinal)));

            CoapMessage answer = Put(pc, "30.5");
            Assert.AreEqual(CoapCode.Forbidden, answer.Code);
            Assert.AreEqual("writes not allowed from this address", Encoding.ASCII.GetString(answer.Buffer, answer.PayloadOffset, answer.PayloadLength));
            Assert.AreEqual("25.0", Get(pc));
            Expect(pc, @"CON PUT /temp ""30\.5"" -> 4\.03 writes not allowed from this address$");
        }

        [TestMethod]
        [DataRow("127.0.0.1", "127.0.0.0/8")]
        [DataRow("127.0.0.1", "10.0.0.0/8,127.0.0.1")]
        [DataRow("127.0.0.1", "::ffff:127.0.0.0/104")]
        [DataRow("::1", "::1/128")]
        [DataRow("::1", "fd00::/8,::/127")]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void APutFromAnAllowedAddressChangesTheValue(string bind, string allowed)
        {
            using ThermoDevPc pc = ThermoDevPc.Start(bind, "--allow-writes", allowed);
            Assert.AreEqual(CoapCode.Changed, Put(pc, "30.5").Code);
            Assert.AreEqual("30.5", Get(pc));
        }

        [TestMethod]
        [DataRow("everyone")]
        [DataRow("10.0.0.0/33")]
        [DataRow("192.168.1.20/24")]
        [DataRow("10.0.0.0/8,")]
        [DataRow("localhost")]
        public void ABadSettingIsAUsageError(string allowed)
        {
            var run = ThermoDevPc.Run("--allow-writes", allowed);
            Assert.AreEqual(2, run.ExitCode, run.AllOutput);
            StringAssert.Contains(run.Stderr, "--allow-writes must be none, all, or addresses and subnets separated by commas");
            StringAssert.Contains(run.Stderr, "Usage:");
        }

        private static CoapMessage Put(ThermoDevPc pc, string value)
        {
            using var socket = new RawCoapSocket(pc.Address, pc.Port);
            var buffer = new byte[64];
            var writer = new CoapMessageWriter();
            writer.Begin(buffer, 0, buffer.Length, CoapMessageType.Confirmable, CoapCode.Put, 0x5A5A, new byte[] { 0x42 }, 0, 1);
            writer.AddAsciiOption(CoapOption.UriPath, "temp");
            writer.AddPayloadAscii(value);
            socket.Send(buffer[..writer.Length]);
            CoapMessage answer = socket.Receive();
            Assert.AreEqual((ushort)0x5A5A, answer.MessageId);
            return CopyOf(answer);
        }

        private static string Get(ThermoDevPc pc)
        {
            using var socket = new RawCoapSocket(pc.Address, pc.Port);
            socket.SendGet("temp", CoapMessageType.Confirmable);
            CoapMessage answer = socket.Receive();
            Assert.AreEqual(CoapCode.Content, answer.Code);
            return Encoding.ASCII.GetString(answer.Buffer, answer.PayloadOffset, answer.PayloadLength);
        }

        // The socket's answer lives in its buffer; the copy outlives it.
        private static CoapMessage CopyOf(CoapMessage message)
        {
            byte[] bytes = message.Buffer[message.Offset..(message.Offset + message.Length)];
            var copy = new CoapMessage(16);
            copy.Parse(bytes, 0, bytes.Length);
            return copy;
        }

        private static void Expect(ThermoDevPc pc, string pattern)
        {
            var regex = new Regex(pattern);
            Assert.IsNotNull(pc.Process.WaitForLine(regex.IsMatch, Wait), $"no line matches {pattern} in:\n{string.Join("\n", pc.Process.Output)}");
        }
    }
}
