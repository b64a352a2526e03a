using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace Coap.Micro.Dotnet
{
    /// <summary>
    /// UDP for Coap.Micro on .NET: one dual-stack IPv6 socket, so a server bound to [::] answers
    /// coap://[::1] and coap://127.0.0.1 alike (IPv4 peers appear as IPv4-mapped addresses).
    /// Receive and send use reusable <see cref="SocketAddress"/> objects: no allocation per datagram.
    /// Endpoints are the raw socket-address bytes.
    /// </summary>
    public sealed class DotnetUdpTransport : ICoapTransport, IDisposable
    {
        private readonly Socket _socket;
        private readonly SocketAddress _received = new SocketAddress(AddressFamily.InterNetworkV6);
        private readonly SocketAddress _destination = new SocketAddress(AddressFamily.InterNetworkV6);
        private int _errors;

        /// <summary>Binds to <paramref name="local"/>; an IPv4 address is bound as its IPv4-mapped IPv6 form.</summary>
        public DotnetUdpTransport(IPEndPoint local)
        {
            ArgumentNullException.ThrowIfNull(local);
            _socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp) { DualMode = true };
            try
            {
                IPAddress address = local.AddressFamily == AddressFamily.InterNetwork ? local.Address.MapToIPv6() : local.Address;
                _socket.Bind(new IPEndPoint(address, local.Port));
            }
            catch
            {
                _socket.Dispose();
                throw;
            }
        }

        /// <summary>The address and port actually bound (the port is chosen by the system when 0 was asked).</summary>
        public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint;

        /// <summary>Socket errors survived (each reported as "no datagram").</summary>
        public int Errors => Volatile.Read(ref _errors);

        /// <inheritdoc/>
        public int Receive(byte[] buffer, int offset, int count, CoapEndpoint source, int timeoutMilliseconds)
        {
            try
            {
                if (!_socket.Poll(Math.Max(0, timeoutMilliseconds) * 1000L > int.MaxValue ? int.MaxValue : Math.Max(0, timeoutMilliseconds) * 1000, SelectMode.SelectRead))
                {
                    return -1;
                }

                int length;
                try
                {
                    length = _socket.ReceiveFrom(buffer.AsSpan(offset, count), SocketFlags.None, _received);
                }
                catch (SocketException ex) when (ex.SocketErrorCode == SocketError.MessageSize)
                {
                    // Larger than the buffer: the first count bytes are there; say it was longer.
                    length = count + 1;
                }

                Span<byte> address = _received.Buffer.Span.Slice(0, _received.Size);
                address.CopyTo(source.Bytes);
                source.SetLength(address.Length);
                return length;
            }
            catch (SocketException)
            {
                Interlocked.Increment(ref _errors);
                return -1;
            }
            catch (ObjectDisposedException)
            {
                return -1;
            }
        }

        /// <inheritdoc/>
        public bool Send(byte[] buffer, int offset, int count, CoapEndpoint destination)
        {
            try
            {
                destination.Bytes.AsSpan(0, destination.Length).CopyTo(_destination.Buffer.Span);
                _destination.Size = destination.Length;
                return _socket.SendTo(buffer.AsSpan(offset, count), SocketFlags.None, _destination) == count;
            }
            catch (SocketException)
            {
                Interlocked.Increment(ref _errors);
                return false;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }

        /// <summary>Closes the socket.</summary>
        public void Dispose() => _socket.Dispose();
    }
}
