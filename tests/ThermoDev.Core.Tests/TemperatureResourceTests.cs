using Coap.Micro;
using nanoFramework.TestFramework;
using ThermoDev.Sensors;
using ThermoDev.Tests.Server;

namespace ThermoDev.Tests.ThermoDev
{
    /// <summary>/temp: GET in text and SenML, PUT to a simulated sensor, every rejected PUT, sensor failure.</summary>
    [TestClass]
    public class TemperatureResourceTests
    {
        // The degree sign in UTF-8 (C2 B0), one character per byte as the test text shows it.
        private const string Degrees = "\u00C2\u00B0C";

        [TestMethod]
        public void GetAnswersTheTemperatureWithOneDecimalAsText()
        {
            ThermoDevHarness h = new ThermoDevHarness(new SimulatedSensor());
            CoapMessage answer = h.GetTemperature(-1);
            Assert.AreEqual(CoapCode.Content, answer.Code);
            Assert.AreEqual("25.0", ThermoDevHarness.Text(answer));
            Assert.AreEqual(CoapContentFormat.TextPlain, ThermoDevHarness.UIntOption(answer, CoapOption.ContentFormat));
            Assert.AreEqual(10, ThermoDevHarness.UIntOption(answer, CoapOption.MaxAge));
        }

        [TestMethod]
        public void GetWithAcceptTextPlainIsText()
        {
            ThermoDevHarness h = new ThermoDevHarness(new SimulatedSensor(-445));
            Assert.AreEqual("-4.5", ThermoDevHarness.Text(h.GetTemperature(CoapContentFormat.TextPlain)));
        }

        [TestMethod]
        public void GetWithAcceptSenmlJsonIsAOneRecordPack()
        {
            ThermoDevHarness h = new ThermoDevHarness(new SimulatedSensor());
            CoapMessage answer = h.GetTemperature(CoapContentFormat.SenmlJson);
            Assert.AreEqual(CoapContentFormat.SenmlJson, ThermoDevHarness.UIntOption(answer, CoapOption.ContentFormat));
            Assert.AreEqual("[{\"n\":\"temp\",\"u\":\"Cel\",\"v\":25.0}]", ThermoDevHarness.Text(answer));
        }

        [TestMethod]
        public void GetWithAcceptSenmlCborIsAOneRecordPackInCbor()
        {
            ThermoDevHarness h = new ThermoDevHarness(new SimulatedSensor());
            CoapMessage answer = h.GetTemperature(CoapContentFormat.SenmlCbor);
            Assert.AreEqual(CoapContentFormat.SenmlCbor, ThermoDevHarness.UIntOption(answer, CoapOption.ContentFormat));

            // [ { 0: "temp", 1: "Cel", 2: 25.0 } ] (RFC 8428 §6 labels; 25.0 as float64 40 39 00 00 00 00 00 00).
            Assert.AreEqual(
                "81 A3 00 64 74 65 6D 70 01 63 43 65 6C 02 FB 40 39 00 00 00 00 00 00",
                Hex.Format(answer.Buffer, answer.PayloadOffset, answer.PayloadLength));
        }

        [TestMethod]
        [DataRow(CoapContentFormat.Json)]
        [DataRow(CoapContentFormat.LinkFormat)]
        [DataRow(CoapContentFormat.OctetStream)]
        public void GetWithAnotherAcceptIsNotAcceptable(int accept)
        {
            ThermoDevHarness h = new ThermoDevHarness(new SimulatedSensor());
            Assert.AreEqual(CoapCode.NotAcceptable, h.GetTemperature(accept).Code);
        }

        [TestMethod]
        public void PutSetsTheSimulatedValueAndSaysSo()
        {
            SimulatedSensor sensor = new SimulatedSensor();
            ThermoDevHarness h = new ThermoDevHarness(sensor);
            CoapMessage answer = h.PutTemperature("30.5", -1);
            Assert.AreEqual(CoapCode.Changed, answer.Code);
            Assert.AreEqual("Temperature set to 30.5" + Degrees, ThermoDevHarness.Text(answer));
            Assert.AreEqual("30.5", ThermoDevHarness.Text(h.GetTemperature(-1)));
            int centi;
            int pascals;
            Assert.IsTrue(sensor.TryRead(out centi, out pascals));
            Assert.AreEqual(3050, centi);
        }

