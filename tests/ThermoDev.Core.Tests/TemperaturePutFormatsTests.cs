using Coap.Micro;
using nanoFramework.TestFramework;
using ThermoDev.Sensors;

namespace ThermoDev.Tests.ThermoDev
{
    /// <summary>PUT /temp as a JSON number (Content-Format 50) and as a one-record SenML pack in JSON (110) and CBOR (112).</summary>
    [TestClass]
    public class TemperaturePutFormatsTests
    {
        [TestMethod]
        [DataRow("30.5", "30.5")]
        [DataRow("-4", "-4.0")]
        [DataRow("2.5e1", "25.0")]
        [DataRow("2150E-2", "21.5")]
        [DataRow("0.2149e+2", "21.5")]
        [DataRow(" 21.50000000000000000001 ", "21.5")]
        [DataRow("-0", "0.0")]
        public void AJsonNumberSetsTheValue(string payload, string reported)
        {
            ThermoDevHarness h = new ThermoDevHarness(new SimulatedSensor());
            Assert.AreEqual(CoapCode.Changed, h.PutTemperature(payload, CoapContentFormat.Json).Code);
            Assert.AreEqual(reported, ThermoDevHarness.Text(h.GetTemperature(-1)));
        }

        [TestMethod]
        [DataRow("+5", "not a JSON number")]
        [DataRow("05", "not a JSON number")]
        [DataRow(".5", "not a JSON number")]
        [DataRow("5.", "not a JSON number")]
        [DataRow("1e", "not a JSON number")]
        [DataRow("NaN", "not a JSON number")]
        [DataRow("\"30.5\"", "not a JSON number")]
        [DataRow("[30.5]", "not a JSON number")]
        [DataRow("30.5 1", "not a JSON number")]
        [DataRow("1e400", "out of range")]
        [DataRow("100", "out of range")]
        [DataRow(" ", "empty")]
        public void AMalformedJsonNumberGets400AndChangesNothing(string payload, string diagnosticStart)
        {
            Rejected(CoapContentFormat.Json, Ascii.Bytes(payload), diagnosticStart);
        }

        [TestMethod]
        [DataRow("[{\"n\":\"temp\",\"u\":\"Cel\",\"v\":21.5}]", "21.5")]
        [DataRow("[{\"n\":\"temp\",\"v\":22}]", "22.0")]
        [DataRow("[{\"bn\":\"te\",\"n\":\"mp\",\"v\":-3.25}]", "-3.3")]
        [DataRow("[{\"bn\":\"temp\",\"bu\":\"Cel\",\"v\":2.35e1}]", "23.5")]
        [DataRow(" [ { \"v\" : 20 , \"n\" : \"temp\" } ]\n", "20.0")]
        public void ASenmlJsonPackSetsTheValue(string payload, string reported)
        {
            ThermoDevHarness h = new ThermoDevHarness(new SimulatedSensor());
            Assert.AreEqual(CoapCode.Changed, h.PutTemperature(payload, CoapContentFormat.SenmlJson).Code);
            Assert.AreEqual(reported, ThermoDevHarness.Text(h.GetTemperature(-1)));
        }

        [TestMethod]
        [DataRow("[{\"n\":\"pressure\",\"v\":21.5}]")]
        [DataRow("[{\"n\":\"temp\",\"u\":\"K\",\"v\":294}]")]
        [DataRow("[{\"n\":\"temp\",\"bu\":\"K\",\"v\":294}]")]
        [DataRow("[{\"n\":\"temp\"}]")]
        [DataRow("[{\"n\":\"temp\",\"v\":\"21.5\"}]")]
        [DataRow("[{\"n\":\"temp\",\"v\":21.5,\"v\":22}]")]
        [DataRow("[{\"n\":\"temp\",\"t\":0,\"v\":21.5}]")]
        [DataRow("[{\"n\":\"temp\",\"v\":21.5},{\"n\":\"temp\",\"v\":22}]")]
        [DataRow("{\"n\":\"temp\",\"v\":21.5}")]
        [DataRow("[{\"n\":\"temp\",\"v\":21.5}]x")]
        [DataRow("[{\"n\":\"te\\u006dp\",\"v\":21.5}]")]
        [DataRow("[{\"n\":\"temp\",\"v\":21.5}")]
        [DataRow("[]")]
        public void AMalformedSenmlJsonPackGets400AndChangesNothing(string payload)
        {
            Rejected(CoapContentFormat.SenmlJson, Ascii.Bytes(payload), "not a SenML pack");
        }

