using System;
using System.Linq;
using System.Text;
using Coap.Micro;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Conformance;
using ThermoDev.HostTests.Support;
using ThermoDev.Sensors;

namespace ThermoDev.HostTests.Robustness
{
    /// <summary>
    /// Every PUT /temp ThermoDev must refuse, and 10,000 random payloads: each gets a 4.xx answer, the
    /// value stays 25.0 and an observer of /temp hears nothing (RFC 7641 §4.2: nothing changed).
    /// </summary>
    [TestClass]
    public class BadPutTests
    {
        private const int RandomPayloads = 10_000;

        private static readonly CoapEndpoint Client = PlugtestServer.Client(1);
        private static readonly CoapEndpoint Observer = PlugtestServer.Client(2);

        public TestContext TestContext { get; set; }

        [TestMethod]
        [DataRow("abc", "4.00")]
        [DataRow("NaN", "4.00")]
        [DataRow("Infinity", "4.00")]
        [DataRow("-Infinity", "4.00")]
        [DataRow("1e3", "4.00")]
        [DataRow("1E1", "4.00")]
        [DataRow("0x10", "4.00")]
        [DataRow("100", "4.00")]
        [DataRow("85.1", "4.00")]
        [DataRow("-40.1", "4.00")]
        [DataRow("2147483648", "4.00")]
        [DataRow("-99999999999999", "4.00")]
        [DataRow("", "4.00")]
        [DataRow(" ", "4.00")]
        [DataRow("\t\r\n", "4.00")]
        [DataRow("12345678901234567", "4.00")]
        [DataRow("30.5C", "4.00")]
        [DataRow("30,5", "4.00")]
        [DataRow("3 0", "4.00")]
        [DataRow("1.2.3", "4.00")]
        [DataRow("+", "4.00")]
        [DataRow("-", "4.00")]
        [DataRow(".", "4.00")]
        [DataRow("--1", "4.00")]
        [DataRow("+-1", "4.00")]
        [DataRow("1-", "4.00")]
        [DataRow("30.5\u0000", "4.00")]
        [DataRow("\u00A030.5", "4.00")]
        [DataRow("\u0663\u0660", "4.00")]
        [DataRow("30.5°C", "4.00")]
        public void ARefusedPayloadIsAClientErrorAndChangesNothing(string payload, string code)
        {
            var device = new Device();
            Received answer = device.Put(Encoding.UTF8.GetBytes(payload), contentFormat: -1);
            Assert.AreEqual(code, answer.CodeText, $"PUT '{payload}': {answer.Text}");
            Assert.IsNotEmpty(answer.Payload, "a diagnostic says why");
            device.AssertUnchanged();
        }

        [TestMethod]
        [DataRow(41, "30.5", "4.15")]
        [DataRow(42, "30.5", "4.15")]
        [DataRow(60, "30.5", "4.15")]
        [DataRow(50, "{\"v\":30}", "4.00")]
        [DataRow(110, "30.5", "4.00")]
        [DataRow(112, "30.5", "4.00")]
        public void APayloadInAnotherFormatOrNotOfItsFormatIsRefusedAndChangesNothing(int contentFormat, string payload, string code)
        {
            // /temp takes text, a JSON number (50) and a one-record SenML pack (110, 112).
            var device = new Device();
            Assert.AreEqual(code, device.Put(Encoding.ASCII.GetBytes(payload), contentFormat).CodeText);
            device.AssertUnchanged();
        }

        [TestMethod]
        public void BlocksTooLargeAndStaleConditionsAreRefusedAndChangeNothing()
        {
            var device = new Device();

            // RFC 7959 §2.9.3: /temp takes a body in blocks only as large as the request buffer would take it.
            Received blocks = device.Send(Req.Con(CoapCode.Put, "temp").Mid(0x0901).Block1(0, true, 4).Payload("30.5" + new string(' ', 252)));
            Assert.AreEqual("4.13", blocks.CodeText);

            // RFC 7252 §5.9.2.9: larger than the server takes in one request.
            Received large = device.Send(Req.Con(CoapCode.Put, "temp").Mid(0x0902).Payload(new string('1', 2000)));
            Assert.AreEqual("4.13", large.CodeText);

            // RFC 7252 §5.10.8.1: the reading changed since the client saw it.
            Received stale = device.Send(Req.Con(CoapCode.Put, "temp").Mid(0x0903).Option(CoapOption.IfMatch, new byte[] { 0, 0x0B, 0xB8 }).Payload("30.5"));
            Assert.AreEqual("4.12", stale.CodeText);
            device.AssertUnchanged();
        }