        [TestMethod]
        [DataRow("30.5", "30.5")]
        [DataRow("-4", "-4.0")]
        [DataRow("+12.25", "12.3")]
        [DataRow(" 30.5\n", "30.5")]
        [DataRow("\t-40\r\n", "-40.0")]
        [DataRow("85", "85.0")]
        [DataRow("0.04", "0.0")]
        [DataRow(".5", "0.5")]
        public void AcceptedPutPayloads(string payload, string reported)
        {
            ThermoDevHarness h = new ThermoDevHarness(new SimulatedSensor());
            Assert.AreEqual(CoapCode.Changed, h.PutTemperature(payload, CoapContentFormat.TextPlain).Code);
            Assert.AreEqual(reported, ThermoDevHarness.Text(h.GetTemperature(-1)));
        }

        [TestMethod]
        [DataRow("abc", "not a number")]
        [DataRow("NaN", "not a number")]
        [DataRow("Infinity", "not a number")]
        [DataRow("-Infinity", "not a number")]
        [DataRow("1e3", "not a number")]
        [DataRow("30.5.1", "not a number")]
        [DataRow("3 0", "not a number")]
        [DataRow("30,5", "not a number")]
        [DataRow("30.5x", "not a number")]
        [DataRow("0x1F", "not a number")]
        [DataRow("+", "not a number")]
        [DataRow(".", "not a number")]
        [DataRow("--4", "not a number")]
        [DataRow("   ", "empty")]
        [DataRow("12345678901234567", "too long")]
        [DataRow("85.01", "out of range")]
        [DataRow("100", "out of range")]
        [DataRow("-40.01", "out of range")]
        [DataRow("99999999999999", "not a number")]
        public void RejectedPutPayloadsGet400AndChangeNothing(string payload, string diagnosticStart)
        {
            ThermoDevHarness h = new ThermoDevHarness(new SimulatedSensor());
            h.Observe();
            CoapMessage answer = h.PutTemperature(payload, -1);
            Assert.AreEqual(CoapCode.BadRequest, answer.Code);
            Assert.StartsWith(diagnosticStart, ThermoDevHarness.Text(answer));
            Assert.AreEqual(-1, ThermoDevHarness.UIntOption(answer, CoapOption.ContentFormat));
            Assert.AreEqual(1, h.Transport.SentCount, "only the answer, no notification");
            Assert.AreEqual(0, h.Notifications());
            Assert.AreEqual("25.0", ThermoDevHarness.Text(h.GetTemperature(-1)));
        }

        [TestMethod]
        public void AnEmptyPutGets400()
        {
            ThermoDevHarness h = new ThermoDevHarness(new SimulatedSensor());
            CoapMessage answer = h.Request(CoapCode.Put, "temp", -1, -1, null);
            Assert.AreEqual(CoapCode.BadRequest, answer.Code);
            Assert.StartsWith("empty", ThermoDevHarness.Text(answer));
        }

        [TestMethod]
        [DataRow(CoapContentFormat.OctetStream)]
        [DataRow(CoapContentFormat.LinkFormat)]
        [DataRow(CoapContentFormat.Cbor)]
        public void PutInAnotherContentFormatIsUnsupported(int contentFormat)
        {
            ThermoDevHarness h = new ThermoDevHarness(new SimulatedSensor());
            Assert.AreEqual(CoapCode.UnsupportedContentFormat, h.PutTemperature("30.5", contentFormat).Code);
            Assert.AreEqual("25.0", ThermoDevHarness.Text(h.GetTemperature(-1)));
        }