        [TestMethod]
        [DataRow("81 A3 00 64 74 65 6D 70 01 63 43 65 6C 02 FB 40 3E 80 00 00 00 00 00", "30.5")]
        [DataRow("81 A2 00 64 74 65 6D 70 02 18 1E", "30.0")]
        [DataRow("81 A2 02 23 21 64 74 65 6D 70", "-4.0")]
        [DataRow("81 A2 00 64 74 65 6D 70 02 F9 4E 60", "25.5")]
        [DataRow("81 A3 21 62 74 65 00 62 6D 70 02 FA 41 AC 00 00", "21.5")]
        public void ASenmlCborPackSetsTheValue(string hex, string reported)
        {
            ThermoDevHarness h = new ThermoDevHarness(new SimulatedSensor());
            Assert.AreEqual(CoapCode.Changed, h.Request(CoapCode.Put, "temp", -1, CoapContentFormat.SenmlCbor, Hex.Parse(hex)).Code);
            Assert.AreEqual(reported, ThermoDevHarness.Text(h.GetTemperature(-1)));
        }

        [TestMethod]
        public void WhatGetWritesInSenmlCborPutsBack()
        {
            ThermoDevHarness h = new ThermoDevHarness(new SimulatedSensor(-445));
            CoapMessage pack = h.GetTemperature(CoapContentFormat.SenmlCbor);
            byte[] payload = new byte[pack.PayloadLength];
            System.Array.Copy(pack.Buffer, pack.PayloadOffset, payload, 0, payload.Length);
            Assert.AreEqual(CoapCode.Changed, h.Request(CoapCode.Put, "temp", -1, CoapContentFormat.SenmlCbor, payload).Code);
            Assert.AreEqual("-4.5", ThermoDevHarness.Text(h.GetTemperature(-1)));
        }

        [TestMethod]
        [DataRow("82 A2 00 64 74 65 6D 70 02 01 A2 00 64 74 65 6D 70 02 01")]
        [DataRow("81 A2 00 65 70 72 65 73 73 02 01")]
        [DataRow("81 A3 00 64 74 65 6D 70 01 61 4B 02 01")]
        [DataRow("81 A2 00 64 74 65 6D 70 06 01")]
        [DataRow("81 A1 00 64 74 65 6D 70")]
        [DataRow("81 A2 00 64 74 65 6D 70 02 F9 7E 00")]
        [DataRow("81 A2 00 64 74 65 6D 70 02 FB 40 3E")]
        [DataRow("81 A2 00 64 74 65 6D 70 02 61 31")]
        [DataRow("81 A2 00 64 74 65 6D 70 02 01 00")]
        [DataRow("9F A2 00 64 74 65 6D 70 02 01 FF")]
        public void AMalformedSenmlCborPackGets400AndChangesNothing(string hex)
        {
            Rejected(CoapContentFormat.SenmlCbor, Hex.Parse(hex), "not a SenML pack");
        }

        private static void Rejected(int contentFormat, byte[] payload, string diagnosticStart)
        {
            ThermoDevHarness h = new ThermoDevHarness(new SimulatedSensor());
            CoapMessage answer = h.Request(CoapCode.Put, "temp", -1, contentFormat, payload);
            Assert.AreEqual(CoapCode.BadRequest, answer.Code);
            Assert.StartsWith(diagnosticStart, ThermoDevHarness.Text(answer));
            Assert.AreEqual("25.0", ThermoDevHarness.Text(h.GetTemperature(-1)));
        }
    }
}