        [TestMethod]
        public void TenThousandRandomPayloadsAreRefusedAndChangeNothing()
        {
            var random = new Random(2026);
            var device = new Device();
            int[] classes = new int[8];
            for (int i = 0; i < RandomPayloads; i++)
            {
                // Random bytes with at least one that no number may hold.
                var payload = new byte[1 + random.Next(40)];
                random.NextBytes(payload);
                payload[random.Next(payload.Length)] = (byte)"x%#@!Z\u007F"[random.Next(7)];
                CoapMessageType type = i % 2 == 0 ? CoapMessageType.Confirmable : CoapMessageType.NonConfirmable;
                Received answer = device.Put(payload, i % 3 == 0 ? CoapContentFormat.TextPlain : -1, type, 0x1000 + i);
                Assert.AreEqual(4, answer.Code >> 5, $"PUT {Convert.ToHexString(payload)}: {answer}");
                classes[answer.Code & 0x1F]++;
            }

            TestContext.WriteLine($"{RandomPayloads:N0} random payloads, CON and NON: {classes[0]:N0} answered 4.00");
            Assert.AreEqual(RandomPayloads, classes[0]);
            device.AssertUnchanged();
        }

        // ThermoDev with its simulated sensor at 25.0 °C, writes from everyone, and an observer of /temp.
        private sealed class Device
        {
            private readonly MemoryTransport _transport = new MemoryTransport();
            private readonly ThermoDevServer _server;
            private readonly SimulatedSensor _sensor = new SimulatedSensor();
            private int _getMessageId = 0xF000;

            public Device()
            {
                var options = new ThermoDevOptions { WritePolicy = CoapWritePolicy.Everyone };
                _server = new ThermoDevServer(_transport, new ThermoDev.Tests.Server.FakeClock(), new CoapRandom(new Random(1)), _sensor, options);
                _server.ReadLoop.ReadOnce();
                Received registered = Send(Req.Con(CoapCode.Get, "temp").Mid(0x0800).Token(0x0B).Observe(0), Observer);
                Assert.IsTrue(registered.Has(CoapOption.Observe));
            }

            public Received Put(byte[] payload, int contentFormat, CoapMessageType type = CoapMessageType.Confirmable, int messageId = 0x0700)
            {
                Req put = (type == CoapMessageType.Confirmable ? Req.Con(CoapCode.Put, "temp") : Req.Non(CoapCode.Put, "temp")).Mid(messageId).Payload(payload);
                if (contentFormat >= 0)
                {
                    put.ContentFormat(contentFormat);
                }

                return Send(put);
            }

            public Received Send(Req request, CoapEndpoint from = null)
            {
                from ??= Client;
                _transport.ClearSent();
                _transport.Deliver(request.ToBytes(), from);
                Assert.IsTrue(_server.Server.Poll(0));
                Received[] sent = Enumerable.Range(0, _transport.SentCount).Select(i => new Received(_transport.Sent(i), _transport.SentTo(i))).ToArray();
                Assert.IsFalse(sent.Any(d => d.To.SameAs(Observer) && !from.SameAs(Observer)), "the observer was notified of a refused PUT");
                return sent.Single(d => d.To.SameAs(from));
            }

            public void AssertUnchanged()
            {
                Assert.AreEqual(2500, _server.State.Temperature);
                Assert.IsTrue(_sensor.TryRead(out int centiCelsius, out _));
                Assert.AreEqual(2500, centiCelsius);
                Assert.AreEqual("25.0", Send(Req.Con(CoapCode.Get, "temp").Mid(_getMessageId++)).Text);
            }
        }
    }
}