        [TestMethod]
        public void APutNotifiesObserversOnlyWhenTheReportedValueChanges()
        {
            ThermoDevHarness h = new ThermoDevHarness(new SimulatedSensor());
            // The turn that answers the PUT also sends the notification: two datagrams, or one.
            Assert.AreEqual("25.0", ThermoDevHarness.Text(h.Observe()));
            h.PutTemperature("30.5", -1);
            Assert.AreEqual(2, h.Transport.SentCount);
            Assert.AreEqual("30.5", h.LastSentText());
            h.PutTemperature("30.5", -1);
            Assert.AreEqual(1, h.Transport.SentCount);
            h.PutTemperature("30.54", -1);
            Assert.AreEqual(1, h.Transport.SentCount);
            h.PutTemperature("30.56", -1);
            Assert.AreEqual(2, h.Transport.SentCount);
            Assert.AreEqual("30.6", h.LastSentText());
            Assert.AreEqual(0, h.Notifications());
        }

        [TestMethod]
        public void ObserversOfOneChangeEachGetTheFormatTheyRegisteredFor()
        {
            ThermoDevHarness h = new ThermoDevHarness(new SimulatedSensor());
            int[] accepts = new int[] { -1, CoapContentFormat.SenmlJson, -1, CoapContentFormat.SenmlCbor };
            for (int i = 0; i < accepts.Length; i++)
            {
                h.Send(Requests.Get(CoapMessageType.Confirmable, 0x200 + i, new byte[] { (byte)(0x30 + i) }, "temp", 0, accepts[i]), ServerHarness.Endpoint((byte)(10 + i)));
            }

            h.PutTemperature("30.5", -1);
            Assert.AreEqual(1 + accepts.Length, h.Transport.SentCount);
            for (int i = 0; i < accepts.Length; i++)
            {
                CoapMessage notification = ServerHarness.Parse(h.Transport.Sent(1 + i));
                Assert.AreEqual(0x30 + i, (int)notification.Buffer[notification.TokenOffset]);
                Assert.AreEqual(accepts[i] < 0 ? CoapContentFormat.TextPlain : accepts[i], ThermoDevHarness.UIntOption(notification, CoapOption.ContentFormat));
            }

            Assert.AreEqual("30.5", ThermoDevHarness.Text(ServerHarness.Parse(h.Transport.Sent(3))));
        }

        [TestMethod]
        public void AFailedSensorGives503WithMaxAgeAndNeverAStaleValue()
        {
            SimulatedSensor sensor = new SimulatedSensor();
            ThermoDevHarness h = new ThermoDevHarness(sensor);
            sensor.Failing = true;
            h.Device.ReadLoop.ReadOnce();
            CoapMessage answer = h.GetTemperature(-1);
            Assert.AreEqual(CoapCode.ServiceUnavailable, answer.Code);
            Assert.AreEqual(1, ThermoDevHarness.UIntOption(answer, CoapOption.MaxAge));
            Assert.AreEqual("sensor unavailable", ThermoDevHarness.Text(answer));

            sensor.Failing = false;
            h.Device.ReadLoop.ReadOnce();
            Assert.AreEqual("25.0", ThermoDevHarness.Text(h.GetTemperature(-1)));
        }

        [TestMethod]
        public void ASimulatedSensorHasNoPressureResource()
        {
            ThermoDevHarness h = new ThermoDevHarness(new SimulatedSensor());
            Assert.IsNull(h.Device.Pressure);
            Assert.AreEqual(CoapCode.NotFound, h.Request(CoapCode.Get, "pressure", -1, -1, null).Code);
        }

        [TestMethod]
        public void TempIsDescribedForDiscovery()
        {
            ThermoDevHarness h = new ThermoDevHarness(new SimulatedSensor());
            CoapResource temp = h.Device.Temperature;
            Assert.AreEqual("temp", temp.Path);
            Assert.AreEqual("temperature-c", temp.ResourceType);
            Assert.AreEqual("core.s", temp.InterfaceDescription);
            Assert.IsTrue(temp.Observable);
            Assert.AreEqual(CoapContentFormat.TextPlain, temp.ContentFormat);
        }
    }
}
