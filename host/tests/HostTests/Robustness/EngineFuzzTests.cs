using System;
using System.Diagnostics;
using System.Globalization;
using Coap.Micro;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Conformance;
using ThermoDev.HostTests.Support;
using ThermoDev.Resources;
using ThermoDev.Sensors;

namespace ThermoDev.HostTests.Robustness
{
    /// <summary>
    /// A million random and mutated datagrams (<see cref="DatagramFuzzer"/>) through the whole engine: the
    /// plugtest resource set and ThermoDev's /temp on one server, with small tables (8 observers, 8
    /// remembered exchanges, 2 separate responses) and a write policy, on the allocation-free in-memory
    /// transport with a fake clock that moves 4 ms per datagram (so /obs changes, separate
    /// responses are sent, exchanges expire and CON notifications are retransmitted and given up).
    /// Seeded: the seed is printed, and THERMODEV_FUZZ_SEED repeats a run.
    /// </summary>
    [TestClass]
    public class EngineFuzzTests
    {
        /// <summary>Datagrams per run, as the conformance issue asks.</summary>
        public const int Datagrams = 1_000_000;

        /// <summary>Datagrams before allocations are counted (the runtime compiles and tiers the code meanwhile).</summary>
        public const int WarmUp = 100_000;

        /// <summary>A valid GET is sent after every this many datagrams and must get 2.05.</summary>
        public const int ProbeEvery = 1_000;

        /// <summary>Fake time per datagram: a million datagrams are a little over an hour of traffic.</summary>
        public const int MillisecondsPerDatagram = 4;

        private const int DefaultSeed = 20_261_125;

        public TestContext TestContext { get; set; }

        [TestMethod]
        [Timeout(300_000, CooperativeCancellation = true)]
        public void AMillionFuzzedDatagramsBreakNothingAndAllocateNothing()
        {
            int seed = Seed();
            TestContext.WriteLine($"seed {seed} (THERMODEV_FUZZ_SEED={seed} repeats this run)");
            StaticData.Initialize();

            var state = new SensorState();
            state.Record(true, 2500, 0, false);
            var temperature = new TemperatureResource(new SimulatedSensor(), state, 10, 1);
            var options = new CoapServerOptions { MaxObservers = 8, DeduplicationEntries = 8, MaxSeparateResponses = 2 };
            var plugtest = new PlugtestServer(options, temperature);
            CoapServer server = plugtest.Server;
            server.WritePolicy = CoapWritePolicy.Parse("192.0.2.0/25", new Ipv4PortEndpointReader());
            var meter = new AmplificationMeter();
            var trace = new ReplyTrace(meter);
            server.Trace = trace;

            var fuzzer = new DatagramFuzzer(seed);
            var request = new CoapMessage(64);
            var answer = new CoapMessage(64);
            var from = new CoapEndpoint();
            var endpointBytes = new byte[6];
            var probe = new CoapEndpoint();
            probe.Set(new byte[] { 198, 51, 100, 1, 0x16, 0x33 }, 0, 6);
            byte[] probeRequest = Req.Con(CoapCode.Get, "test").Token(0x9B).ToBytes();
            ushort probeMessageId = 0;
            long allocated = 0;
            int firstAllocation = -1;
            int probes = 0;
            var watch = Stopwatch.StartNew();

            for (int i = 0; i < Datagrams; i++)
            {
                fuzzer.Next();
                fuzzer.Sender(from, endpointBytes);
                Tick(plugtest, state, temperature);

                plugtest.Transport.ClearSent();
                plugtest.Transport.Deliver(fuzzer.Buffer, fuzzer.Length, from);
                trace.Clear();
                int duplicates = server.Counters.Duplicates;
                long before = GC.GetAllocatedBytesForCurrentThread();
                bool handled = server.Poll(0);
                long used = GC.GetAllocatedBytesForCurrentThread() - before;
                if (i >= WarmUp && used > 0)
                {
                    allocated += used;
                    firstAllocation = firstAllocation < 0 ? i : firstAllocation;
                }

                if (!handled || server.Counters.Observers > options.MaxObservers)
                {
                    Assert.Fail($"{Context(seed, i, fuzzer)}: handled {handled}, {server.Counters.Observers} observers");
                }

                CheckSent(plugtest.Transport, answer, fuzzer, seed, i);
                CheckAnswer(trace, request, answer, fuzzer, server.Counters.Duplicates > duplicates, seed, i);

                if (i % ProbeEvery == ProbeEvery - 1)
                {
                    // Liveness: a valid GET from a client of its own still gets 2.05.
                    probeRequest[2] = (byte)(probeMessageId >> 8);
                    probeRequest[3] = (byte)probeMessageId;
                    probeMessageId++;
                    plugtest.Transport.ClearSent();
                    plugtest.Transport.Deliver(probeRequest, probe);
                    trace.Clear();
                    Assert.IsTrue(server.Poll(0));
                    Assert.IsGreaterThan(0, trace.AnswerLength, $"no answer to the probe after datagram {i} (seed {seed})");
                    Assert.AreEqual(CoapParseResult.Ok, answer.Parse(trace.Answer, 0, trace.AnswerLength));
                    Assert.AreEqual(CoapCode.Content, answer.Code, $"the probe after datagram {i} (seed {seed})");
                    Assert.AreEqual(CoapMessageType.Acknowledgement, answer.Type);
                    probes++;
                }
            }

            double seconds = watch.Elapsed.TotalSeconds;

            CoapServerCounters counters = server.Counters;
            TestContext.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Datagrams:N0} datagrams in {seconds:F1} s ({Datagrams / seconds:N0}/s), {probes} probes answered 2.05; {counters.Requests:N0} requests, {counters.Success:N0} 2.xx, {counters.ClientErrors:N0} 4.xx, {counters.ServerErrors:N0} 5.xx, {counters.Resets:N0} RST, {counters.Dropped:N0} dropped, {counters.Duplicates:N0} duplicates, {counters.Registrations:N0} registrations ({counters.RegistrationsRefused:N0} refused, the table full), {counters.Deregistrations:N0} ended, {counters.Notifications:N0} notifications, {counters.SeparateResponses:N0} separate responses, {counters.GaveUp:N0} given up"));
            TestContext.WriteLine($"amplification: {meter}; the largest: {meter.Worst}");
            TestContext.WriteLine($"bytes allocated by the server after {WarmUp:N0} datagrams of warm-up: {allocated}");

