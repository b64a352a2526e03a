using System;
using Coap.Micro;
#if !NO_THERMODEV
using ThermoDev.Resources;
using ThermoDev.Sensors;
#endif

namespace Coap.Micro.InterpreterBench
{
    /// <summary>A clock that stands still: nothing expires and nothing is retransmitted while a path runs.</summary>
    public sealed class StillClock : ICoapClock
    {
        /// <summary>Always the same instant.</summary>
        public long NowMilliseconds
        {
            get { return 1000000; }
        }
    }

#if !LEGACY_RANDOM
    /// <summary>A linear congruential sequence (the same on every runtime), allocation-free.</summary>
    public sealed class SequenceRandom : ICoapRandom
    {
        private uint _state = 12345;

        /// <summary>The next value in [0, <paramref name="maxExclusive"/>).</summary>
        public int Next(int maxExclusive)
        {
            _state = _state * 1103515245u + 12345u;
            return maxExclusive <= 1 ? 0 : (int)((_state >> 8) % (uint)maxExclusive);
        }
    }
#endif

#if !NO_DISCOVERY
    /// <summary>A GET resource with the link attributes a sensor lists (rt, if, ct, obs, title), for discovery.</summary>
    public sealed class ListedResource : CoapResource
    {
        /// <summary>Creates it at <paramref name="path"/>.</summary>
        public ListedResource(string path, bool observable, string title)
            : base(path, CoapMethods.Get)
        {
            ResourceType = "temperature-c";
            InterfaceDescription = "core.s";
            ContentFormat = 0;
            Observable = observable;
            Title = title;
        }

        /// <summary>Never asked for: the path measures the link list.</summary>
        public override void Get(CoapMessage request, CoapResponse response)
        {
        }
    }
#endif

#if NO_THERMODEV
    /// <summary>
    /// /temp for sources older than ThermoDev.Core (built into both builds of such a comparison): GET
    /// answers text/plain "25.0" with Max-Age; PUT of 1 to 8 bytes keeps them and answers 2.04.
    /// </summary>
    public sealed class StandInTemperature : CoapResource
    {
        private readonly byte[] _value = { (byte)'2', (byte)'5', (byte)'.', (byte)'0', 0, 0, 0, 0 };
        private int _length = 4;

        /// <summary>Creates /temp.</summary>
        public StandInTemperature()
            : base("temp", CoapMethods.Get | CoapMethods.Put)
        {
            ContentFormat = 0;
            Observable = true;
        }

        /// <summary>The value, text/plain.</summary>
        public override void Get(CoapMessage request, CoapResponse response)
        {
            response.SetContentFormat(0);
            response.SetMaxAge(10);
            response.AddPayload(_value, 0, _length);
        }

        /// <summary>Keeps the payload as the value.</summary>
        public override void Put(CoapMessage request, CoapResponse response)
        {
            int length = request.PayloadLength;
            if (length < 1 || length > _value.Length)
            {
                response.Code = CoapCode.BadRequest;
                return;
            }

            Array.Copy(request.Buffer, request.PayloadOffset, _value, 0, length);
            _length = length;
            response.Code = CoapCode.Changed;
#if !NO_OBSERVE
            Changed();
#endif
        }
    }
#endif

    /// <summary>
    /// The device as ThermoDevServer puts it together (a CoAP server with /temp of a simulated sensor at
    /// 25.0 °C, read once), writes allowed from everyone as in the PC build, on a <see cref="BenchTransport"/>.
    /// </summary>
    public sealed class Device
    {
        /// <summary>The device with <paramref name="maxObservers"/> observers, one CON notification every <paramref name="confirmableEvery"/>.</summary>
        public Device(int maxObservers, int confirmableEvery)
        {
            var options = new CoapServerOptions();
#if !NO_OBSERVE
            options.MaxObservers = maxObservers;
            options.NotificationConfirmableEvery = confirmableEvery;
#endif
            var clock = new StillClock();
#if LEGACY_RANDOM
            Server = new CoapServer(Transport, clock, new Random(1), options);
#else
            Server = new CoapServer(Transport, clock, new SequenceRandom(), options);
#endif
#if !NO_WRITE_POLICY
            Server.WritePolicy = CoapWritePolicy.Everyone;
#endif
#if NO_THERMODEV
            Temperature = new StandInTemperature();
            Server.Add(Temperature);
#else
            var sensor = new SimulatedSensor();
            var state = new SensorState();
            var temperature = new TemperatureResource(sensor, state, 10, 1);
            Temperature = temperature;
            Server.Add(temperature);
#if LEGACY_READ_LOOP
            new ThermoDev.SensorReadLoop(sensor, state, temperature, null, clock, 1000, 10).ReadOnce();
#else
            new ThermoDev.SensorReadLoop(sensor, state, temperature, null, 1000).ReadOnce();
#endif
#endif
        }

        /// <summary>The transport.</summary>
        public readonly BenchTransport Transport = new BenchTransport();

        /// <summary>The server.</summary>
        public readonly CoapServer Server;

        /// <summary>/temp.</summary>
        public readonly CoapResource Temperature;

        /// <summary>Hands <paramref name="request"/> from <paramref name="from"/> to one turn of the loop; null when the answer is as expected (see <see cref="Datagrams.Check"/>), else what differs.</summary>
        public string Exchange(byte[] request, CoapEndpoint from, int type, int code, int option, int payloadLength)
        {
            Transport.Prepare(request, null, from, false);
            Transport.KeepLastSent = true;
            int sent = Transport.Sent;
            Transport.Ready = true;
            Server.Poll(0);
            Transport.KeepLastSent = false;
            if (Transport.Sent != sent + 1)
            {
                return (Transport.Sent - sent) + " datagrams sent, expected 1";
            }

            return Datagrams.Check(Transport.LastSent, Transport.LastLength, type, code, option, payloadLength);
        }
    }
}
