using System;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Coap.Micro.Dotnet
{
    /// <summary>
    /// Receives one datagram and its sender on Linux with as few system calls as the traffic allows: a
    /// datagram already queued is taken by one non-blocking recvfrom; otherwise poll waits on the socket
    /// and on a second, wake-up descriptor at once, so a wake-up ends the wait without anything being
    /// sent to the socket's port. .NET keeps a socket address on Linux as the system's own sockaddr, so
    /// the sender lands straight in a <see cref="SocketAddress"/>. Nothing is allocated and no exception
    /// is thrown when the wait ends empty.
    /// </summary>
    internal sealed class LinuxReceiver
    {
        /// <summary>What <see cref="Receive"/> returns when the wake-up descriptor became readable and nothing was received.</summary>
        public const int Woken = -2;

        // Linux values: recvfrom flags, poll events and errno.
        private const int MsgDontWait = 0x40;
        private const int MsgTrunc = 0x20;
        private const short PollIn = 0x1;
        private const int EIntr = 4;
        private const int EAgain = 11;

        // Linux values: the address families of sockaddr_in and sockaddr_in6, and its length.
        private const int AfInet = 2;
        private const int AfInet6 = 10;
        private const int SockaddrIn6Length = 28;

        private readonly int _descriptor;

        // What poll waits on: the socket, the wake-up descriptor, then each group socket.
        private PollDescriptor[] _poll;

        /// <summary>A receiver for <paramref name="socket"/> whose waits also end when <paramref name="wake"/> becomes readable.</summary>
        public LinuxReceiver(Socket socket, Socket wake)
        {
            _descriptor = (int)socket.Handle;
            _poll = new PollDescriptor[2];
            _poll[0].Descriptor = _descriptor;
            _poll[0].Events = PollIn;
            _poll[1].Descriptor = (int)wake.Handle;
            _poll[1].Events = PollIn;
        }

        /// <summary>
        /// Also waits on <paramref name="group"/>, a socket bound to a multicast group: a datagram from it is
        /// returned with <see cref="Coap.Micro.CoapMulticast.ReceivedOnGroup"/> added to its length; an IPv4
        /// sender is written as the IPv4-mapped IPv6 address the dual-stack socket would have seen, an IPv6 one
        /// as it came (with its scope id). Before the first receive only.
        /// </summary>
        public void AddGroup(Socket group)
        {
            var poll = new PollDescriptor[_poll.Length + 1];
            _poll.CopyTo(poll, 0);
            poll[_poll.Length].Descriptor = (int)group.Handle;
            poll[_poll.Length].Events = PollIn;
            _poll = poll;
        }

        /// <summary>True where this receiver works: Linux.</summary>
        public static bool IsSupported => OperatingSystem.IsLinux();

        /// <summary>
        /// Waits up to <paramref name="timeoutMilliseconds"/> (0 or less: not at all) for a datagram and copies
        /// at most <paramref name="buffer"/>'s length of it; <paramref name="sender"/> gets its source. Returns
        /// the datagram's full length (more than the buffer when it was cut short), -1 when none came,
        /// <see cref="Woken"/> when the wake-up descriptor became readable first, or throws a
        /// <see cref="SocketException"/> on a real error. The caller empties the wake-up descriptor.
        /// </summary>
        public int Receive(Span<byte> buffer, SocketAddress sender, int timeoutMilliseconds)
        {
            PollDescriptor[] poll = _poll;
            int length = TryReceive(_descriptor, buffer, sender);
            for (int i = 2; length < 0 && i < poll.Length; i++)
            {
                length = TryReceiveFromGroup(poll[i].Descriptor, buffer, sender);
            }

            if (length >= 0 || timeoutMilliseconds <= 0)
            {
                return length;
            }

            int ready = Poll(ref MemoryMarshal.GetArrayDataReference(poll), (nuint)poll.Length, timeoutMilliseconds);
            if (ready < 0)
            {
                int error = Marshal.GetLastPInvokeError();
                if (error == EIntr)
                {
                    return -1;
                }

                throw new SocketException(error);
            }

            if (ready == 0)
            {
                return -1;
            }

            if (poll[0].ReturnedEvents != 0)
            {
                length = TryReceive(_descriptor, buffer, sender);
                if (length >= 0)
                {
                    return length;
                }
            }

            for (int i = 2; i < poll.Length; i++)
            {
                if (poll[i].ReturnedEvents != 0)
                {
                    length = TryReceiveFromGroup(poll[i].Descriptor, buffer, sender);
                    if (length >= 0)
                    {
                        return length;
                    }
                }
            }

            return poll[1].ReturnedEvents != 0 ? Woken : -1;
        }

        // A datagram from a group socket, flagged; an IPv4 sender rewritten from sockaddr_in to the IPv4-mapped
        // sockaddr_in6 the dual-stack CoAP socket sends to, an IPv6 one kept; -1 when none is queued.
        private static int TryReceiveFromGroup(int descriptor, Span<byte> buffer, SocketAddress sender)
        {
            int length = TryReceive(descriptor, buffer, sender);
            if (length < 0)
            {
                return -1;
            }

            Span<byte> address = sender.Buffer.Span;
            if (sender.Size >= SockaddrIn6Length && BitConverter.ToUInt16(address) == AfInet6)
            {
                return length + Coap.Micro.CoapMulticast.ReceivedOnGroup;
            }

            if (sender.Size < 8 || address.Length < SockaddrIn6Length || BitConverter.ToUInt16(address) != AfInet)
            {
                return -1;
            }

            // sockaddr_in: family, port, address; sockaddr_in6: family, port, flow info, address, scope id.
            byte a0 = address[4], a1 = address[5], a2 = address[6], a3 = address[7];
            address.Slice(4, SockaddrIn6Length - 4).Clear();
            BitConverter.TryWriteBytes(address, (ushort)AfInet6);
            address[18] = 0xFF;
            address[19] = 0xFF;
            address[20] = a0;
            address[21] = a1;
            address[22] = a2;
            address[23] = a3;
            sender.Size = SockaddrIn6Length;
            return length + Coap.Micro.CoapMulticast.ReceivedOnGroup;
        }

        // One non-blocking recvfrom: the datagram's length, or -1 when none is queued.
        private static int TryReceive(int descriptor, Span<byte> buffer, SocketAddress sender)
        {
            Span<byte> address = sender.Buffer.Span;
            int addressLength = address.Length;
            nint received = RecvFrom(descriptor, ref MemoryMarshal.GetReference(buffer), buffer.Length, MsgTrunc | MsgDontWait, ref MemoryMarshal.GetReference(address), ref addressLength);
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

        [StructLayout(LayoutKind.Sequential)]
        private struct PollDescriptor
        {
            public int Descriptor;
            public short Events;
            public short ReturnedEvents;
        }

        [DllImport("libc", EntryPoint = "recvfrom", SetLastError = true)]
        private static extern nint RecvFrom(int socket, ref byte buffer, nint length, int flags, ref byte address, ref int addressLength);

        [DllImport("libc", EntryPoint = "poll", SetLastError = true)]
        private static extern int Poll(ref PollDescriptor descriptors, nuint count, int timeoutMilliseconds);
    }
}
