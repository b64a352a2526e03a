using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Coap.Micro;

namespace Coap.Micro.Udp
{
    /// <summary>
    /// CoAP over UDP on .NET nanoFramework (System.Net sockets), IPv4 only like the stock ESP32
    /// firmware. One socket bound to <see cref="IPAddress.Any"/> on the local port serves both
    /// directions; or, to answer requests sent to All-CoAP-Nodes (RFC 7252 §8), one bound to the
    /// device's own address and a second bound to the group address 224.0.1.187 on the same port and
    /// joined to the group: lwIP hands a group datagram to the socket bound to the group address, and
    /// System.Net has no ReceiveMessageFrom to tell the destination otherwise, so the socket a datagram
    /// came from says whether it was sent to the group (reported with
    /// <see cref="CoapMulticast.ReceivedOnGroup"/>). Endpoints are encoded as <see cref="EndpointLength"/> bytes by
    /// <see cref="Ipv4Endpoint"/>: the four IPv4 address bytes in network order (first octet
    /// first), then the port, big-endian.
    /// </summary>
    /// <remarks>
    /// Allocations: this class allocates nothing per datagram. System.Net does, on every datagram
    /// received, and its API offers no way around it: <c>Socket.ReceiveFrom</c> takes the sender as
    /// <c>ref EndPoint</c>, copies the endpoint passed in (a new IPEndPoint, and an IPAddress with
    /// its label array) and has the runtime create another IPEndPoint and IPAddress for the
    /// sender. The sender's address is read with <c>IPAddress.GetHashCode()</c>, which for IPv4
    /// returns the address itself and allocates nothing (<c>GetAddressBytes</c> would return a new
    /// array each time). Sending allocates nothing while the destination is one of the last
    /// <see cref="DefaultPeerCacheSize"/> peers (or as many as the constructor was given): their
    /// IPEndPoint objects are kept in a table keyed by endpoint bytes, so notifying several
    /// observers in turn reuses them; a new destination costs one IPEndPoint with its IPAddress.
    /// Receive and Send may run on different threads; Send calls are serialised by a lock.
    /// </remarks>
    public sealed class NanoUdpTransport : ICoapTransport, IDisposable
    {
        /// <summary>The CoAP default port (RFC 7252 §6.1).</summary>
        public const int DefaultPort = 5683;

        /// <summary>Bytes in an endpoint of this transport: 4 address bytes and a 2-byte port.</summary>
        public const int EndpointLength = Ipv4Endpoint.Length;

        /// <summary>
        /// Peers whose IPEndPoint is kept for sending (default of the constructor): the server's
        /// default observers (4) and two more clients.
        /// </summary>
        public const int DefaultPeerCacheSize = 6;

        // SocketError.TimedOut (WSAETIMEDOUT): not counted as an error.
        private const int TimedOutErrorCode = 10060;

        /// <summary>Longest a waiting receive takes to notice <see cref="Wake"/>.</summary>
        public const int WakeCheckMilliseconds = 20;

        private readonly object _sendLock = new object();
        private readonly IPEndPoint _receiveTemplate = new IPEndPoint(IPAddress.Any, 0);
        private readonly EndpointCache _peers;
        private readonly IPEndPoint[] _peerEndPoints;
        private readonly int _localPort;
        private Socket _socket;
        private Socket _group;
        private int _errorCount;
        private int _lastErrorCode;
        private int _wakeRequested;

        /// <summary>
        /// Opens a UDP socket bound to every local IPv4 address on <paramref name="localPort"/>
        /// (0 lets the stack choose), keeping the IPEndPoint of the last <paramref name="peerCacheSize"/>
        /// peers sent to (at least 1; each costs about 130 bytes of heap once made). Throws when the
        /// socket cannot be created or bound (for example, no network interface is up, or the port is in use).
        /// </summary>
        public NanoUdpTransport(int localPort = DefaultPort, int peerCacheSize = DefaultPeerCacheSize)
        {
            if (localPort < IPEndPoint.MinPort || localPort > IPEndPoint.MaxPort)
            {
                throw new ArgumentOutOfRangeException(nameof(localPort));
            }

            if (peerCacheSize < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(peerCacheSize));
            }

            _localPort = localPort;
            _peers = new EndpointCache(peerCacheSize, EndpointLength);
            _peerEndPoints = new IPEndPoint[peerCacheSize];
            Socket socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                // ReceiveFrom throws NotConnected on a socket that was never bound.
                socket.Bind(new IPEndPoint(IPAddress.Any, localPort));
            }
            catch
            {
                socket.Close();
                throw;
            }

