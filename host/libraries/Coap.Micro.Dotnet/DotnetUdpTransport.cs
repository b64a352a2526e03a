using System;
using System.Collections.Generic;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Threading;

namespace Coap.Micro.Dotnet
{
    /// <summary>
    /// UDP for Coap.Micro on .NET: one dual-stack IPv6 socket, so a server bound to [::] answers
    /// coap://[::1] and coap://127.0.0.1 alike (IPv4 peers appear as IPv4-mapped addresses).
    /// Receive and send use reusable <see cref="SocketAddress"/> objects: no allocation per datagram.
    /// Endpoints are the raw socket-address bytes. A receive waits on the CoAP socket and on a second
    /// socket on loopback together; <see cref="Wake"/> sends that second socket one byte from itself
    /// (the self-pipe idea), so a waiting receive returns at once and nothing reaches the CoAP port.
    /// On Linux a request that finds its datagram queued costs two system calls, one receive and one
    /// send, and a wait a poll and a receive more (<see cref="LinuxReceiver"/>); elsewhere a select on
    /// both sockets comes before each receive.
    /// </summary>
    public sealed class DotnetUdpTransport : ICoapTransport, IDisposable
    {
        private static readonly byte[] WakeDatagram = { 0 };

        private readonly Socket _socket;
        private readonly Socket _wakeSocket;
        private readonly SocketAddress _received = new SocketAddress(AddressFamily.InterNetworkV6);
        private readonly SocketAddress _destination = new SocketAddress(AddressFamily.InterNetworkV6);
        private readonly SocketAddress _wakeTarget;
        private readonly byte[] _wakeDrain = new byte[16];
        private readonly List<Socket> _readable = new List<Socket>(2);
        private readonly LinuxReceiver _linux;
        private readonly List<Socket> _groups = new List<Socket>();
        private bool _joinedIPv4;
        private string[] _ipv6Interfaces;
        private int _wakePending;
        private int _errors;

