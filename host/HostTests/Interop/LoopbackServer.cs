using System;
using System.Net;
using System.Text;
using Coap.Micro;
using Coap.Micro.Dotnet;

namespace ThermoDev.HostTests.Interop
{
    /// <summary>A Coap.Micro server on a free loopback port over real UDP, started and stopped by a test.</summary>
    public sealed class LoopbackServer : IDisposable
    {
        public LoopbackServer(IPAddress loopback, CoapServerOptions options = null)
        {
            if (!IPAddress.IsLoopback(loopback))
            {
                throw new ArgumentException("tests serve on loopback only", nameof(loopback));
            }

            Transport = new DotnetUdpTransport(new IPEndPoint(loopback, 0));
            Server = new CoapServer(Transport, new MonotonicClock(), new CoapRandom(), options ?? new CoapServerOptions { ReceivePollMilliseconds = 50 });
            Server.Add(Text);
            Server.Start();
        }

        public DotnetUdpTransport Transport { get; }

        public CoapServer Server { get; }

        public TextResource Text { get; } = new TextResource("test");

        public int Port => Transport.LocalEndPoint.Port;

        public void Dispose()
        {
            Server.Stop(5000);
            Transport.Dispose();
        }

        /// <summary>GET returns the stored text; PUT stores text/plain and answers 2.04 echoing it.</summary>
        public sealed class TextResource : CoapResource
        {
            private readonly byte[] _value = new byte[64];
            private int _length;

            public TextResource(string path)
                : base(path, CoapMethods.Get | CoapMethods.Put)
            {
                ContentFormat = CoapContentFormat.TextPlain;
                Set("hello");
            }

            public int Puts { get; private set; }

            public void Set(string text) => _length = Encoding.ASCII.GetBytes(text, 0, text.Length, _value, 0);

            public override bool Accepts(byte method, int contentFormat) =>
                contentFormat == CoapContentFormat.TextPlain || contentFormat == CoapContentFormat.None;

            public override void Get(CoapMessage request, CoapResponse response)
            {
                response.SetContentFormat(CoapContentFormat.TextPlain);
                response.AddPayload(_value, 0, _length);
            }

            public override void Put(CoapMessage request, CoapResponse response)
            {
                if (request.PayloadLength > _value.Length)
                {
                    response.Code = CoapCode.RequestEntityTooLarge;
                    return;
                }

                Array.Copy(request.Buffer, request.PayloadOffset, _value, 0, request.PayloadLength);
                _length = request.PayloadLength;
                Puts++;
                response.SetContentFormat(CoapContentFormat.TextPlain);
                response.AddPayload(_value, 0, _length);
            }
        }
    }
}
