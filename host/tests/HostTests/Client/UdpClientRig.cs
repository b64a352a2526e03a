using System;
using System.Net;
using System.Text;
using Coap.Micro;
using Coap.Micro.Dotnet;

namespace ThermoDev.HostTests.Client
{
    /// <summary>A Coap.Micro client on a UDP socket of its own, on loopback, for tests against real servers.</summary>
    public sealed class UdpClientRig : IDisposable
    {
        public UdpClientRig(IPAddress loopback, CoapClientOptions options = null, bool startLoop = false)
        {
            Transport = new DotnetUdpTransport(new IPEndPoint(loopback, 0));
            Client = new CoapClient(Transport, new MonotonicClock(), new CoapRandom(), options ?? new CoapClientOptions { ReceivePollMilliseconds = 50 });
            if (startLoop)
            {
                Client.Start();
            }
        }

        public DotnetUdpTransport Transport { get; }

        public CoapClient Client { get; }

        /// <summary>A GET of <paramref name="path"/> to <paramref name="server"/> with a response buffer of <paramref name="capacity"/> bytes.</summary>
        public static CoapRequest Get(CoapEndpoint server, string path, int capacity = 2048)
        {
            var request = new CoapRequest(capacity, 8, 128);
            request.SetEndpoint(server);
            if (!request.SetPath(path))
            {
                throw new ArgumentException("bad path " + path);
            }

            return request;
        }

        /// <summary>The response payload as text.</summary>
        public static string Text(CoapRequest request) => Encoding.UTF8.GetString(request.ResponseBuffer, request.PayloadOffset, request.PayloadLength);

        public void Dispose()
        {
            Client.Stop(5_000);
            Transport.Dispose();
        }
    }
}
