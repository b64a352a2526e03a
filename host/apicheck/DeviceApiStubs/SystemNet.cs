// nanoFramework.System.Net 1.11.43 (assembly System.Net): the members the device API notes list
// with their full signatures. Every enum member has its value as read in System.Net @ v1.11.43,
// nanoFramework.System.Net/Sockets/<Enum>.cs (SocketError: SocketErrors.cs).
using System;
using System.Net.Sockets;
using System.Threading;

namespace System.Net
{
    /// <summary>A network address (base of <see cref="IPEndPoint"/>, passed to Socket.Bind/SendTo/ReceiveFrom).</summary>
    public abstract class EndPoint
    {
        // Its two abstract members, as read in System.Net @ v1.11.43, EndPoint.cs: a class deriving from
        // EndPoint must implement them.
        public abstract SocketAddress Serialize();

        public abstract EndPoint Create(SocketAddress socketAddress);
    }

    // As read in System.Net @ v1.11.43, SocketAddress.cs (its other constructors are internal).
    public class SocketAddress
    {
        public SocketAddress(AddressFamily family, int size) => throw null;

        public AddressFamily Family => throw null;
    }

    /// <summary>An IP address; IPv4 is held as a long whose lowest byte is the first octet.</summary>
    public class IPAddress
    {
        public static readonly IPAddress Any;
        public static readonly IPAddress Loopback;
        public static readonly IPAddress Broadcast;
        public static readonly IPAddress None;
        public static readonly IPAddress IPv6Any;
        public static readonly IPAddress IPv6Loopback;

        public IPAddress(long newAddress) => throw null;

        public IPAddress(byte[] address) => throw null;

        public byte[] GetAddressBytes() => throw null;

        // Not in the notes; as read in System.Net @ v1.11.43, IPAddress.cs: the family the address was
        // made with (InterNetwork for IPv4).
        public AddressFamily AddressFamily => throw null;

        // Not in the notes; as read in System.Net @ v1.11.43, IPAddress.cs: for IPv4 it returns
        // unchecked((int)Address), the address with its first octet in the lowest byte, allocating
        // nothing (for IPv6 it hashes the text form).
        public override int GetHashCode() => throw null;

        public static IPAddress Parse(string ipString) => throw null;

        public override string ToString() => throw null;

        // The notes name GetDefaultLocalAddress() only; static, returning IPAddress (Any when no
        // interface has an address) as read in System.Net @ v1.11.43, nanoFramework.System.Net/IPAddress.cs.
        public static IPAddress GetDefaultLocalAddress() => throw null;
    }

    /// <summary>An IP address and port. Derives from EndPoint (ReceiveFrom hands it back as one).</summary>
    public class IPEndPoint : EndPoint
    {
        public const int MinPort = 0;
        public const int MaxPort = 0xFFFF;

        public IPEndPoint(long address, int port) => throw null;

        public IPEndPoint(IPAddress address, int port) => throw null;

        // The notes name Address and Port; their types as read in System.Net @ v1.11.43, IPEndPoint.cs.
        public IPAddress Address => throw null;

        public int Port => throw null;

        // Not in the notes; as read in System.Net @ v1.11.43, IPEndPoint.cs: its address's family.
        public AddressFamily AddressFamily => throw null;

        public override SocketAddress Serialize() => throw null;

        public override EndPoint Create(SocketAddress socketAddress) => throw null;
    }

    public static class Dns
    {
        public static IPHostEntry GetHostEntry(string hostNameOrAddress) => throw null;
    }

    public class IPHostEntry
    {
        public IPAddress[] AddressList => throw null;
    }
}

namespace System.Net.Sockets
{
    // Values as read in System.Net @ v1.11.43, Sockets/AddressFamily.cs.
    public enum AddressFamily
    {
        InterNetwork = 2,
        InterNetworkV6 = 23,
    }

    public enum SocketType
    {
        Stream = 1,
        Dgram = 2,
    }

    public enum ProtocolType
    {
        IP = 0,
        Tcp = 6,
        Udp = 17,
    }

    // The notes name the type only; None = 0 as read in System.Net @ v1.11.43, Sockets/SocketFlags.cs.
    public enum SocketFlags
    {
        None = 0,
    }

