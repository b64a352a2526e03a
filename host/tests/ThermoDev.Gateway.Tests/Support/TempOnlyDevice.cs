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
    /// A CoAP device that is not a ThermoDev: a Coap.Micro server on [::1] and a free port with an
    /// observable /temp (text/plain "25.0" or the text it is started with, Max-Age 60; PUT answers an empty
    /// 2.04) and /raw (a payload without Content-Format); anything else gets 4.04. It counts the requests
    /// for /status it received, and the requests without Observe for each path.
    /// </summary>
    public sealed class TempOnlyDevice : IDisposable, ICoapServerTrace
    {
        private readonly DotnetUdpTransport _transport;
        private readonly CoapServer _server;
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _plainRequests = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        private int _statusRequests;

        private TempOnlyDevice(string temp)
        {
            _transport = new DotnetUdpTransport(new IPEndPoint(IPAddress.IPv6Loopback, 0));
            _server = new CoapServer(_transport, new MonotonicClock(), new CoapRandom(), new CoapServerOptions()) { Trace = this };
            _server.Add(new TempResource(Encoding.UTF8.GetBytes(temp)));
            _server.Add(new RawResource());
            _server.Start();
        }

        /// <summary>Requests for /status received so far (each block of a block-wise one counts).</summary>
        public int StatusRequests => Volatile.Read(ref _statusRequests);

        /// <summary>Its /temp as a coap URI.</summary>
        public string Uri => $"coap://[::1]:{_transport.LocalEndPoint.Port.ToString(CultureInfo.InvariantCulture)}/temp";

        /// <summary>Its server's port.</summary>
        public int Port => _transport.LocalEndPoint.Port;

        /// <summary>Starts one whose /temp reads <paramref name="temp"/>.</summary>
        public static TempOnlyDevice Start(string temp = "25.0") => new TempOnlyDevice(temp);

        /// <summary>Requests without Observe received so far for the one-segment path <paramref name="segment"/> ("temp").</summary>
        public int PlainRequestsTo(string segment) => _plainRequests.TryGetValue(segment, out int count) ? count : 0;

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

                if (path >= 0 && received.FindOption(CoapOption.Observe) < 0)
                {
                    foreach (string segment in new[] { "temp", "raw" })
                    {
                        if (received.OptionValueEquals(path, segment))
                        {
                            _plainRequests.AddOrUpdate(segment, 1, (_, n) => n + 1);
                        }
                    }
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
            private readonly byte[] _value;

            public TempResource(byte[] value)
                : base("temp", CoapMethods.Get | CoapMethods.Put)
            {
                _value = value;
                ContentFormat = CoapContentFormat.TextPlain;
                Observable = true;
            }

            public override void Get(CoapMessage request, CoapResponse response)
            {
                response.SetContentFormat(CoapContentFormat.TextPlain);
                response.AddPayload(_value);
            }

            public override void Put(CoapMessage request, CoapResponse response)
            {
                response.Code = CoapCode.Changed;
            }
        }

        // A representation of unknown type: a payload and no Content-Format option (RFC 7252 §5.5.1).
        private sealed class RawResource : CoapResource
        {
            private static readonly byte[] Value = { 0x01, 0x02, 0x03 };

            public RawResource()
                : base("raw", CoapMethods.Get)
            {
            }

            public override void Get(CoapMessage request, CoapResponse response)
            {
                response.AddPayload(Value);
            }
        }
    }
}
