using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;

namespace ThermoDev.Gateway.Tests.Support
{
    /// <summary>
    /// Something on [::1] and a free port that answers every confirmable CoAP request with a plain piggybacked 2.05 and a
    /// reading (RFC 7252 §3, written by hand): what an attacker on the path, or a device without OSCORE that ignores the
    /// option, would send. Forging, it answers 2.04 with an empty OSCORE option (RFC 8613 §6.1) and the reading as the
    /// "ciphertext", which no key verifies. Its loop ends on Dispose.
    /// </summary>
    public sealed class OscoreImpostor : IDisposable
    {
        private readonly Socket _socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
        private readonly Thread _loop;
        private readonly byte[] _payload;
        private readonly bool _forge;
        private int _answered;
        private bool _stopping;

        /// <summary>Starts one that answers <paramref name="reading"/>, in plain CoAP or, <paramref name="forge"/>, as a forged OSCORE response.</summary>
        public OscoreImpostor(string reading, bool forge = false)
        {
            _forge = forge;
            _payload = Encoding.UTF8.GetBytes(reading);
            _socket.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
            _socket.ReceiveTimeout = 200;
            _loop = new Thread(Serve) { IsBackground = true, Name = "oscore-impostor" };
            _loop.Start();
        }

        /// <summary>Its port.</summary>
        public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

        /// <summary>Its /temp as a coap URI.</summary>
        public string Uri => "coap://[::1]:" + Port + "/temp";

        /// <summary>Requests answered so far.</summary>
        public int Answered => Volatile.Read(ref _answered);

        /// <summary>Stops the loop and closes the socket.</summary>
        public void Dispose()
        {
            Volatile.Write(ref _stopping, true);
            _loop.Join(TimeSpan.FromSeconds(5));
            _socket.Dispose();
        }

        private void Serve()
        {
            var buffer = new byte[2048];
            while (!Volatile.Read(ref _stopping))
            {
                EndPoint from = new IPEndPoint(IPAddress.IPv6Any, 0);
                int length;
                try
                {
                    length = _socket.ReceiveFrom(buffer, ref from);
                }
                catch (SocketException)
                {
                    continue;
                }

                int tokenLength = buffer[0] & 0x0F;
                bool confirmable = ((buffer[0] >> 4) & 0x03) == 0;
                if (length < 4 + tokenLength || (buffer[0] >> 6) != 1 || !confirmable || tokenLength > 8)
                {
                    continue;
                }

                // ACK (type 2), the request's token and Message ID, 2.05 with Content-Format 0 (option 12, empty: text/plain),
                // or forging 2.04 with an empty OSCORE option (9); the payload.
                var answer = new byte[4 + tokenLength + 1 + 1 + _payload.Length];
                answer[0] = (byte)(0x60 | tokenLength);
                answer[1] = _forge ? (byte)0x44 : (byte)0x45;
                answer[2] = buffer[2];
                answer[3] = buffer[3];
                Array.Copy(buffer, 4, answer, 4, tokenLength);
                answer[4 + tokenLength] = _forge ? (byte)0x90 : (byte)0xC0;
                answer[5 + tokenLength] = 0xFF;
                Array.Copy(_payload, 0, answer, 6 + tokenLength, _payload.Length);
                _socket.SendTo(answer, from);
                Interlocked.Increment(ref _answered);
            }
        }
    }
}
