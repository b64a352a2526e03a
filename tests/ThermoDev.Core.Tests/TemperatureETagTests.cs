using Coap.Micro;
using nanoFramework.TestFramework;
using ThermoDev.Sensors;
using ThermoDev.Tests.Server;

namespace ThermoDev.Tests.ThermoDev
{
    /// <summary>/temp's ETag (its format and value, RFC 7252 §5.10.6) and what discovery lists of ThermoDev (RFC 6690).</summary>
    [TestClass]
    public class TemperatureETagTests
    {
        private static CoapMessage Send(ThermoDevHarness h, byte[] request)
        {
            h.Transport.ClearSent();
            h.Transport.Inject(request, h.Client);
            h.Device.Server.Poll(0);
            Assert.AreEqual(1, h.Transport.SentCount);
            return ServerHarness.Parse(h.Transport.Sent(0));
        }

        private static string ETagOf(CoapMessage message)
        {
            byte[] etag = BlockHarness.ETagOf(message);
            return etag == null ? "none" : Hex.Format(etag, 0, etag.Length);
        }

        [TestMethod]
        public void TheETagIsTheFormatAndTheValue()
        {
            ThermoDevHarness h = new ThermoDevHarness(new SimulatedSensor(2612));
            Assert.AreEqual("00 0A 34", ETagOf(h.GetTemperature(-1)));
            Assert.AreEqual("6E 0A 34", ETagOf(h.GetTemperature(CoapContentFormat.SenmlJson)));
            Assert.AreEqual("70 0A 34", ETagOf(h.GetTemperature(CoapContentFormat.SenmlCbor)));
            Assert.AreEqual(1, h.GetTemperature(-1).CountOptions(CoapOption.ETag));
            h.PutTemperature("-4.5", -1);
            Assert.AreEqual("00 FE 3E", ETagOf(h.GetTemperature(-1)));
        }

        [TestMethod]
        public void AClientHoldingTheCurrentReadingIsToldItIsValid()
        {
            ThermoDevHarness h = new ThermoDevHarness(new SimulatedSensor(2612));
            CoapMessage answer = Send(h, RequestBuilder.Get(1).Option(CoapOption.ETag, new byte[] { 0x00, 0x0A, 0x34 }).Path("temp").ToArray());
            Assert.AreEqual((int)CoapCode.Valid, (int)answer.Code);
            Assert.AreEqual(0, answer.PayloadLength);
            Assert.AreEqual(10, ThermoDevHarness.UIntOption(answer, CoapOption.MaxAge));
            h.PutTemperature("30.5", -1);
            answer = Send(h, RequestBuilder.Get(2).Option(CoapOption.ETag, new byte[] { 0x00, 0x0A, 0x34 }).Path("temp").ToArray());
            Assert.AreEqual((int)CoapCode.Content, (int)answer.Code);
            Assert.AreEqual("30.5", ThermoDevHarness.Text(answer));
        }

        [TestMethod]
        public void APutIfTheReadingIsStillTheOneSeen()
        {
            ThermoDevHarness h = new ThermoDevHarness(new SimulatedSensor(2612));
            byte[] value = Ascii.Bytes("30.5");
            CoapMessage stale = Send(h, new RequestBuilder(CoapMessageType.Confirmable, CoapCode.Put, 3).Option(CoapOption.IfMatch, new byte[] { 0x00, 0x0B, 0x00 }).Path("temp").Payload(value, 0, value.Length).ToArray());
            Assert.AreEqual((int)CoapCode.PreconditionFailed, (int)stale.Code);
            Assert.AreEqual("26.1", ThermoDevHarness.Text(h.GetTemperature(-1)));
            CoapMessage current = Send(h, new RequestBuilder(CoapMessageType.Confirmable, CoapCode.Put, 4).Option(CoapOption.IfMatch, new byte[] { 0x00, 0x0A, 0x34 }).Path("temp").Payload(value, 0, value.Length).ToArray());
            Assert.AreEqual((int)CoapCode.Changed, (int)current.Code);
        }

        [TestMethod]
        public void AFailedSensorHasNoETag()
        {
            SimulatedSensor sensor = new SimulatedSensor();
            ThermoDevHarness h = new ThermoDevHarness(sensor);
            sensor.Failing = true;
            h.Device.ReadLoop.ReadOnce();
            Assert.AreEqual("none", ETagOf(h.GetTemperature(-1)));
        }

        [TestMethod]
        public void DiscoveryListsTemperatureAndPressure()
        {
            // Longer than the 64-byte block size: fetched block by block, as a client does (RFC 7959 §2.4).
            ThermoDevHarness h = new ThermoDevHarness(new FixedSensor());
            string links = "";
            uint block = BlockOption.Encode(0, true, 2);
            for (int num = 0; BlockOption.MoreOf(block); num++)
            {
                CoapMessage answer = Send(h, RequestBuilder.Get(5 + num).Path(".well-known/core").Block(CoapOption.Block2, num, false, 2).ToArray());
                Assert.AreEqual((int)CoapCode.Content, (int)answer.Code);
                Assert.IsTrue(answer.TryGetUIntOption(CoapOption.Block2, 0, out block));
                links += ThermoDevHarness.Text(answer);
            }

            Assert.AreEqual(
                "</temp>;rt=\"temperature-c\";if=\"core.s\";ct=0;obs;title=\"Temperature\","
                + "</pressure>;rt=\"pressure-hpa\";if=\"core.s\";ct=0;obs;title=\"Air pressure\"",
                links);
        }
    }
}
