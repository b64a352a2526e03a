using System;
using System.Net;
using System.Text;
using System.Threading;
using Coap.Micro;
using Coap.Micro.Dotnet;

namespace ThermoDev.HostTests.Interop
{
    /// <summary>A Coap.Micro server on a free loopback port over real UDP, started and stopped by a test; more resources may be given.</summary>
    public sealed class LoopbackServer : IDisposable
    {
        public LoopbackServer(IPAddress loopback, CoapServerOptions options = null, ICoapClock clock = null, params CoapResource[] resources)
        {
            if (!IPAddress.IsLoopback(loopback))
            {
                throw new ArgumentException("tests serve on loopback only", nameof(loopback));
            }

            Transport = new DotnetUdpTransport(new IPEndPoint(loopback, 0));
            Server = new CoapServer(Transport, clock ?? new MonotonicClock(), new CoapRandom(), options ?? new CoapServerOptions { ReceivePollMilliseconds = 50 });
            Server.Add(Text);
            Server.Add(Observed);
            foreach (CoapResource resource in resources)
            {
                Server.Add(resource);
            }

            Server.Start();
        }

        public DotnetUdpTransport Transport { get; }

        public CoapServer Server { get; }

        public TextResource Text { get; } = new TextResource("test");

        public CounterResource Observed { get; } = new CounterResource("obs");

        public int Port => Transport.LocalEndPoint.Port;

        /// <summary>coap://address:port/path for this server.</summary>
        public string Uri(string path) =>
            Transport.LocalEndPoint.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
                ? $"coap://[{Transport.LocalEndPoint.Address}]:{Port}/{path}"
                : $"coap://{Transport.LocalEndPoint.Address}:{Port}/{path}";

        public void Dispose()
        {
            Server.Stop(5000);
            Transport.Dispose();
        }

        /// <summary>An observable number: GET returns it as text; <see cref="Set"/> changes it and notifies observers.</summary>
        public sealed class CounterResource : CoapResource
        {
            private int _value;

            public CounterResource(string path)
                : base(path, CoapMethods.Get)
            {
                ContentFormat = CoapContentFormat.TextPlain;
                Observable = true;
            }

            public int Value => Volatile.Read(ref _value);

            public bool Confirmable
            {
                get => NotifyConfirmable;
                set => NotifyConfirmable = value;
            }

            public void Set(int value)
            {
                Volatile.Write(ref _value, value);
                Changed();
            }

            public override void Get(CoapMessage request, CoapResponse response)
            {
                response.SetContentFormat(CoapContentFormat.TextPlain);
                response.SetMaxAge(60);
                response.AddPayloadNumber(Value);
            }
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
