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

        private readonly int _descriptor;
        private readonly int _wakeDescriptor;

        /// <summary>A receiver for <paramref name="socket"/> whose waits also end when <paramref name="wake"/> becomes readable.</summary>
        public LinuxReceiver(Socket socket, Socket wake)
        {
            _descriptor = (int)socket.Handle;
            _wakeDescriptor = (int)wake.Handle;
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
            int length = TryReceive(buffer, sender);
            if (length >= 0 || timeoutMilliseconds <= 0)
            {
                return length;
            }

            Span<PollDescriptor> descriptors = stackalloc PollDescriptor[2];
            descriptors[0].Descriptor = _descriptor;
            descriptors[0].Events = PollIn;
            descriptors[1].Descriptor = _wakeDescriptor;
            descriptors[1].Events = PollIn;
            int ready = Poll(ref MemoryMarshal.GetReference(descriptors), 2, timeoutMilliseconds);
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

            if (descriptors[0].ReturnedEvents != 0)
            {
                length = TryReceive(buffer, sender);
                if (length >= 0)
                {
                    return length;
                }
            }

            return descriptors[1].ReturnedEvents != 0 ? Woken : -1;
        }

        // One non-blocking recvfrom: the datagram's length, or -1 when none is queued.
        private int TryReceive(Span<byte> buffer, SocketAddress sender)
        {
            Span<byte> address = sender.Buffer.Span;
            int addressLength = address.Length;
            nint received = RecvFrom(_descriptor, ref MemoryMarshal.GetReference(buffer), buffer.Length, MsgTrunc | MsgDontWait, ref MemoryMarshal.GetReference(address), ref addressLength);
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
