using System;
using Coap.Micro;
using ThermoDev;
using ThermoDev.Sensors;

namespace Coap.Micro.Benchmarks
{
    /// <summary>
    /// ThermoDev as a board builds it (default options, the simulated sensor, /temp) on a
    /// <see cref="BenchTransport"/>, with helpers to build requests and run the server's loop by hand.
    /// A new benchmark needs only a request (see <see cref="Request(CoapMessageType, byte, string, int, byte[])"/>) and <see cref="Exchange"/>.
    /// </summary>
    public sealed class FirmwareRig
    {
        private readonly ManualClock _clock = new ManualClock();

        /// <summary>The firmware with <paramref name="maxObservers"/> observers (the device default when 0 or less).</summary>
        public FirmwareRig(int maxObservers)
        {
            var options = new ThermoDevOptions();
            if (maxObservers > 0)
            {
                options.Server.MaxObservers = maxObservers;
            }

            Firmware = new ThermoDevServer(Transport, _clock, new CoapRandom(new Random(1)), new SimulatedSensor(), options);
            Firmware.ReadLoop.ReadOnce();
            Client = Peer(1);
        }

        /// <summary>The transport.</summary>
        public BenchTransport Transport { get; } = new BenchTransport();

        /// <summary>The firmware.</summary>
        public ThermoDevServer Firmware { get; }

        /// <summary>The endpoint requests come from.</summary>
        public CoapEndpoint Client { get; }

        /// <summary>The endpoint 10.0.0.<paramref name="id"/>:5683.</summary>
        public static CoapEndpoint Peer(int id)
        {
            var endpoint = new CoapEndpoint(Ipv4Endpoint.Length);
            Ipv4Endpoint.Write(endpoint, 10 | (id & 0xFF) << 24 | ((id >> 8) & 0xFF) << 16, 5683);
            return endpoint;
        }

        /// <summary>
        /// A request to <paramref name="path"/> (segments split at '/') with a 2-byte token, optional Observe and
        /// payload. Its Message ID is at bytes 2 and 3 (<see cref="SetMessageId"/>).
        /// </summary>
        public static byte[] Request(CoapMessageType type, byte method, string path, int observe, byte[] payload)
        {
            return Request(type, method, path, observe, payload, -1, 0);
        }

        /// <summary>
        /// As <see cref="Request(CoapMessageType, byte, string, int, byte[])"/>, asking for Block2 block
        /// <paramref name="blockNumber"/> of size exponent <paramref name="szx"/> (RFC 7959 §2.2) when
        /// <paramref name="blockNumber"/> is 0 or more.
        /// </summary>
        public static byte[] Request(CoapMessageType type, byte method, string path, int observe, byte[] payload, int blockNumber, int szx)
        {
            var buffer = new byte[128];
            var writer = new CoapMessageWriter();
            byte[] token = { 0x7A, 0x01 };
            writer.Begin(buffer, 0, buffer.Length, type, method, 1, token, 0, token.Length);
            if (observe >= 0)
            {
                writer.AddUIntOption(CoapOption.Observe, (uint)observe);
            }

            foreach (string segment in path.Split('/'))
            {
                writer.AddAsciiOption(CoapOption.UriPath, segment);
            }

            if (payload != null)
            {
                writer.AddUIntOption(CoapOption.ContentFormat, CoapContentFormat.TextPlain);
            }

            if (blockNumber >= 0)
            {
                writer.AddUIntOption(CoapOption.Block2, BlockOption.Encode(blockNumber, false, szx));
            }

            if (payload != null)
            {
                writer.AddPayload(payload, 0, payload.Length);
            }

            return buffer.AsSpan(0, writer.Length).ToArray();
        }

        /// <summary>Writes <paramref name="messageId"/> into a request built by <see cref="Request(CoapMessageType, byte, string, int, byte[])"/>.</summary>
        public static void SetMessageId(byte[] request, int messageId)
        {
            request[2] = (byte)(messageId >> 8);
            request[3] = (byte)messageId;
        }

        /// <summary>Delivers <paramref name="datagram"/> from <paramref name="from"/> and runs one turn of the loop; returns the answer's length.</summary>
        public int Exchange(byte[] datagram, CoapEndpoint from)
        {
            Transport.Enqueue(datagram, datagram.Length, from);
            Firmware.Server.Poll(0);
            return Transport.LastSentLength;
        }

        /// <summary>
        /// Delivers <paramref name="datagram"/> from <see cref="Client"/>, runs one turn, and returns the
        /// answer parsed (for set-up checks: it copies the answer).
        /// </summary>
        public CoapMessage ExchangeAndParse(byte[] datagram)
        {
            Transport.KeepLastSent = true;
            int length = Exchange(datagram, Client);
            Transport.KeepLastSent = false;
            var answer = new CoapMessage(16);
            answer.Parse(Transport.LastSent, 0, length);
            return answer;
        }

        /// <summary>Runs turns of the loop until nothing waits to be received; returns how many datagrams were sent meanwhile.</summary>
        public long Drain()
        {
            long before = Transport.Sent;
            do
            {
                Firmware.Server.Poll(0);
            }
            while (Transport.Pending > 0);
            return Transport.Sent - before;
        }

        private sealed class ManualClock : ICoapClock
        {
            public long NowMilliseconds => 0;
        }
    }
}
