using System.Collections.Generic;
using System.Linq;
using Coap.Micro;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Conformance.Resources;
using ThermoDev.HostTests.Support;

namespace ThermoDev.HostTests.Conformance
{
    /// <summary>
    /// The server of the ETSI CoAP plugtests, on Coap.Micro: the resource set the interoperability events
    /// use (/test, /separate, /seg1/seg2/seg3, /query, /location-query, /multi-format, /validate,
    /// /create1, /obs, /obs-non, /large, /large-update, /large-create, /link1 to /link3, /path and its
    /// sub-resources, and /.well-known/core), on the in-memory transport with a fake clock, so every
    /// test description runs exactly and at once, "some time elapses" included. Every answer is measured
    /// for amplification.
    /// </summary>
    public sealed class PlugtestServer
    {
        /// <summary>Time moves in steps of this many milliseconds; the loop runs once per step.</summary>
        public const int StepMilliseconds = 100;

        /// <summary>Where Observe values start: two below the 24-bit wrap, so every observation crosses it (RFC 7641 §4.4).</summary>
        public const int ObserveStart = 0xFFFFFE;

        private long _nextTick;

        /// <summary>A plugtest server with the library's default options, or <paramref name="options"/>, and any <paramref name="more"/> resources.</summary>
        public PlugtestServer(CoapServerOptions options = null, params CoapResource[] more)
        {
            Clock.Now = 1_000_000;
            _nextTick = Clock.Now + (ObservableResource.PeriodSeconds * 1000);

            // Message IDs from 0x7000, Observe values from just before the wrap, first retransmission timeouts 2.5 s.
            Server = new CoapServer(Transport, Clock, new ThermoDev.Tests.Server.RepeatingRandom(0x7000, ObserveStart, 500), options ?? new CoapServerOptions());
            Separate = new SeparateResource(Clock);
            Server.Add(Test);
            Server.Add(Separate);
            Server.Add(new TextResource("seg1/seg2/seg3", "seg1/seg2/seg3", resourceType: string.Empty));
            Server.Add(Query);
            Server.Add(LocationQuery);
            Server.Add(new MultiFormatResource());
            Server.Add(Validate);
            Server.Add(Create);
            Server.Add(Obs);
            Server.Add(ObsNon);
            Server.Add(new LargeResource());
            Server.Add(LargeUpdate);
            Server.Add(LargeCreate);
            Server.Add(new TextResource("link1", "link1", "Type1 Type2", "If1"));
            Server.Add(new TextResource("link2", "link2", "Type2 Type3", "If2"));
            Server.Add(new TextResource("link3", "link3", "Type1 Type3", "foo"));
            Server.Add(new PathResource());
            Server.Add(new TextResource("path/sub1", "/path/sub1", discoverable: false));
            Server.Add(new TextResource("path/sub2", "/path/sub2", discoverable: false));
            Server.Add(new TextResource("path/sub3", "/path/sub3", discoverable: false));
            foreach (CoapResource resource in more)
            {
                Server.Add(resource);
            }

            Server.Trace = Meter;
        }

        public MemoryTransport Transport { get; } = new MemoryTransport();

        public ThermoDev.Tests.Server.FakeClock Clock { get; } = new ThermoDev.Tests.Server.FakeClock();

        public CoapServer Server { get; }

        /// <summary>Amplification of every answer of this server.</summary>
        public AmplificationMeter Meter { get; } = new AmplificationMeter();

        public TestResource Test { get; } = new TestResource();

        public SeparateResource Separate { get; }

        public QueryResource Query { get; } = new QueryResource();

        public LocationQueryResource LocationQuery { get; } = new LocationQueryResource();

        public ValidateResource Validate { get; } = new ValidateResource();

        public CreateResource Create { get; } = new CreateResource();

        public ObservableResource Obs { get; } = new ObservableResource("obs", confirmable: true);

        public ObservableResource ObsNon { get; } = new ObservableResource("obs-non", confirmable: false);

        public LargeUpdateResource LargeUpdate { get; } = new LargeUpdateResource(create: false);

        public LargeUpdateResource LargeCreate { get; } = new LargeUpdateResource(create: true);

        /// <summary>A client endpoint as the nanoFramework transport writes it: 192.0.2.<paramref name="host"/> (RFC 5737), port 5683.</summary>
        public static CoapEndpoint Client(int host)
        {
            var endpoint = new CoapEndpoint();
            endpoint.Set(new byte[] { 192, 0, 2, (byte)host, 0x16, 0x33 }, 0, 6);
            return endpoint;
        }

        /// <summary>Delivers <paramref name="request"/> from <paramref name="from"/>, runs one turn and returns everything the server sent in it.</summary>
        public List<Received> Send(Req request, CoapEndpoint from) => Send(request.ToBytes(), from);

        /// <summary>Delivers a datagram from <paramref name="from"/>, runs one turn and returns everything the server sent in it.</summary>
        public List<Received> Send(byte[] datagram, CoapEndpoint from)
        {
            Transport.ClearSent();
            Transport.Deliver(datagram, from);
            Assert.IsTrue(Server.Poll(0));
            return Collect();
        }

        /// <summary>
        /// Lets <paramref name="milliseconds"/> pass in steps: /obs and /obs-non change every 5 s, separate
        /// responses become ready when due, and the loop sends what is due. Returns everything sent meanwhile.
        /// </summary>
        public List<Received> Advance(int milliseconds)
        {
            var sent = new List<Received>();
            for (int elapsed = 0; elapsed < milliseconds; elapsed += StepMilliseconds)
            {
                Clock.Now += StepMilliseconds;
                if (Clock.Now >= _nextTick)
                {
                    _nextTick += ObservableResource.PeriodSeconds * 1000;
                    Obs.Tick();
                    ObsNon.Tick();
                }

                Separate.Service(Clock.Now);
                Transport.ClearSent();
                Server.Poll(0);
                sent.AddRange(Collect());
            }

            return sent;
        }

        /// <summary>Lets time pass until something is sent to <paramref name="to"/> (at most <paramref name="milliseconds"/>); returns the first such datagram, or null.</summary>
        public Received WaitFor(CoapEndpoint to, int milliseconds)
        {
            for (int elapsed = 0; elapsed < milliseconds; elapsed += StepMilliseconds)
            {
                Received first = Advance(StepMilliseconds).FirstOrDefault(d => d.To.SameAs(to));
                if (first != null)
                {
                    return first;
                }
            }

            return null;
        }

        /// <summary>Asserts the bound on every answer so far (RFC 7252 §11.3).</summary>
        public void CheckAmplification()
        {
            Assert.AreEqual(0, Meter.OverLimit, $"answers above {AmplificationMeter.Limit} times their request; the largest: {Meter.Worst}");
        }

        private List<Received> Collect()
        {
            Assert.AreEqual(0, Transport.Overflow);
            var sent = new List<Received>();
            for (int i = 0; i < Transport.SentCount; i++)
            {
                var received = new Received(Transport.Sent(i), Transport.SentTo(i));
                Assert.AreEqual(CoapParseResult.Ok, received.Result, $"the server sent a malformed message: {received}");
                sent.Add(received);
            }

            return sent;
        }
    }
}