            Assert.AreEqual(0L, allocated, $"the server allocated {allocated} bytes after warm-up, first at datagram {firstAllocation} (seed {seed})");
            Assert.AreEqual(0, counters.HandlerFaults);
            Assert.AreEqual(0, counters.LoopFaults);
            Assert.AreEqual(0L, meter.OverLimit, $"amplification above {AmplificationMeter.Limit}: {meter.Worst}");
            Assert.AreEqual(Datagrams / ProbeEvery, probes);
            Assert.IsGreaterThan(1_000, counters.Notifications);
            Assert.IsGreaterThan(200, counters.Registrations);
            Assert.IsGreaterThan(100, counters.GaveUp);
            Assert.IsGreaterThan(100, counters.SeparateResponses);
            Assert.IsGreaterThan(5_000, counters.Duplicates);
            Assert.IsGreaterThan(50_000, counters.Success);
        }

        private static int Seed()
        {
            string text = Environment.GetEnvironmentVariable("THERMODEV_FUZZ_SEED");
            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed) ? seed : DefaultSeed;
        }

        // Four milliseconds per datagram: /obs, /obs-non and /temp change every 5 s, separate responses come due.
        private static void Tick(PlugtestServer plugtest, SensorState state, TemperatureResource temperature)
        {
            plugtest.Clock.Now += MillisecondsPerDatagram;
            if (plugtest.Clock.Now % 5000 == 0)
            {
                plugtest.Obs.Tick();
                plugtest.ObsNon.Tick();
                state.Record(true, 2000 + (int)(plugtest.Clock.Now % 1000), 0, false);
                temperature.Changed();
            }

            plugtest.Separate.Service(plugtest.Clock.Now);
        }

        // Everything sent parses as CoAP; Message IDs of the server's own messages feed later ACKs and RSTs.
        private static void CheckSent(MemoryTransport transport, CoapMessage message, DatagramFuzzer fuzzer, int seed, int i)
        {
            Assert.AreEqual(0, transport.Overflow);
            for (int k = 0; k < transport.SentCount; k++)
            {
                CoapParseResult result = message.Parse(transport.SentBuffer(k), 0, transport.SentLength(k));
                if (result != CoapParseResult.Ok)
                {
                    Assert.Fail($"{Context(seed, i, fuzzer)}: the server sent {Convert.ToHexString(transport.SentBuffer(k), 0, transport.SentLength(k))}");
                }

                if (message.Type == CoapMessageType.Confirmable || message.Type == CoapMessageType.NonConfirmable)
                {
                    CoapEndpoint to = transport.SentTo(k);
                    fuzzer.ServerSent(message.MessageId, to.Bytes[3], to.Bytes[5]);
                }
            }
        }

        // The answer matches the request's layer (RFC 7252 §4.2, §4.3, §5.2): a CON gets ACK or RST with its
        // Message ID, a NON a NON, an ACK or RST nothing; RST and empty ACK are four bytes; responses carry
        // a response code and the request's token (a duplicate gets the first copy's answer).
        private static void CheckAnswer(ReplyTrace trace, CoapMessage request, CoapMessage answer, DatagramFuzzer fuzzer, bool duplicate, int seed, int i)
        {
            if (trace.AnswerLength <= 0)
            {
                return;
            }

            request.Parse(fuzzer.Buffer, 0, Math.Min(fuzzer.Length, 1152));
            if (!request.HasHeader
                || answer.Parse(trace.Answer, 0, trace.AnswerLength) != CoapParseResult.Ok
                || request.Type == CoapMessageType.Acknowledgement
                || request.Type == CoapMessageType.Reset
                || (request.Type == CoapMessageType.Confirmable && ((answer.Type != CoapMessageType.Acknowledgement && answer.Type != CoapMessageType.Reset) || answer.MessageId != request.MessageId))
                || (request.Type == CoapMessageType.NonConfirmable && answer.Type != CoapMessageType.NonConfirmable)
                || (answer.Code == CoapCode.Empty && (trace.AnswerLength != 4 || answer.Type == CoapMessageType.NonConfirmable))
                || (answer.Code != CoapCode.Empty && (!CoapCode.IsResponse(answer.Code) || answer.Type == CoapMessageType.Reset
                    || (!duplicate && !answer.TokenEquals(request.Buffer, request.TokenOffset, request.TokenLength)))))
            {
                Assert.Fail($"{Context(seed, i, fuzzer)} -> {Convert.ToHexString(trace.Answer, 0, trace.AnswerLength)}");
            }
        }

        private static string Context(int seed, int i, DatagramFuzzer fuzzer) =>
            $"seed {seed}, datagram {i}: {Convert.ToHexString(fuzzer.Buffer, 0, fuzzer.Length)}";
    }
}
