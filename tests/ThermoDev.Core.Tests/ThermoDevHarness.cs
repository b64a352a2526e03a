using Coap.Micro;
using nanoFramework.TestFramework;
using ThermoDev.Sensors;
using ThermoDev.Tests.Server;

namespace ThermoDev.Tests.ThermoDev
{
    /// <summary>ThermoDev on the in-memory transport with a fake clock: requests in, answers out, one turn at a time.</summary>
    public sealed class ThermoDevHarness
    {
        /// <summary>The transport.</summary>
        public readonly InMemoryTransport Transport = new InMemoryTransport();

        /// <summary>The clock.</summary>
        public readonly FakeClock Clock = new FakeClock();

        /// <summary>The client's endpoint.</summary>
        public readonly CoapEndpoint Client = ServerHarness.Endpoint(1);

        /// <summary>ThermoDev under test.</summary>
        public readonly ThermoDevServer Device;

        private int _messageId = 0x2000;

        /// <summary>ThermoDev reading <paramref name="sensor"/> every second, Max-Age 10 s, writes from everyone; one reading taken.</summary>
        public ThermoDevHarness(ITemperatureSensor sensor)
        {
            ThermoDevOptions options = new ThermoDevOptions();
            options.ReadIntervalMilliseconds = 1000;
            options.MaxAgeSeconds = 10;
            options.WritePolicy = CoapWritePolicy.Everyone;
            Device = new ThermoDevServer(Transport, Clock, new RepeatingRandom(7, 500), sensor, options);
            Device.ReadLoop.ReadOnce();
            Device.Server.Poll(0);
        }

        /// <summary>Sends a CON request and returns the piggybacked answer.</summary>
        public CoapMessage Request(byte code, string path, int accept, int contentFormat, byte[] payload)
        {
            byte[] buffer = new byte[128];
            CoapMessageWriter writer = new CoapMessageWriter();
            writer.Begin(buffer, 0, buffer.Length, CoapMessageType.Confirmable, code, (ushort)_messageId++, new byte[] { 0x7E }, 0, 1);
            writer.AddAsciiOption(CoapOption.UriPath, path);
            if (contentFormat >= 0)
            {
                writer.AddUIntOption(CoapOption.ContentFormat, (uint)contentFormat);
            }

            if (accept >= 0)
            {
                writer.AddUIntOption(CoapOption.Accept, (uint)accept);
            }

            if (payload != null)
            {
                writer.AddPayload(payload, 0, payload.Length);
            }

            byte[] request = new byte[writer.Length];
            System.Array.Copy(buffer, request, request.Length);
            Transport.ClearSent();
            Transport.Inject(request, Client);
            Device.Server.Poll(0);
            Assert.IsTrue(Transport.SentCount >= 1);
            return ServerHarness.Parse(Transport.Sent(0));
        }

        /// <summary>Sends <paramref name="request"/> from <paramref name="from"/>; returns the one answer.</summary>
        public CoapMessage Send(byte[] request, CoapEndpoint from)
        {
            Transport.ClearSent();
            Transport.Inject(request, from);
            Device.Server.Poll(0);
            Assert.AreEqual(1, Transport.SentCount);
            return ServerHarness.Parse(Transport.Sent(0));
        }

        /// <summary>GET /temp with an Accept (or -1 for none).</summary>
        public CoapMessage GetTemperature(int accept)
        {
            return Request(CoapCode.Get, "temp", accept, -1, null);
        }

        /// <summary>PUT /temp with <paramref name="text"/> (ASCII) and a Content-Format (or -1 for none).</summary>
        public CoapMessage PutTemperature(string text, int contentFormat)
        {
            return Request(CoapCode.Put, "temp", -1, contentFormat, Ascii.Bytes(text));
        }

        /// <summary>Registers an observer of /temp from <see cref="Client"/> with token 0x0B; returns the ACK.</summary>
        public CoapMessage Observe()
        {
            byte[] request = Requests.Get(CoapMessageType.Confirmable, _messageId++, new byte[] { 0x0B }, "temp", 0, -1);
            Transport.ClearSent();
            Transport.Inject(request, Client);
            Device.Server.Poll(0);
            return ServerHarness.Parse(Transport.Sent(0));
        }

        /// <summary>One turn of the server with no datagram; the notifications it sent.</summary>
        public int Notifications()
        {
            Transport.ClearSent();
            Device.Server.Poll(0);
            return Transport.SentCount;
        }

        /// <summary>The payload of the last datagram sent, as text.</summary>
        public string LastSentText()
        {
            return ServerHarness.PayloadText(ServerHarness.Parse(Transport.Sent(Transport.SentCount - 1)));
        }

        /// <summary>The payload of <paramref name="message"/> as text (ASCII; the degree sign as its two UTF-8 bytes).</summary>
        public static string Text(CoapMessage message)
        {
            return ServerHarness.PayloadText(message);
        }

        /// <summary>The uint option <paramref name="number"/> of <paramref name="message"/>, or -1.</summary>
        public static int UIntOption(CoapMessage message, int number)
        {
            uint value;
            return message.TryGetUIntOption(number, 0, out value) ? (int)value : -1;
        }
    }
}
