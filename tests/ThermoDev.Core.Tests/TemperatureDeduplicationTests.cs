using Coap.Micro;
using nanoFramework.TestFramework;
using ThermoDev.Sensors;
using ThermoDev.Tests.Server;

namespace ThermoDev.Tests.ThermoDev
{
    /// <summary>A retransmitted PUT of /temp is never processed twice within EXCHANGE_LIFETIME (RFC 7252 §4.5), whatever GETs come between.</summary>
    [TestClass]
    public class TemperatureDeduplicationTests
    {
        [TestMethod]
        public void FortyGetsFromOtherClientsDoNotLetARetransmittedPutRunAgain()
        {
            ThermoDevHarness h = new ThermoDevHarness(new SimulatedSensor());
            byte[] first = Put(0x0101, "30.0");
            Assert.AreEqual(CoapCode.Changed, h.Send(first, ServerHarness.Endpoint(1)).Code);
            h.Clock.Now += 100;
            Assert.AreEqual(CoapCode.Changed, h.Send(Put(0x0202, "31.0"), ServerHarness.Endpoint(2)).Code);
            for (int i = 0; i < 40; i++)
            {
                h.Clock.Now += 100;
                byte[] get = Requests.Get(CoapMessageType.Confirmable, 0x0300 + i, new byte[] { 0x33 }, "temp", -1, -1);
                Assert.AreEqual(CoapCode.Content, h.Send(get, ServerHarness.Endpoint((byte)(10 + i))).Code);
            }

            h.Clock.Now += 2000;
            CoapMessage again = h.Send(first, ServerHarness.Endpoint(1));
            Assert.AreEqual(CoapCode.Changed, again.Code);
            Assert.AreEqual("31.0", ThermoDevHarness.Text(h.GetTemperature(-1)));
            Assert.AreEqual(1, h.Device.Server.Counters.Duplicates);
        }

        // CON PUT /temp with a text payload and token 0x55.
        private static byte[] Put(int messageId, string text)
        {
            byte[] buffer = new byte[64];
            CoapMessageWriter writer = new CoapMessageWriter();
            writer.Begin(buffer, 0, buffer.Length, CoapMessageType.Confirmable, CoapCode.Put, (ushort)messageId, new byte[] { 0x55 }, 0, 1);
            writer.AddAsciiOption(CoapOption.UriPath, "temp");
            byte[] payload = Ascii.Bytes(text);
            writer.AddPayload(payload, 0, payload.Length);
            byte[] request = new byte[writer.Length];
            System.Array.Copy(buffer, request, request.Length);
            return request;
        }
    }
}
