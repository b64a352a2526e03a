using System;
using System.Text.RegularExpressions;
using Coap.Micro;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ThermoDev.HostTests.EndToEnd
{
    /// <summary>
    /// What /temp answers on a PC to payloads it must refuse, to whitespace it must accept, and to
    /// Accept 110 (SenML JSON). One PC build serves the whole class; each test reads the value first.
    /// </summary>
    [TestClass]
    public class PcBadInputTests
    {
        private static ThermoDevPc _pc;

        [ClassInitialize]
        public static void StartServer(TestContext context) => _pc = ThermoDevPc.Start("127.0.0.1");

        [ClassCleanup]
        public static void StopServer() => _pc?.Dispose();

        [TestMethod]
        [DataRow("abc")]
        [DataRow("NaN")]
        [DataRow("1e3")]
        [DataRow("100")]
        [DataRow("-40.1")]
        [DataRow("")]
        [DataRow("12345678901234567")]
        [DataRow("30.5C")]
        public void ABadPutIsABadRequestAndLeavesTheValue(string payload)
        {
            string before = _pc.Get();
            var put = _pc.Client("temp", "-m", "put", "-e", payload);
            StringAssert.StartsWith(put.AllOutput.Trim(), "4.00", $"PUT '{payload}': {put.AllOutput}");
            Assert.AreEqual(before, _pc.Get(), $"PUT '{payload}' changed the value");
            Expect(@"^127\.0\.0\.1:\d+ CON PUT /temp (""[^""]*"" )?-> 4\.00 ");
        }

        [TestMethod]
        public void WhitespaceAroundTheNumberIsAccepted()
        {
            var put = _pc.Client("temp", "-m", "put", "-e", " 30.5\n");
            Assert.AreEqual("Temperature set to 30.5°C", put.Stdout.Trim(), put.Stderr);
            Assert.AreEqual("30.5", _pc.Get());

            // The log shows the payload as sent, escaped.
            Expect(@"^127\.0\.0\.1:\d+ CON PUT /temp "" 30\.5\\n"" -> 2\.04 Temperature set to 30\.5°C$");
        }

        [TestMethod]
        public void APutLibcoapSplitsIntoSixteenByteBlocksSetsTheValue()
        {
            // coap-client -b 16 sends these 20 bytes as two Block1 blocks (RFC 7959 §2.5): 2.31, then 2.04.
            var put = _pc.Client("temp", "-m", "put", "-b", "16", "-t", "50", "-e", "21.50000000000000000");
            Assert.AreEqual("Temperature set to 21.5°C", put.Stdout.Trim(), put.AllOutput);
            Assert.AreEqual("21.5", _pc.Get());
            Expect(@"^127\.0\.0\.1:\d+ CON PUT /temp Content-Format 50 ""21\.5000000000000"" -> 2\.31$");

            // The log shows the request the handler saw: the whole body.
            Expect(@"^127\.0\.0\.1:\d+ CON PUT /temp Content-Format 50 ""21\.50000000000000000"" -> 2\.04 Temperature set to 21\.5°C$");
        }

        [TestMethod]
        [DataRow("50", "22.5", "22.5")]
        [DataRow("110", "[{\"n\":\"temp\",\"u\":\"Cel\",\"v\":23.5}]", "23.5")]
        public void AJsonOrSenmlPutSetsTheValue(string contentFormat, string payload, string value)
        {
            var put = _pc.Client("temp", "-m", "put", "-t", contentFormat, "-e", payload);
            Assert.AreEqual($"Temperature set to {value}°C", put.Stdout.Trim(), put.AllOutput);
            Assert.AreEqual(value, _pc.Get());
        }

        [TestMethod]
        public void AJsonPutThatIsNotANumberIsABadRequest()
        {
            string before = _pc.Get();
            var put = _pc.Client("temp", "-m", "put", "-t", "50", "-e", "{\"v\":30}");
            StringAssert.StartsWith(put.AllOutput.Trim(), "4.00", put.AllOutput);
            Assert.AreEqual(before, _pc.Get());
            Expect(@"^127\.0\.0\.1:\d+ CON PUT /temp Content-Format 50 ""\{\\""v\\"":30\}"" -> 4\.00 not a JSON number");
        }

        [TestMethod]
        public void AnXmlPutIsAnUnsupportedContentFormat()
        {
            string before = _pc.Get();
            var put = _pc.Client("temp", "-m", "put", "-t", "41", "-e", "<v>30</v>");
            StringAssert.StartsWith(put.AllOutput.Trim(), "4.15", put.AllOutput);
            Assert.AreEqual(before, _pc.Get());
        }

        [TestMethod]
        public void Accept110GivesSenmlJson()
        {
            string value = _pc.Get();
            var get = _pc.Client("temp", "-m", "get", "-A", "110");
            Assert.AreEqual($"[{{\"n\":\"temp\",\"u\":\"Cel\",\"v\":{value}}}]", get.Stdout.Trim(), get.Stderr);
            Expect(@"^127\.0\.0\.1:\d+ CON GET /temp Accept 110 -> 2\.05 \[\{""n"":""temp"",""u"":""Cel"",""v"":");
        }

        [TestMethod]
        public void Accept112GivesSenmlCborShownAsHexInTheLog()
        {
            var get = _pc.Client("temp", "-m", "get", "-A", "112");
            Assert.AreEqual(0, get.ExitCode, get.Stderr);
            Expect(@"^127\.0\.0\.1:\d+ CON GET /temp Accept 112 -> 2\.05 <23 bytes: 81 a3 00 64 74 65 6d 70 01 63 43 65 6c 02 fb 40 \.\.\.>$");
        }

        [TestMethod]
        public void APingANonConfirmableGetAndNoiseAreLoggedToo()
        {
            using var socket = new RawCoapSocket(_pc.Address, _pc.Port);
            socket.Send(new byte[] { 0x40, 0x00, 0x12, 0x34 });
            Assert.AreEqual(CoapMessageType.Reset, socket.Receive().Type);
            socket.SendGet("temp", CoapMessageType.NonConfirmable);
            Assert.AreEqual(CoapCode.Content, socket.Receive().Code);
            socket.Send(new byte[] { 0xFF, 0x00 });

            Expect(@"^127\.0\.0\.1:\d+ CON ping -> RST$");
            Expect(@"^127\.0\.0\.1:\d+ NON GET /temp -> 2\.05 -?\d+\.\d$");
            Expect(@"^127\.0\.0\.1:\d+ 2 bytes, not CoAP version 1 -> ignored$");
        }

        private static void Expect(string pattern)
        {
            var regex = new Regex(pattern);
            Assert.IsNotNull(_pc.Process.WaitForLine(regex.IsMatch, TimeSpan.FromSeconds(10)), $"no line matches {pattern} in:\n{string.Join("\n", _pc.Process.Output)}");
        }
    }
}
