using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Coap.Micro;
using Coap.Micro.Dotnet;
using Coap.Micro.Oscore;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Interop;

namespace ThermoDev.HostTests.Oscore
{
    /// <summary>
    /// Our server with OSCORE over real UDP on loopback, asked by <see cref="ReferenceOscoreClient"/>, an OSCORE client
    /// written apart on .NET's AES-CCM and HKDF: requests it protects verify here, and answers we protect verify there.
    /// </summary>
    [TestClass]
    public sealed class ReferenceOscoreInteropTests : IDisposable
    {
        private static readonly byte[] Secret = Convert.FromHexString("0102030405060708090a0b0c0d0e0f10");
        private static readonly byte[] Salt = Convert.FromHexString("9e7ca92223786340");
        private static readonly byte[] ClientId = Convert.FromHexString("c1");
        private static readonly byte[] ServerId = Convert.FromHexString("5e");
        private static readonly byte[] Token = { 0x0a, 0x0b };

        private readonly DotnetUdpTransport _transport;
        private readonly CoapServer _server;
        private readonly OscoreServerSecurity _security = new OscoreServerSecurity(1);
        private readonly LoopbackServer.TextResource _text = new LoopbackServer.TextResource("test");
        private readonly LoopbackServer.CounterResource _counter = new LoopbackServer.CounterResource("obs");
        private readonly UdpClient _socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        private int _messageId = 100;

        public ReferenceOscoreInteropTests()
        {
            _transport = new DotnetUdpTransport(new IPEndPoint(IPAddress.Loopback, 0));
            _server = new CoapServer(_transport, new MonotonicClock(), new CoapRandom(), new CoapServerOptions { ReceivePollMilliseconds = 50 });
            _server.Add(_text);
            _server.Add(_counter);
            var context = new OscoreSecurityContext(Secret, Salt, ServerId, ClientId, null);
            _security.Add(context, new OscoreSenderSequence(new MemoryStore(), OscoreSenderSequence.DefaultBlock));
            _server.Security = _security;
            _server.RequireProtectedWrites = true;
            _server.Start();
            _socket.Client.ReceiveTimeout = 5000;
        }

        public void Dispose()
        {
            _server.Stop(5000);
            _transport.Dispose();
            _socket.Dispose();
        }

        private byte[] Exchange(byte[] datagram)
        {
            _socket.Send(datagram, datagram.Length, new IPEndPoint(IPAddress.Loopback, _transport.LocalEndPoint.Port));
            return Receive();
        }

        private byte[] Receive()
        {
            IPEndPoint from = null;
            return _socket.Receive(ref from);
        }

        // The first request after a start is answered with a protected 4.01 and Echo (RFC 8613 B.1.2); repeat it with the value.
        private ReferenceOscoreClient.Response Ask(ReferenceOscoreClient client, byte code, string path, int observe = -1, byte[] payload = null)
        {
            var answer = client.Open(Exchange(client.Request(code, _messageId++, Token, path, observe, null, payload)), client.LastRequestPiv);
            byte[] echo = answer.Message.Option(252);
            if (answer.Message.Code != CoapCode.Unauthorized || echo == null)
            {
                return answer;
            }

            return client.Open(Exchange(client.Request(code, _messageId++, Token, path, observe, echo, payload)), client.LastRequestPiv);
        }

        [TestMethod]
        public void AReferenceClientReadsAndWritesThroughTheEchoStep()
        {
            var client = new ReferenceOscoreClient(Secret, Salt, ClientId, ServerId);
            var first = client.Open(Exchange(client.Request(CoapCode.Get, _messageId++, Token, "test")), client.LastRequestPiv);
            Assert.AreEqual(CoapCode.Unauthorized, first.Message.Code, "the first request after a start is challenged");
            Assert.IsNotNull(first.Message.Option(252), "with Echo");

            var read = client.Open(Exchange(client.Request(CoapCode.Get, _messageId++, Token, "test", echo: first.Message.Option(252))), client.LastRequestPiv);
            Assert.AreEqual(CoapCode.Content, read.Message.Code);
            Assert.AreEqual("hello", read.Message.Text);
            Assert.AreEqual(-1L, read.PartialIv, "a plain response uses the request's nonce");

            var write = client.Open(Exchange(client.Request(CoapCode.Put, _messageId++, Token, "test", payload: Encoding.ASCII.GetBytes("21.5"))), client.LastRequestPiv);
            Assert.AreEqual(CoapCode.Changed, write.Message.Code);
            Assert.AreEqual(1, _text.Puts);
            Assert.AreEqual("21.5", Ask(client, CoapCode.Get, "test").Message.Text);
        }