        /// <summary>Binds to <paramref name="local"/>; an IPv4 address is bound as its IPv4-mapped IPv6 form.</summary>
        public DotnetUdpTransport(IPEndPoint local)
        {
            ArgumentNullException.ThrowIfNull(local);
            _socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp) { DualMode = true };
            _wakeSocket = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp) { DualMode = true };
            try
            {
                IPAddress address = local.AddressFamily == AddressFamily.InterNetwork ? local.Address.MapToIPv6() : local.Address;
                _socket.Bind(new IPEndPoint(address, local.Port));

                // The wake socket sits on the loopback of the same family and wakes itself: a wake-up
                // is a datagram to its own port, never to the CoAP port. Non-blocking, so it is emptied
                // without waiting.
                IPAddress loopback = address.IsIPv4MappedToIPv6 ? IPAddress.Loopback.MapToIPv6() : IPAddress.IPv6Loopback;
                _wakeSocket.Bind(new IPEndPoint(loopback, 0));
                _wakeSocket.Blocking = false;
                _wakeTarget = ((IPEndPoint)_wakeSocket.LocalEndPoint).Serialize();
                _linux = LinuxReceiver.IsSupported ? new LinuxReceiver(_socket, _wakeSocket) : null;
            }
            catch
            {
                _socket.Dispose();
                _wakeSocket.Dispose();
                throw;
            }
        }

        /// <summary>True once <see cref="JoinAllCoapNodes"/> or <see cref="JoinAllCoapNodesIPv6"/> joined a group.</summary>
        public bool JoinedGroup => _groups.Count > 0;

        /// <summary>
        /// Joins the IPv4 All-CoAP-Nodes group (224.0.1.187, RFC 7252 §12.8) on the bound port, on the interface
        /// the system routes that group to, so requests sent to the group reach the server, flagged as such
        /// (<see cref="CoapMulticast.ReceivedOnGroup"/>, §8.1). A socket of its own is bound to the group address
        /// and joined; the CoAP socket is told not to receive the groups other sockets joined
        /// (IP_MULTICAST_ALL off), so each datagram arrives once, on the socket that tells where it was sent.
        /// Linux only; call it before the server starts. Throws <see cref="SocketException"/> when the
        /// system cannot join (no interface routes multicast, say) and <see cref="PlatformNotSupportedException"/>
        /// elsewhere than Linux.
        /// </summary>
        public void JoinAllCoapNodes()
        {
            if (_linux == null)
            {
                throw new PlatformNotSupportedException("joining a multicast group is supported on Linux");
            }

            if (_joinedIPv4)
            {
                return;
            }

            IPAddress group = IPAddress.Parse(CoapMulticast.AllCoapNodesIPv4);
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                // Both sockets share the port: each allows the other (the CoAP socket's flag is read now, at
                // the group socket's bind).
                _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                socket.Bind(new IPEndPoint(group, LocalEndPoint.Port));
                socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(group, IPAddress.Any));

                // Linux's IP_MULTICAST_ALL (49, on by default) hands a socket bound to the wildcard address the
                // datagrams of every group any socket joined: off, the CoAP socket gets only its own.
                _socket.SetRawSocketOption(IpProtocolIp, IpMulticastAll, BitConverter.GetBytes(0));
                socket.Blocking = false;
            }
            catch
            {
                socket.Dispose();
                throw;
            }

            _joinedIPv4 = true;
            _groups.Add(socket);
            _linux.AddGroup(socket);
        }

        /// <summary>
        /// Joins the IPv6 All-CoAP-Nodes group of link-local scope (ff02::fd, RFC 7252 §12.8) on the bound port, on
        /// every interface that is up, multicast-capable, not loopback and has IPv6, as <see cref="JoinAllCoapNodes"/>
        /// does for IPv4: a link-local group is bound with a scope, so one socket per interface is bound to
        /// [ff02::fd%index] and joined there, and the CoAP socket is told not to receive other sockets' groups
        /// (IPV6_MULTICAST_ALL off). A sender keeps its scope id, so answers to link-local addresses go out on
        /// the interface the request came in on. Only when bound to [::]. Returns the names of the interfaces
        /// joined. Throws <see cref="InvalidOperationException"/> when bound elsewhere or no interface fits,
        /// <see cref="SocketException"/> when the system refuses and <see cref="PlatformNotSupportedException"/>
        /// elsewhere than Linux; nothing is joined then.
        /// </summary>
        public IReadOnlyList<string> JoinAllCoapNodesIPv6()
        {
            if (_linux == null)
            {
                throw new PlatformNotSupportedException("joining a multicast group is supported on Linux");
            }

            if (_ipv6Interfaces != null)
            {
                return _ipv6Interfaces;
            }

            if (!LocalEndPoint.Address.Equals(IPAddress.IPv6Any))
            {
                throw new InvalidOperationException("bound to " + LocalEndPoint.Address + ", not [::]");
            }

            byte[] group = IPAddress.Parse(CoapMulticast.AllCoapNodesIPv6LinkLocal).GetAddressBytes();
            int port = LocalEndPoint.Port;
            var sockets = new List<Socket>();
            var names = new List<string>();
            try
            {
                _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                foreach (NetworkInterface nic in NetworkInterface.GetAllNetworkInterfaces())
                {
                    if (nic.OperationalStatus != OperationalStatus.Up || !nic.SupportsMulticast
                        || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback || !nic.Supports(NetworkInterfaceComponent.IPv6))
                    {
                        continue;
                    }

                    int index = nic.GetIPProperties().GetIPv6Properties().Index;
                    var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
                    sockets.Add(socket);
                    socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                    socket.Bind(new IPEndPoint(new IPAddress(group, index), port));
                    socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.AddMembership, new IPv6MulticastOption(new IPAddress(group), index));
                    socket.Blocking = false;
                    names.Add(nic.Name);
                }

                if (sockets.Count == 0)
                {
                    throw new InvalidOperationException("no interface is up, multicast-capable and has IPv6");
                }

                // IPV6_MULTICAST_ALL (29, Linux 4.20, on by default) is IP_MULTICAST_ALL for IPv6 datagrams.
                _socket.SetRawSocketOption(IpProtocolIPv6, IpV6MulticastAll, BitConverter.GetBytes(0));
            }
            catch
            {
                foreach (Socket socket in sockets)
                {
                    socket.Dispose();
                }

                throw;
            }

            foreach (Socket socket in sockets)
            {
                _groups.Add(socket);
                _linux.AddGroup(socket);
            }

            _ipv6Interfaces = names.ToArray();
            return _ipv6Interfaces;
        }

        private const int IpProtocolIp = 0;
        private const int IpMulticastAll = 49;
        private const int IpProtocolIPv6 = 41;
        private const int IpV6MulticastAll = 29;

        /// <summary>The address and port actually bound (the port is chosen by the system when 0 was asked).</summary>
        public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint;

        /// <summary>An IPv6 socket address (IPv4 peers appear IPv4-mapped): 28 bytes.</summary>
        public int MaxEndpointLength => SocketAddress.GetMaximumAddressSize(AddressFamily.InterNetworkV6);

        /// <summary>Socket errors survived (each reported as "no datagram").</summary>
        public int Errors => Volatile.Read(ref _errors);

        /// <summary>The address and port an endpoint of this transport stands for.</summary>
        public static IPEndPoint ToIPEndPoint(CoapEndpoint endpoint)
        {
            ArgumentNullException.ThrowIfNull(endpoint);
            var address = new SocketAddress(AddressFamily.InterNetworkV6);
            endpoint.Bytes.AsSpan(0, endpoint.Length).CopyTo(address.Buffer.Span);
            address.Size = endpoint.Length;
            var ep = (IPEndPoint)new IPEndPoint(IPAddress.IPv6Any, 0).Create(address);
            return ep.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(ep.Address.MapToIPv4(), ep.Port) : ep;
        }

        /// <summary>
        /// The endpoint of this transport for <paramref name="address"/>, to send a request to: the
        /// socket-address bytes a datagram from there arrives with (an IPv4 address in its IPv4-mapped
        /// IPv6 form, as the dual-stack socket sees it). Allocates; make it once.
        /// </summary>
        public static CoapEndpoint ToEndpoint(IPEndPoint address)
        {
            var endpoint = new CoapEndpoint();
            ToEndpoint(address, endpoint);
            return endpoint;
        }

        /// <summary>Sets <paramref name="endpoint"/> to the endpoint of this transport for <paramref name="address"/> (see <see cref="ToEndpoint(IPEndPoint)"/>).</summary>
        public static void ToEndpoint(IPEndPoint address, CoapEndpoint endpoint)
        {
            ArgumentNullException.ThrowIfNull(address);
            ArgumentNullException.ThrowIfNull(endpoint);
            IPAddress ip = address.AddressFamily == AddressFamily.InterNetwork ? address.Address.MapToIPv6() : address.Address;
            SocketAddress socketAddress = new IPEndPoint(ip, address.Port).Serialize();
            if (!endpoint.Set(socketAddress.Buffer.ToArray(), 0, socketAddress.Size))
            {
                throw new ArgumentException("the socket address does not fit an endpoint", nameof(address));
            }
        }

        /// <summary>The endpoint as people write it: 127.0.0.1:5683 or [::1]:5683.</summary>
        public static string Format(CoapEndpoint endpoint)
        {
            IPEndPoint ep = ToIPEndPoint(endpoint);
            return ep.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{ep.Address}]:{ep.Port}" : $"{ep.Address}:{ep.Port}";
        }

        /// <inheritdoc/>
        public int Receive(byte[] buffer, int offset, int count, CoapEndpoint source, int timeoutMilliseconds)
        {
            try
            {
                int length = _linux != null
                    ? _linux.Receive(buffer.AsSpan(offset, count), _received, timeoutMilliseconds)
                    : SelectAndReceive(buffer, offset, count, timeoutMilliseconds);
                if (length == LinuxReceiver.Woken)
                {
                    EmptyWakeSocket();
                    return -1;
                }

                if (length < 0)
                {
                    if (timeoutMilliseconds > 0)
                    {
                        // A wait that saw no wake datagram means one sent was lost (a full socket buffer drops it): allow another.
                        Interlocked.Exchange(ref _wakePending, 0);
                    }
                    else if (Volatile.Read(ref _wakePending) != 0)
                    {
                        // This empty return is the one a wake-up asked for: its datagram must not end the next wait.
                        EmptyWakeSocket();
                    }

                    return -1;
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

        // Elsewhere than Linux: a select on both sockets bounded by the timeout, then the receive. -1
        // when nothing came, Woken when only the wake socket became readable.
        private int SelectAndReceive(byte[] buffer, int offset, int count, int timeoutMilliseconds)
        {
            long microseconds = Math.Max(0, timeoutMilliseconds) * 1000L;
            _readable.Clear();
            _readable.Add(_socket);
            _readable.Add(_wakeSocket);
            Socket.Select(_readable, null, null, microseconds > int.MaxValue ? int.MaxValue : (int)microseconds);
            if (!_readable.Contains(_socket))
            {
                return _readable.Count > 0 ? LinuxReceiver.Woken : -1;
            }

            try
            {
                return _socket.ReceiveFrom(buffer.AsSpan(offset, count), SocketFlags.None, _received);
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.MessageSize)
            {
                // Larger than the buffer: the first count bytes are there; say it was longer.
                return count + 1;
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

        /// <inheritdoc/>
        public void Wake()
        {
            // One wake datagram in flight at a time: the receive that takes it clears the flag.
            if (Interlocked.Exchange(ref _wakePending, 1) != 0)
            {
                return;
            }

            try
            {
                _wakeSocket.SendTo(WakeDatagram, SocketFlags.None, _wakeTarget);
            }
            catch (SocketException)
            {
                Interlocked.Exchange(ref _wakePending, 0);
            }
            catch (ObjectDisposedException)
            {
            }
        }

        // Takes every wake datagram queued (it never blocks) and allows the next wake-up to send one.
        private void EmptyWakeSocket()
        {
            Interlocked.Exchange(ref _wakePending, 0);
            SocketError error;
            while (_wakeSocket.Receive(_wakeDrain, 0, _wakeDrain.Length, SocketFlags.None, out error) > 0 || error == SocketError.MessageSize)
            {
            }
        }

        /// <summary>Closes every socket: the CoAP socket, the wake-up socket and the group sockets.</summary>
        public void Dispose()
        {
            _socket.Dispose();
            _wakeSocket.Dispose();
            foreach (Socket group in _groups)
            {
                group.Dispose();
            }
        }
    }
}
