using System;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Coap.Micro.Dotnet
{
    /// <summary>
    /// Receives one datagram and its sender with a single system call on Linux: recvfrom on the blocking
    /// socket, its wait bounded by SO_RCVTIMEO (set only when the wait changes), instead of a poll before
    /// every receive. .NET keeps a socket address on Linux as the system's own sockaddr, so the sender
    /// lands straight in a <see cref="SocketAddress"/>. Nothing is allocated and no exception is thrown
    /// when the wait ends empty.
    /// </summary>
    internal sealed class LinuxReceiver
    {
        // Linux values: recvfrom flags and errno.
        private const int MsgDontWait = 0x40;
        private const int MsgTrunc = 0x20;
        private const int EIntr = 4;
        private const int EAgain = 11;

        private readonly Socket _socket;
        private readonly int _descriptor;
        private int _timeout = -1;

        /// <summary>A receiver for <paramref name="socket"/>, which must stay blocking (only synchronous calls on it).</summary>
        public LinuxReceiver(Socket socket)
        {
            _socket = socket;
            _descriptor = (int)socket.Handle;
        }

        /// <summary>True where this receiver works: Linux.</summary>
        public static bool IsSupported => OperatingSystem.IsLinux();

        /// <summary>
        /// Waits up to <paramref name="timeoutMilliseconds"/> (0 or less: not at all) for a datagram and copies
        /// at most <paramref name="buffer"/>'s length of it; <paramref name="sender"/> gets its source. Returns
        /// the datagram's full length (more than the buffer when it was cut short), -1 when none came, or
        /// throws a <see cref="SocketException"/> on a real error.
        /// </summary>
        public int Receive(Span<byte> buffer, SocketAddress sender, int timeoutMilliseconds)
        {
            int flags = MsgTrunc;
            if (timeoutMilliseconds <= 0)
            {
                flags |= MsgDontWait;
            }
            else if (timeoutMilliseconds != _timeout)
            {
                _socket.ReceiveTimeout = timeoutMilliseconds;
                _timeout = timeoutMilliseconds;
            }

            Span<byte> address = sender.Buffer.Span;
            int addressLength = address.Length;
            nint received = RecvFrom(_descriptor, ref MemoryMarshal.GetReference(buffer), buffer.Length, flags, ref MemoryMarshal.GetReference(address), ref addressLength);
            if (received >= 0)
            {
                sender.Size = Math.Min(addressLength, address.Length);
                return (int)received;
            }

            int error = Marshal.GetLastPInvokeError();
            if (error == EAgain || error == EIntr)
            {
                return -1;
            }

            throw new SocketException(error);
        }

        [DllImport("libc", EntryPoint = "recvfrom", SetLastError = true)]
        private static extern nint RecvFrom(int socket, ref byte buffer, nint length, int flags, ref byte address, ref int addressLength);
    }
}