            _socket = socket;
        }

        /// <summary>
        /// Opens the CoAP socket on <paramref name="localAddress"/> (the device's own IPv4 address, so group
        /// datagrams do not reach it) and <paramref name="localPort"/>, and a second socket bound to the
        /// All-CoAP-Nodes group 224.0.1.187 on the same port, joined to the group on that address's interface
        /// (IP_ADD_MEMBERSHIP with lwIP's ip_mreq: the group's four address bytes, then the interface's).
        /// Requests to the group are received on it and flagged (RFC 7252 §8.1); answers leave from the CoAP
        /// socket, from the device's own address (§8.2). Throws when a socket cannot be opened, bound or joined;
        /// nothing stays open then. If the device's address changes (a new DHCP lease), open the transport again.
        /// </summary>
        public NanoUdpTransport(int localPort, int peerCacheSize, IPAddress localAddress)
        {
            if (localPort < IPEndPoint.MinPort || localPort > IPEndPoint.MaxPort)
            {
                throw new ArgumentOutOfRangeException(nameof(localPort));
            }

            if (peerCacheSize < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(peerCacheSize));
            }

            if (localAddress == null)
            {
                throw new ArgumentNullException(nameof(localAddress));
            }

            _localPort = localPort;
            _peers = new EndpointCache(peerCacheSize, EndpointLength);
            _peerEndPoints = new IPEndPoint[peerCacheSize];
            byte[] own = localAddress.GetAddressBytes();
            byte[] membership = new byte[] { 224, 0, 1, 187, own[0], own[1], own[2], own[3] };
            Socket socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            Socket group = null;
            try
            {
                socket.Bind(new IPEndPoint(localAddress, localPort));
                group = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                try
                {
                    // lwIP lets sockets on different addresses share a port without it; where SO_REUSE is
                    // built in, it also lets a second group socket on this port be bound.
                    group.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                }
                catch (SocketException)
                {
                }

                group.Bind(new IPEndPoint(IPAddress.Parse(CoapMulticast.AllCoapNodesIPv4), localPort));
                group.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, membership);
            }
            catch
            {
                socket.Close();
                if (group != null)
                {
                    group.Close();
                }

                throw;
            }

            _socket = socket;
            _group = group;
        }

        /// <summary>True when this transport joined All-CoAP-Nodes (see the constructor with a local address).</summary>
        public bool JoinedGroup
        {
            get { return _group != null; }
        }

        /// <summary>Endpoints of this transport are <see cref="EndpointLength"/> bytes.</summary>
        public int MaxEndpointLength
        {
            get { return EndpointLength; }
        }

        /// <summary>The local port given to the constructor.</summary>
        public int LocalPort
        {
            get { return _localPort; }
        }

        /// <summary>
        /// Socket errors met by <see cref="Receive"/> and <see cref="Send"/> (timeouts excluded),
        /// and received datagrams dropped because their sender could not be encoded.
        /// </summary>
        public int ErrorCount
        {
            get { return _errorCount; }
        }

        /// <summary>The <c>SocketException.ErrorCode</c> of the last counted socket error; 0 when none.</summary>
        public int LastErrorCode
        {
            get { return _lastErrorCode; }
        }

        /// <summary>True once <see cref="Close"/> or <see cref="Dispose"/> has run.</summary>
        public bool IsClosed
        {
            get { return _socket == null; }
        }

        /// <summary>
        /// Waits up to <paramref name="timeoutMilliseconds"/> (0 or less: only checks, never
        /// waits) for one datagram and copies at most <paramref name="count"/> bytes of it into
        /// <paramref name="buffer"/>. Returns the number of bytes copied, or -1 when no datagram
        /// arrived in time, on a socket error (counted in <see cref="ErrorCount"/>) or after
        /// <see cref="Close"/>. A longer datagram is cut to <paramref name="count"/> bytes: the
        /// socket API does not report the length it had.
        /// </summary>
        public int Receive(byte[] buffer, int offset, int count, CoapEndpoint source, int timeoutMilliseconds)
        {
            CheckRange(buffer, offset, count);
            if (count == 0)
            {
                // ReceiveFrom with size 0 neither takes the datagram nor reports its sender.
                throw new ArgumentOutOfRangeException(nameof(count));
            }

            if (source == null)
            {
                throw new ArgumentNullException(nameof(source));
            }

            Socket socket = _socket;
            if (socket == null)
            {
                return -1;
            }

            int received;
            IPEndPoint sender;
            Socket from;
            try
            {
                from = WaitForDatagram(socket, _group, timeoutMilliseconds);
                if (from == null)
                {
                    return -1;
                }

                // ReceiveFrom replaces this local with the IPEndPoint the runtime creates for the sender.
                EndPoint remote = _receiveTemplate;
                received = from.ReceiveFrom(buffer, offset, count, SocketFlags.None, ref remote);
                sender = remote as IPEndPoint;
            }
            catch (SocketException e)
            {
                CountError(e.ErrorCode);
                return -1;
            }
            catch (ObjectDisposedException)
            {
                // Closed by another thread while waiting.
                return -1;
            }

            if (sender == null || sender.AddressFamily != AddressFamily.InterNetwork)
            {
                CountError(0);
                return -1;
            }

            // For IPv4, IPAddress.GetHashCode() is the address itself (first octet lowest) and
            // allocates nothing; the same sender as last time leaves the endpoint as it is.
            int address = sender.Address.GetHashCode();
            int port = sender.Port;
            if (!Ipv4Endpoint.Matches(source, address, port))
            {
                Ipv4Endpoint.Write(source, address, port);
            }

            return from == socket ? received : received + CoapMulticast.ReceivedOnGroup;
        }

        /// <summary>
        /// Sends <paramref name="count"/> bytes of <paramref name="buffer"/> as one datagram to
        /// <paramref name="destination"/> (an endpoint of this transport, see the class summary).
        /// False when the destination is not a valid endpoint, on a socket error (counted in
        /// <see cref="ErrorCount"/>), or after <see cref="Close"/>.
        /// </summary>
        public bool Send(byte[] buffer, int offset, int count, CoapEndpoint destination)
        {
            CheckRange(buffer, offset, count);
            if (!Ipv4Endpoint.IsValid(destination))
            {
                return false;
            }

            Socket socket = _socket;
            if (socket == null)
            {
                return false;
            }

            lock (_sendLock)
            {
                IPEndPoint target = Destination(destination);

                try
                {
                    return socket.SendTo(buffer, offset, count, SocketFlags.None, target) == count;
                }
                catch (SocketException e)
                {
                    CountError(e.ErrorCode);
                    return false;
                }
                catch (ObjectDisposedException)
                {
                    return false;
                }
            }
        }

        /// <summary>
        /// Makes a waiting <see cref="Receive"/> return -1 within <see cref="WakeCheckMilliseconds"/>:
        /// the socket API has no way to interrupt a poll, so a receive polls in slices and looks for
        /// this between them. Any thread; never blocks or allocates.
        /// </summary>
        public void Wake()
        {
            Interlocked.Exchange(ref _wakeRequested, 1);
        }

        /// <summary>Closes the socket (and the group's); later calls to Receive return -1 and Send returns false.</summary>
        public void Close()
        {
            Socket socket = _socket;
            Socket group = _group;
            _socket = null;
            if (socket != null)
            {
                socket.Close();
            }

            if (group != null)
            {
                group.Close();
            }
        }

        /// <summary>Same as <see cref="Close"/>.</summary>
        public void Dispose()
        {
            Close();
        }

        // The kept IPEndPoint of a recent peer, or a new one kept in place of the least recently used.
        // Caller holds _sendLock.
        private IPEndPoint Destination(CoapEndpoint destination)
        {
            int slot = _peers.Find(destination);
            if (slot >= 0)
            {
                return _peerEndPoints[slot];
            }

            // nanoFramework keeps an IPv4 address as a long holding the address in memory order:
            // the lowest byte is the first octet (IPAddress(long)).
            IPEndPoint target = new IPEndPoint(Ipv4Endpoint.AddressOf(destination) & 0xFFFFFFFFL, Ipv4Endpoint.PortOf(destination));
            _peerEndPoints[_peers.Add(destination)] = target;
            return target;
        }

        // Polls in slices of WakeCheckMilliseconds until a datagram is there, the timeout has passed or
        // Wake was called. The socket a datagram can be read from (the group's is looked at between
        // slices: a request to the group waits its leisure anyway), or null.
        private Socket WaitForDatagram(Socket socket, Socket group, int timeoutMilliseconds)
        {
            int left = timeoutMilliseconds <= 0 ? 0 : timeoutMilliseconds;
            while (true)
            {
                if (Interlocked.Exchange(ref _wakeRequested, 0) != 0)
                {
                    return null;
                }

                int slice = left < WakeCheckMilliseconds ? left : WakeCheckMilliseconds;
                if (socket.Poll(slice * 1000, SelectMode.SelectRead))
                {
                    return socket;
                }

                if (group != null && group.Poll(0, SelectMode.SelectRead))
                {
                    return group;
                }

                left -= slice;
                if (left <= 0)
                {
                    return null;
                }
            }
        }

        private void CountError(int errorCode)
        {
            if (errorCode == TimedOutErrorCode)
            {
                return;
            }

            _lastErrorCode = errorCode;
            Interlocked.Increment(ref _errorCount);
        }

        private static void CheckRange(byte[] buffer, int offset, int count)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException(nameof(buffer));
            }

            if (offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                throw new ArgumentOutOfRangeException(nameof(offset));
            }
        }
    }
}
