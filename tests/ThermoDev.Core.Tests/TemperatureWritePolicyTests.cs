using System;
using Coap.Micro;
using nanoFramework.TestFramework;
using ThermoDev.Sensors;
using ThermoDev.Tests.Server;

namespace ThermoDev.Tests.ThermoDev
{
    /// <summary>Who may PUT /temp: nobody by default; a refused PUT gets 4.03 and leaves the value and the observers alone.</summary>
    [TestClass]
    public class TemperatureWritePolicyTests
    {
        private static readonly byte[] Token = { 0x7E };

        private static InMemoryTransport _transport;
        private static ThermoDevServer _device;
        private static int _messageId;

        private static void Start(ThermoDevOptions options)
        {
            _transport = new InMemoryTransport();
            _device = new ThermoDevServer(_transport, new FakeClock(), new RepeatingRandom(7, 500), new SimulatedSensor(), options);
            _device.ReadLoop.ReadOnce();
            _messageId = 0x4000;
        }

        private static CoapEndpoint From(int a, int b, int c, int d)
        {
            CoapEndpoint endpoint = new CoapEndpoint();
            endpoint.Set(new byte[] { (byte)a, (byte)b, (byte)c, (byte)d, 0xC0, 0x01 }, 0, 6);
            return endpoint;
        }

        private static CoapMessage Send(byte code, string payload, int observe, CoapEndpoint from)
        {
            byte[] buffer = new byte[64];
            CoapMessageWriter writer = new CoapMessageWriter();
            writer.Begin(buffer, 0, buffer.Length, CoapMessageType.Confirmable, code, (ushort)_messageId++, Token, 0, Token.Length);
            if (observe >= 0)
            {
                writer.AddUIntOption(CoapOption.Observe, (uint)observe);
            }

            writer.AddAsciiOption(CoapOption.UriPath, "temp");
            if (payload != null)
            {
                writer.AddPayloadAscii(payload);
            }

            byte[] request = new byte[writer.Length];
            Array.Copy(buffer, request, request.Length);
            _transport.ClearSent();
            _transport.Inject(request, from);
            _device.Server.Poll(0);
            Assert.AreEqual(1, _transport.SentCount);
            return ServerHarness.Parse(_transport.Sent(0));
        }

        [TestMethod]
        public void ByDefaultNobodyMayPutAndTheValueStays()
        {
            Start(new ThermoDevOptions());
            Assert.AreSame(CoapWritePolicy.Nobody, _device.Server.WritePolicy);
            CoapEndpoint observer = From(192, 168, 1, 5);
            Assert.AreEqual(CoapCode.Content, Send(CoapCode.Get, null, 0, observer).Code);

            CoapMessage answer = Send(CoapCode.Put, "30.5", -1, From(192, 168, 1, 9));
            Assert.AreEqual(CoapCode.Forbidden, answer.Code);
            Assert.AreEqual("writes not allowed from this address", ServerHarness.PayloadText(answer));
            Assert.AreEqual(2500, _device.State.Temperature);
            Assert.AreEqual("25.0", ServerHarness.PayloadText(Send(CoapCode.Get, null, -1, observer)));

            // The observer heard nothing: the value did not change.
            _transport.ClearSent();
            _device.Server.Poll(0);
            Assert.AreEqual(0, _transport.SentCount);
        }

        [TestMethod]
        public void AListedClientMayPutAndOthersMayNot()
        {
            ThermoDevOptions options = new ThermoDevOptions();
            options.WritePolicy = CoapWritePolicy.Parse("192.168.1.0/24", new Ipv4PortEndpointReader());
            Start(options);
            Assert.AreEqual(CoapCode.Forbidden, Send(CoapCode.Put, "30.5", -1, From(192, 168, 2, 9)).Code);
            Assert.AreEqual(2500, _device.State.Temperature);
            Assert.AreEqual(CoapCode.Changed, Send(CoapCode.Put, "30.5", -1, From(192, 168, 1, 9)).Code);
            Assert.AreEqual(3050, _device.State.Temperature);
        }

        [TestMethod]
        public void APolicyIsRequired()
        {
            ThermoDevOptions options = new ThermoDevOptions();
            options.WritePolicy = null;
            Assert.ThrowsException(typeof(ArgumentNullException), () => Start(options));
        }
    }
}
