using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Coap.Micro;
using Coap.Micro.Dotnet;
using ThermoDev.HostTests.Support;
using ThermoDev.TestSupport;

namespace ThermoDev.HostTests.Client
{
    /// <summary>
    /// libcoap's example server (coap-server-notls) on a free loopback port, started by a test and
    /// stopped by its process id. It serves / (text), /time (observable, Max-Age 1, a notification a
    /// second), /async?n (a separate response after n seconds) and /example_data (1,500 bytes in blocks,
    /// with an ETag; PUT takes Block1). Another libcoap example server (coap-rd-notls) takes the same options.
    /// </summary>
    public sealed class LibcoapServer : IDisposable
    {
        private readonly ChildProcess _process;

        public LibcoapServer(IPAddress loopback)
            : this(loopback, "coap-server-notls")
        {
        }

        /// <summary>libcoap's <paramref name="program"/> (coap-server-notls, coap-rd-notls) on a free port of <paramref name="loopback"/>.</summary>
        public LibcoapServer(IPAddress loopback, string program)
        {
            if (!IPAddress.IsLoopback(loopback))
            {
                throw new ArgumentException("tests serve on loopback only", nameof(loopback));
            }

            string server = ExternalTool.Require(program);
            string output = null;
            for (int attempt = 0; attempt < 3; attempt++)
            {
                int port = FreeUdpPort(loopback);
                ChildProcess process = ChildProcess.Start(server, new[] { "-A", loopback.ToString(), "-p", port.ToString(), "-v", "0" });
                EndPoint = new IPEndPoint(loopback, port);
                if (AnswersPing(EndPoint, process))
                {
                    _process = process;
                    Endpoint = DotnetUdpTransport.ToEndpoint(EndPoint);
                    return;
                }

                output = process.Describe();
                process.Dispose();
            }

            throw new InvalidOperationException(program + " did not start on " + loopback + ": " + output);
        }

        /// <summary>Where it listens.</summary>
        public IPEndPoint EndPoint { get; private set; }

        /// <summary>Where it listens, as a <see cref="DotnetUdpTransport"/> endpoint.</summary>
        public CoapEndpoint Endpoint { get; }

        /// <summary>Kills it by its process id.</summary>
        public void Dispose() => _process.Dispose();

        private static int FreeUdpPort(IPAddress loopback)
        {
            using var probe = new Socket(loopback.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            probe.Bind(new IPEndPoint(loopback, 0));
            return ((IPEndPoint)probe.LocalEndPoint).Port;
        }

        // A CoAP ping (an empty CON) is answered with RST once the server listens (RFC 7252 §4.3); 5 s at most.
        private static bool AnswersPing(IPEndPoint target, ChildProcess process)
        {
            using var socket = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            socket.Connect(target);
            byte[] ping = { 0x40, 0x00, 0x12, 0x34 };
            byte[] answer = new byte[16];
            var clock = Stopwatch.StartNew();
            while (clock.ElapsedMilliseconds < 5_000 && !process.HasExited)
            {
                try
                {
                    socket.Send(ping);
                    if (socket.Poll(100_000, SelectMode.SelectRead) && socket.Receive(answer) == 4 && answer[0] == 0x70 && answer[3] == 0x34)
                    {
                        return true;
                    }
                }
                catch (SocketException)
                {
                    // Connection refused (ICMP) until it binds.
                    System.Threading.Thread.Sleep(50);
                }
            }

            return false;
        }
    }
}
