using System;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using Coap.Micro;
using Coap.Micro.Dotnet;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Interop;
using CoapClient = Coap.Micro.CoapClient;
using ThermoDev.Tests.Server;

namespace ThermoDev.HostTests.Client
{
    /// <summary>The Coap.Micro client against the Coap.Micro server over UDP on loopback, and a device that is both, each on its own socket.</summary>
    [TestClass]
    public class OwnServerUdpTests
    {
        [TestMethod]
        [DataRow("127.0.0.1")]
        [DataRow("::1")]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void GetAndPut(string address)
        {
            IPAddress loopback = IPAddress.Parse(address);
            using var server = new LoopbackServer(loopback);
            using var rig = new UdpClientRig(loopback);
            CoapEndpoint target = DotnetUdpTransport.ToEndpoint(new IPEndPoint(loopback, server.Port));

            CoapRequest get = UdpClientRig.Get(target, "test");
            Assert.AreEqual(CoapClientResult.Response, rig.Client.Request(get, 10_000));
            Assert.AreEqual("hello", UdpClientRig.Text(get));
            Assert.AreEqual(CoapContentFormat.TextPlain, get.ContentFormat);

            CoapRequest put = UdpClientRig.Get(target, "test");
            put.Method = CoapCode.Put;
            byte[] body = Encoding.ASCII.GetBytes("changed");
            put.SetPayload(body, 0, body.Length);
            put.AddUIntOption(CoapOption.ContentFormat, CoapContentFormat.TextPlain);
            Assert.AreEqual(CoapClientResult.Response, rig.Client.Request(put, 10_000));
            Assert.AreEqual(CoapCode.Changed, put.Code);
            Assert.AreEqual(1, server.Text.Puts);

            Assert.AreEqual(CoapClientResult.Response, rig.Client.Request(get, 10_000));
            Assert.AreEqual("changed", UdpClientRig.Text(get));
        }

        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void ARepresentationInBlocks()
        {
            var big = new SizedResource("big", 3000) { Tagged = true };
            using var server = new LoopbackServer(IPAddress.Loopback, null, null, big);
            using var rig = new UdpClientRig(IPAddress.Loopback);
            CoapEndpoint target = DotnetUdpTransport.ToEndpoint(new IPEndPoint(IPAddress.Loopback, server.Port));
            CoapRequest request = UdpClientRig.Get(target, "big", capacity: 3000);
            foreach (int size in new[] { 0, 16, 1024 })
            {
                request.BlockSize = size;
                Assert.AreEqual(CoapClientResult.Response, rig.Client.Request(request, 20_000));
                CollectionAssert.AreEqual(SizedResource.Expected(3000, 0), request.ResponseBuffer.Take(request.PayloadLength).ToArray());
            }
        }

        [TestMethod]
        [DataRow(false)]
        [DataRow(true)]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void EveryChangeIsNotifiedOnceAndInOrder(bool confirmable)
        {
            using var server = new LoopbackServer(IPAddress.Loopback);
            server.Observed.Confirmable = confirmable;
            using var rig = new UdpClientRig(IPAddress.Loopback, startLoop: true);
            var handler = new TextHandler();
            CoapRequest request = UdpClientRig.Get(DotnetUdpTransport.ToEndpoint(new IPEndPoint(IPAddress.Loopback, server.Port)), "obs");
            request.Observe = true;
            request.Handler = handler;
            Assert.AreEqual(CoapClientResult.Response, rig.Client.Request(request, 10_000));
            for (int value = 1; value <= 50; value++)
            {
                server.Observed.Set(value);
                Assert.IsTrue(SpinWait.SpinUntil(() => handler.Last == value.ToString(), 5_000), $"notification {value}");
            }

            Assert.AreEqual(string.Join("|", Enumerable.Range(0, 51)), handler.All);
            if (confirmable)
            {
                // The client acknowledges the last notification as it delivers it; the server counts the
                // ACK when its loop reads it, which may be just after the handler saw the value.
                SpinWait.SpinUntil(() => server.Server.Counters.Acknowledged >= 50, 5_000);
                Assert.AreEqual(50, server.Server.Counters.Acknowledged);
            }

            Assert.IsTrue(rig.Client.StopObserving(request));
            Assert.IsTrue(SpinWait.SpinUntil(() => !request.IsPending, 10_000));
            Assert.AreEqual(0, server.Server.Counters.Observers);
        }

        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void ADeviceThatIsBothAsksAnotherServerAndItselfFromItsClientsSocket()
        {
            using var other = new LoopbackServer(IPAddress.Loopback);
            using var device = new LoopbackServer(IPAddress.Loopback);
            using var rig = new UdpClientRig(IPAddress.Loopback, startLoop: true);
            CoapRequest ask = UdpClientRig.Get(DotnetUdpTransport.ToEndpoint(new IPEndPoint(IPAddress.Loopback, other.Port)), "test");
            Assert.AreEqual(CoapClientResult.Response, rig.Client.Request(ask, 10_000));
            Assert.AreEqual("hello", UdpClientRig.Text(ask));

            device.Text.Set("myself");
            CoapRequest self = UdpClientRig.Get(DotnetUdpTransport.ToEndpoint(new IPEndPoint(IPAddress.Loopback, device.Port)), "test");
            Assert.AreEqual(CoapClientResult.Response, rig.Client.Request(self, 10_000));
            Assert.AreEqual("myself", UdpClientRig.Text(self));
            Assert.AreEqual(1, device.Server.Counters.Requests);
            Assert.AreEqual(0, device.Server.Counters.Dropped);

            // And observes the other server while its own server goes on answering.
            var handler = new TextHandler();
            CoapRequest observe = UdpClientRig.Get(DotnetUdpTransport.ToEndpoint(new IPEndPoint(IPAddress.Loopback, other.Port)), "obs");
            observe.Observe = true;
            observe.Handler = handler;
            Assert.AreEqual(CoapClientResult.Response, rig.Client.Request(observe, 10_000));
            other.Observed.Set(7);
            Assert.IsTrue(SpinWait.SpinUntil(() => handler.Last == "7", 5_000));
            Assert.AreEqual(CoapClientResult.Response, rig.Client.Request(self, 10_000));
            Assert.AreEqual(2, device.Server.Counters.Requests);
            Assert.AreEqual(0, rig.Client.Counters.LoopFaults);
        }

        /// <summary>Keeps every payload as text.</summary>
        public sealed class TextHandler : ICoapResponseHandler
        {
            private readonly object _gate = new object();
            private string _all = string.Empty;
            private string _last;

            public string All
            {
                get { lock (_gate) { return _all; } }
            }

            public string Last
            {
                get { lock (_gate) { return _last; } }
            }

            public void Response(CoapRequest request, CoapMessage message)
            {
                lock (_gate)
                {
                    _last = UdpClientRig.Text(request);
                    _all = _all.Length == 0 ? _last : _all + "|" + _last;
                }
            }

            public void Ended(CoapRequest request)
            {
            }
        }
    }
}
