using System;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using Coap.Micro;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ThermoDev.HostTests.Client
{
    /// <summary>The Coap.Micro client against libcoap's example server over UDP on loopback.</summary>
    [TestClass]
    public class LibcoapServerTests
    {
        // libcoap's /example_data: 1,500 bytes, "a123456789b123456789..." through the alphabet again and again.
        private static readonly string ExampleData = string.Concat(Enumerable.Range(0, 1500).Select(i => i % 10 == 0 ? (char)('a' + i / 10 % 26) : (char)('0' + i % 10)));

        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void GetOfTheRootIsAnsweredInTheAck()
        {
            using var server = new LibcoapServer(IPAddress.Loopback);
            using var rig = new UdpClientRig(IPAddress.Loopback);
            CoapRequest request = UdpClientRig.Get(server.Endpoint, "/");
            Assert.AreEqual(CoapClientResult.Response, rig.Client.Request(request, 10_000));
            Assert.AreEqual(CoapCode.Content, request.Code);
            StringAssert.Contains(UdpClientRig.Text(request), "libcoap");
            Assert.AreEqual(0, rig.Client.Counters.Retransmissions);
        }

        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void ANonGetGetsANonResponse()
        {
            using var server = new LibcoapServer(IPAddress.Loopback);
            using var rig = new UdpClientRig(IPAddress.Loopback);
            CoapRequest request = UdpClientRig.Get(server.Endpoint, "/");
            request.Confirmable = false;
            Assert.AreEqual(CoapClientResult.Response, rig.Client.Request(request, 10_000));
            StringAssert.Contains(UdpClientRig.Text(request), "libcoap");
        }

        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void AMissingResourceIs404()
        {
            using var server = new LibcoapServer(IPAddress.Loopback);
            using var rig = new UdpClientRig(IPAddress.Loopback);
            CoapRequest request = UdpClientRig.Get(server.Endpoint, "/nothing/here");
            Assert.AreEqual(CoapClientResult.Response, rig.Client.Request(request, 10_000));
            Assert.AreEqual(CoapCode.NotFound, request.Code);
        }

        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void OverIPv6()
        {
            using var server = new LibcoapServer(IPAddress.IPv6Loopback);
            using var rig = new UdpClientRig(IPAddress.IPv6Loopback);
            CoapRequest request = UdpClientRig.Get(server.Endpoint, "/time");
            Assert.AreEqual(CoapClientResult.Response, rig.Client.Request(request, 10_000));
            Assert.AreEqual(CoapCode.Content, request.Code);
            Assert.AreEqual(1u, request.MaxAge);
        }

        [TestMethod]
        [DataRow(0)]
        [DataRow(16)]
        [DataRow(64)]
        [DataRow(1024)]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void ExampleDataIsReassembledFromItsBlocks(int blockSize)
        {
            using var server = new LibcoapServer(IPAddress.Loopback);
            using var rig = new UdpClientRig(IPAddress.Loopback);
            CoapRequest request = UdpClientRig.Get(server.Endpoint, "/example_data");
            request.BlockSize = blockSize;
            Assert.AreEqual(CoapClientResult.Response, rig.Client.Request(request, 20_000));
            Assert.AreEqual(CoapCode.Content, request.Code);
            Assert.AreEqual(ExampleData, UdpClientRig.Text(request));
            Assert.IsGreaterThan(0, request.ETagLength, "libcoap tags every block");
            Assert.IsGreaterThan(0, rig.Client.Counters.BlockRequests);
        }

        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void ExampleDataLargerThanTheBufferEndsTooLarge()
        {
            using var server = new LibcoapServer(IPAddress.Loopback);
            using var rig = new UdpClientRig(IPAddress.Loopback);
            CoapRequest request = UdpClientRig.Get(server.Endpoint, "/example_data", capacity: 1000);
            Assert.AreEqual(CoapClientResult.TooLarge, rig.Client.Request(request, 20_000));
        }

        [TestMethod]
        [DataRow(64, 300)]
        [DataRow(0, 3000)]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void APutInBlock1IsAssembledByLibcoap(int blockSize, int length)
        {
            using var server = new LibcoapServer(IPAddress.Loopback);
            using var rig = new UdpClientRig(IPAddress.Loopback);
            byte[] body = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, length).Select(i => (char)('A' + i % 26))));
            CoapRequest put = UdpClientRig.Get(server.Endpoint, "/example_data");
            put.Method = CoapCode.Put;
            put.BlockSize = blockSize;
            put.AddUIntOption(CoapOption.ContentFormat, CoapContentFormat.TextPlain);
            put.SetPayload(body, 0, body.Length);
            Assert.AreEqual(CoapClientResult.Response, rig.Client.Request(put, 20_000));
            Assert.AreEqual(2, CoapCode.ClassOf(put.Code), "2.01 the first time (the data becomes the client's), 2.04 later");
            Assert.IsGreaterThan(0, rig.Client.Counters.BlockRequests);

            CoapRequest get = UdpClientRig.Get(server.Endpoint, "/example_data", capacity: 4096);
            Assert.AreEqual(CoapClientResult.Response, rig.Client.Request(get, 20_000));
            Assert.AreEqual(Encoding.ASCII.GetString(body), UdpClientRig.Text(get));
        }

        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void AsyncAnswersWithAnEmptyAckThenASeparateResponse()
        {
            using var server = new LibcoapServer(IPAddress.Loopback);
            using var rig = new UdpClientRig(IPAddress.Loopback);
            CoapRequest request = UdpClientRig.Get(server.Endpoint, "/async?1");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            Assert.AreEqual(CoapClientResult.Response, rig.Client.Request(request, 10_000));
            Assert.IsGreaterThanOrEqualTo(900L, clock.ElapsedMilliseconds);
            Assert.AreEqual("done", UdpClientRig.Text(request));
            Assert.AreEqual(0, rig.Client.Counters.Retransmissions);
        }

        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void TimeIsObservedEverySecondAndDeregistered()
        {
            using var server = new LibcoapServer(IPAddress.Loopback);
            using var rig = new UdpClientRig(IPAddress.Loopback, startLoop: true);
            var handler = new CountingHandler();
            CoapRequest request = UdpClientRig.Get(server.Endpoint, "/time");
            request.Observe = true;
            request.Handler = handler;
            Assert.AreEqual(CoapClientResult.Response, rig.Client.Request(request, 10_000));
            Assert.IsTrue(request.IsObserving);
            Assert.IsTrue(SpinWait.SpinUntil(() => handler.Responses >= 4, 10_000), $"{handler.Responses} notifications");
            Assert.AreEqual(0, rig.Client.Counters.StaleNotifications);
            Assert.IsGreaterThan(0, request.ObserveSequence);

            Assert.IsTrue(rig.Client.StopObserving(request));
            Assert.IsTrue(SpinWait.SpinUntil(() => !request.IsPending, 10_000));
            Assert.AreEqual(CoapClientResult.Cancelled, request.Result);
            int after = handler.Responses;
            Thread.Sleep(2_500);
            Assert.AreEqual(after, handler.Responses);
            Assert.AreEqual(0, rig.Client.Counters.Rejected, "libcoap sent no notification after the deregistration");
        }

        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void AForgottenObservationIsEndedByResetOnTheNextNotification()
        {
            using var server = new LibcoapServer(IPAddress.Loopback);
            using var rig = new UdpClientRig(IPAddress.Loopback, startLoop: true);
            var handler = new CountingHandler();
            CoapRequest request = UdpClientRig.Get(server.Endpoint, "/time");
            request.Observe = true;
            request.Handler = handler;
            Assert.AreEqual(CoapClientResult.Response, rig.Client.Request(request, 10_000));
            rig.Client.Cancel(request);
            Assert.IsTrue(SpinWait.SpinUntil(() => rig.Client.Counters.Rejected >= 1, 5_000), "the next notification is rejected");
            Thread.Sleep(2_500);
            Assert.AreEqual(1, rig.Client.Counters.Rejected, "libcoap stopped notifying once reset");
            Assert.AreEqual(CoapClientResult.Cancelled, request.Result);
        }

        /// <summary>Counts responses; allocates nothing.</summary>
        public sealed class CountingHandler : ICoapResponseHandler
        {
            private int _responses;
            private int _ends;

            public int Responses => Volatile.Read(ref _responses);

            public int Ends => Volatile.Read(ref _ends);

            public void Response(CoapRequest request, CoapMessage message) => Interlocked.Increment(ref _responses);

            public void Ended(CoapRequest request) => Interlocked.Increment(ref _ends);
        }
    }
}