    public enum SelectMode
    {
        SelectRead = 0,
        SelectWrite = 1,
        SelectError = 2,
    }

    public enum SocketError
    {
        WouldBlock = 10035,
        ConnectionReset = 10054,
        NotConnected = 10057,
        TimedOut = 10060,
    }

    // Values as read in System.Net @ v1.11.43, Sockets/SocketOptionLevel.cs (IP = ProtocolType.IP = 0).
    public enum SocketOptionLevel
    {
        IP = 0,
        Udp = 17,
        Socket = 0xffff,
    }

    // Values as read in System.Net @ v1.11.43, Sockets/SocketOptionName.cs.
    public enum SocketOptionName
    {
        ReuseAddress = 0x0004,
        Broadcast = 0x0020,
        ReceiveTimeout = 0x1006,
        MulticastTimeToLive = 10,
        AddMembership = 12,
        DropMembership = 13,
    }

    /// <summary>A socket. IDisposable is implemented explicitly: there is no public Dispose().</summary>
    public class Socket : IDisposable
    {
        public Socket(AddressFamily addressFamily, SocketType socketType, ProtocolType protocolType) => throw null;

        /// <summary>Milliseconds; 0 or -1 = infinite.</summary>
        public int ReceiveTimeout
        {
            get => throw null;
            set => throw null;
        }

        /// <summary>Milliseconds; 1..499 is raised to 500.</summary>
        public int SendTimeout
        {
            get => throw null;
            set => throw null;
        }

        public void Bind(EndPoint localEP) => throw null;

        public void Connect(EndPoint remoteEP) => throw null;

        public void Close() => throw null;

        public int SendTo(byte[] buffer, int offset, int size, SocketFlags socketFlags, EndPoint remoteEP) => throw null;

        public int ReceiveFrom(byte[] buffer, int offset, int size, SocketFlags socketFlags, ref EndPoint remoteEP) => throw null;

        public bool Poll(int microSeconds, SelectMode mode) => throw null;

        // The notes name SetSocketOption(level, name, int | bool | byte[]); these two as read in System.Net @
        // v1.11.43, Sockets/Socket.cs: the byte[] goes to the native setsockopt as it is (for AddMembership,
        // lwIP's ip_mreq: the group's 4 address bytes, then the interface's).
        public void SetSocketOption(SocketOptionLevel optionLevel, SocketOptionName optionName, bool optionValue) => throw null;

        public void SetSocketOption(SocketOptionLevel optionLevel, SocketOptionName optionName, byte[] optionValue) => throw null;

        void IDisposable.Dispose() => throw null;
    }

    public class SocketException : Exception
    {
        public SocketException(SocketError errorCode) => throw null;

        public int ErrorCode => throw null;
    }
}

namespace System.Net.NetworkInformation
{
    // Not in the notes; as read in System.Net @ v1.11.43, NetworkInformation/NetworkInterfaceType.cs.
    public enum NetworkInterfaceType
    {
        Unknown = 1,
        Ethernet = 6,
        Wireless80211 = 71,
        WirelessAP = 72,
    }

    // Not in the notes; as read in System.Net @ v1.11.43, NetworkInformation/NetworkInterface.cs.
    public class NetworkInterface
    {
        protected NetworkInterface(int interfaceIndex) { }

        public static NetworkInterface[] GetAllNetworkInterfaces() => throw null;

        public byte[] PhysicalAddress => throw null;

        public NetworkInterfaceType NetworkInterfaceType => throw null;
    }
}

namespace nanoFramework.Networking
{
    public enum NetworkHelperStatus
    {
        None,
        Started,
        NetworkIsReady,
        FailedNoNetworkInterface,
        TokenExpiredWaitingIPAddress,
        TokenExpiredWaitingDateTime,
        ErrorConnetingToWiFiWhileScanning,
        ExceptionOccurred,
    }

    public class IPConfiguration
    {
        public IPConfiguration(string ipv4Address, string ipv4SubnetMask, string ipv4GatewayAddress, string[] ipv4DnsAddresses = null) => throw null;
    }

    /// <summary>Network helper for wired or already configured interfaces.</summary>
    public static class NetworkHelper
    {
        public static ManualResetEvent NetworkReady => throw null;

        public static NetworkHelperStatus Status => throw null;

        public static Exception HelperException => throw null;
    }
}