        [TestMethod]
        public void APlainWriteIsRefusedWhileTheReferenceClientsProtectedOneIsTaken()
        {
            byte[] plainPut = { 0x40, 0x03, 0x12, 0x34, 0xB4, (byte)'t', (byte)'e', (byte)'s', (byte)'t', 0xFF, (byte)'9' };
            byte[] refusal = Exchange(plainPut);
            Assert.AreEqual(CoapCode.Unauthorized, refusal[1]);
            Assert.AreEqual("OSCORE required", ReferenceOscoreClient.Message.Parse(refusal).Text);
            Assert.AreEqual(0, _text.Puts);

            var client = new ReferenceOscoreClient(Secret, Salt, ClientId, ServerId);
            Assert.AreEqual(CoapCode.Changed, Ask(client, CoapCode.Put, "test", payload: Encoding.ASCII.GetBytes("9")).Message.Code);
            Assert.AreEqual(1, _text.Puts);
        }

        [TestMethod]
        public void NotificationsVerifyAtTheReferenceClientWithIncreasingPartialIvs()
        {
            var client = new ReferenceOscoreClient(Secret, Salt, ClientId, ServerId);
            Ask(client, CoapCode.Get, "test");
            var registration = Ask(client, CoapCode.Get, "obs", observe: 0);
            long requestPiv = client.LastRequestPiv;
            Assert.AreEqual(CoapCode.Content, registration.Message.Code);
            Assert.IsTrue(registration.PartialIv >= 0, "the answer to a registration carries the server's Partial IV");
            long previous = registration.PartialIv;
            for (int value = 1; value <= 20; value++)
            {
                _counter.Set(value);
                byte[] datagram;
                try
                {
                    datagram = Receive();
                }
                catch (SocketException)
                {
                    var c = _server.Counters;
                    throw new AssertFailedException($"no notification {value}: notifications {c.Notifications}, send failures {c.SendFailures}, loop faults {c.LoopFaults}, observers {c.Observers}, handler faults {c.HandlerFaults}");
                }

                if ((datagram[0] & 0x30) == 0)
                {
                    // A confirmable notification (RFC 7641 §4.5: one now and then even among NONs) is acknowledged.
                    byte[] ack = { 0x60, 0x00, datagram[2], datagram[3] };
                    _socket.Send(ack, ack.Length, new IPEndPoint(IPAddress.Loopback, _transport.LocalEndPoint.Port));
                }

                var notification = client.Open(datagram, requestPiv);
                Assert.AreEqual(value.ToString(), notification.Message.Text);
                Assert.IsNotNull(notification.Message.Option(6), "inner Observe");
                Assert.IsTrue(notification.PartialIv > previous, "a newer Partial IV each time");
                previous = notification.PartialIv;
            }
        }

        [TestMethod]
        public void AClientWithAnotherSecretIsRefusedDecryptionFailed()
        {
            var stranger = new ReferenceOscoreClient(Convert.FromHexString("ffeeddccbbaa99887766554433221100"), Salt, ClientId, ServerId);
            byte[] refusal = Exchange(stranger.Request(CoapCode.Get, _messageId++, Token, "test"));
            var message = ReferenceOscoreClient.Message.Parse(refusal);
            Assert.AreEqual(CoapCode.BadRequest, message.Code);
            Assert.AreEqual("Decryption failed", message.Text);
            Assert.IsNull(message.Option(9), "a refusal is not protected");
            Assert.AreEqual(1, _security.DecryptionFailed);
        }

        private sealed class MemoryStore : ISequenceNumberStore
        {
            private long _value;

            public long Load() => _value;

            public void Store(long value) => _value = value;
        }
    }
}
