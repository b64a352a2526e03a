using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CoapLoad
{
    /// <summary>What to send, how many at once and for how long.</summary>
    /// <param name="Target">The server.</param>
    /// <param name="Path">One Uri-Path segment.</param>
    /// <param name="Type"><see cref="CoapPacket.Con"/> or <see cref="CoapPacket.Non"/>.</param>
    /// <param name="Method"><see cref="CoapPacket.Get"/> or <see cref="CoapPacket.Put"/>.</param>
    /// <param name="Payload">The PUT's payload, or null.</param>
    /// <param name="Concurrency">Requests outstanding at any time.</param>
    /// <param name="Duration">How long new requests are sent.</param>
    /// <param name="LossTimeout">A request unanswered this long is counted lost and replaced.</param>
    public sealed record LoadOptions(IPEndPoint Target, string Path, int Type, byte Method, byte[] Payload, int Concurrency, TimeSpan Duration, TimeSpan LossTimeout);

    /// <summary>
    /// Keeps N requests outstanding against one server for a fixed time: each answer, matched by token
    /// (and, for a CON, by Message ID in the ACK), is timed and replaced by a new request at once.
    /// Requests are not retransmitted: one unanswered for the loss timeout counts as lost.
    /// </summary>
    public static class LoadGenerator
    {
        private const int TokenLength = 4;

        /// <summary>Runs the load; returns what came back.</summary>
        public static LoadResult Run(LoadOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            int slots = options.Concurrency;
            using var socket = new Socket(options.Target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            socket.Connect(options.Target);
            socket.ReceiveTimeout = 20;

            var requests = new byte[slots][];
            var lengths = new int[slots];
            var messageIds = new int[slots];
            var generations = new int[slots];
            var sentAt = new long[slots];
            var outstanding = new bool[slots];
            var codes = new long[256];
            var latency = new LatencyHistogram();
            for (int i = 0; i < slots; i++)
            {
                requests[i] = new byte[256];
                lengths[i] = CoapPacket.Request(requests[i], options.Type, options.Method, 0, TokenLength, -1, options.Path, options.Payload);
            }

            long sent = 0, completed = 0, completedInTime = 0, lost = 0;
            int nextMessageId = Random.Shared.Next(0x10000);
            long lossTicks = (long)(options.LossTimeout.TotalSeconds * Stopwatch.Frequency);

            void Send(int slot)
            {
                byte[] request = requests[slot];
                int messageId = nextMessageId++ & 0xFFFF;
                int generation = ++generations[slot] & 0xFFFF;
                request[2] = (byte)(messageId >> 8);
                request[3] = (byte)messageId;
                request[4] = (byte)(slot >> 8);
                request[5] = (byte)slot;
                request[6] = (byte)(generation >> 8);
                request[7] = (byte)generation;
                messageIds[slot] = messageId;
                sentAt[slot] = Stopwatch.GetTimestamp();
                outstanding[slot] = true;
                sent++;
                try
                {
                    socket.Send(request, 0, lengths[slot], SocketFlags.None);
                }
                catch (SocketException)
                {
                    // Counted as lost when its time is up.
                }
            }

            long start = Stopwatch.GetTimestamp();
            long deadline = start + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);
            long end = deadline;
            long graceEnd = long.MaxValue;
            bool sending = true;
            long nextLossCheck = start;
            var buffer = new byte[2048];
            for (int i = 0; i < slots; i++)
            {
                Send(i);
            }

            while (true)
            {
                long now = Stopwatch.GetTimestamp();
                if (sending && now >= deadline)
                {
                    sending = false;
                    end = now;
                    graceEnd = now + Stopwatch.Frequency / 2;
                }

                if (!sending && (now >= graceEnd || Array.IndexOf(outstanding, true) < 0))
                {
                    break;
                }

                if (now >= nextLossCheck)
                {
                    nextLossCheck = now + Stopwatch.Frequency / 100;
                    for (int i = 0; i < slots; i++)
                    {
                        if (outstanding[i] && now - sentAt[i] > lossTicks)
                        {
                            outstanding[i] = false;
                            lost++;
                            if (sending)
                            {
                                Send(i);
                            }
                        }
                    }
                }

                int length = Receive(socket, buffer);
                if (length < 4 || CoapPacket.TokenLengthOf(buffer) != TokenLength)
                {
                    continue;
                }

                int type = CoapPacket.TypeOf(buffer);
                if (type == CoapPacket.Con)
                {
                    // A separate response (RFC 7252 §5.2.2) is acknowledged.
                    TrySend(socket, CoapPacket.EmptyAck(CoapPacket.MessageIdOf(buffer)));
                }

                int slotOf = (buffer[4] << 8) | buffer[5];
                int generationOf = (buffer[6] << 8) | buffer[7];
                if (slotOf >= slots || !outstanding[slotOf] || generationOf != (generations[slotOf] & 0xFFFF)
                    || (type == CoapPacket.Ack && CoapPacket.MessageIdOf(buffer) != messageIds[slotOf]) || type == CoapPacket.Rst)
                {
                    continue;
                }

                long received = Stopwatch.GetTimestamp();
                outstanding[slotOf] = false;
                completed++;
                if (received <= end || sending)
                {
                    completedInTime++;
                }

                codes[buffer[1]]++;
                latency.Add((received - sentAt[slotOf]) * 1_000_000.0 / Stopwatch.Frequency);
                if (sending)
                {
                    Send(slotOf);
                }
            }

            long unanswered = 0;
            foreach (bool waiting in outstanding)
            {
                unanswered += waiting ? 1 : 0;
            }

            return new LoadResult(sent, completed, completedInTime, lost, unanswered, (end - start) / (double)Stopwatch.Frequency, latency, codes);
        }

        private static int Receive(Socket socket, byte[] buffer)
        {
            try
            {
                return socket.Receive(buffer);
            }
            catch (SocketException)
            {
                // Timed out, or an ICMP error for an earlier datagram: nothing this time.
                return -1;
            }
        }

        private static void TrySend(Socket socket, byte[] datagram)
        {
            try
            {
                socket.Send(datagram);
            }
            catch (SocketException)
            {
            }
        }
    }
}
