using System;
using System.Globalization;
using System.Net;
using System.Text;
using System.Threading;
using Coap.Micro;
using Coap.Micro.Dotnet;

namespace ThermoDev.Gateway.Tests.Support
{
    /// <summary>
    /// A CoAP device that is not a ThermoDev: a Coap.Micro server on [::1] and a free port with only an
    /// observable /temp ("25.0", Max-Age 60); anything else gets 4.04. It counts the requests for /status it received.
    /// </summary>
    public sealed class TempOnlyDevice : IDisposable, ICoapServerTrace
    {
        private readonly DotnetUdpTransport _transport;
        private readonly CoapServer _server;
        private int _statusRequests;

        private TempOnlyDevice()
        {
            _transport = new DotnetUdpTransport(new IPEndPoint(IPAddress.IPv6Loopback, 0));
            _server = new CoapServer(_transport, new MonotonicClock(), new CoapRandom(), new CoapServerOptions()) { Trace = this };
            _server.Add(new TempResource());
            _server.Start();
        }

        /// <summary>Requests for /status received so far (each block of a block-wise one counts).</summary>
        public int StatusRequests => Volatile.Read(ref _statusRequests);

        /// <summary>Its /temp as a coap URI.</summary>
        public string Uri => $"coap://[::1]:{_transport.LocalEndPoint.Port.ToString(CultureInfo.InvariantCulture)}/temp";

        /// <summary>Starts one.</summary>
        public static TempOnlyDevice Start() => new TempOnlyDevice();

        /// <inheritdoc/>
        public void Exchanged(CoapEndpoint peer, CoapMessage received, byte[] answer, int offset, int length)
        {
            if (received.HasHeader && received.Code != 0)
            {
                int path = received.FindOption(CoapOption.UriPath);
                if (path >= 0 && received.OptionValueEquals(path, "status"))
                {
                    Interlocked.Increment(ref _statusRequests);
                }
            }
        }

        /// <inheritdoc/>
        public void Sent(CoapEndpoint peer, byte[] message, int offset, int length, CoapTransmission kind)
        {
        }

        /// <summary>Stops the server and closes its port.</summary>
        public void Dispose()
        {
            _server.Stop(2000);
            _transport.Dispose();
        }

        private sealed class TempResource : CoapResource
        {
            private static readonly byte[] Value = Encoding.ASCII.GetBytes("25.0");

            public TempResource()
                : base("temp", CoapMethods.Get)
            {
                ContentFormat = CoapContentFormat.TextPlain;
                Observable = true;
            }

            public override void Get(CoapMessage request, CoapResponse response)
            {
                response.SetContentFormat(CoapContentFormat.TextPlain);
                response.AddPayload(Value);
            }
        }
    }
}
