using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CoapLoad
{
    /// <summary>What a fan-out run measured.</summary>
    /// <param name="Observers">Observers asked to register.</param>
    /// <param name="Registered">Observers whose registration was answered with Observe (RFC 7641 §4.1).</param>
    /// <param name="Changes">Changes made (each a PUT of a new value).</param>
    /// <param name="Missed">Notifications of a change that did not arrive within the timeout.</param>
    /// <param name="FanOutMilliseconds">Per change: from sending the PUT to the last observer's notification of the new value.</param>
    public sealed record ObserveResult(int Observers, int Registered, int Changes, int Missed, double[] FanOutMilliseconds)
    {
        /// <summary>The fan-out time at a percentile, ms.</summary>
        public double Percentile(double percent)
        {
            if (FanOutMilliseconds.Length == 0)
            {
                return 0;
            }

            double[] sorted = FanOutMilliseconds.OrderBy(t => t).ToArray();
            int rank = (int)Math.Ceiling(sorted.Length * percent / 100.0) - 1;
            return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
        }

        /// <summary>One line for a person.</summary>
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Registered}/{Observers} observers, {Changes} changes: fan-out p50 {Percentile(50):0.00} ms, p99 {Percentile(99):0.00} ms, max {Percentile(100):0.00} ms; missed {Missed}");
    }

    /// <summary>
    /// N observers of one resource, each on its own socket; K changes, each a PUT of a new value from
    /// another socket; for each change, the time until every observer has been notified of the new
    /// value. The first <see cref="WarmupChanges"/> changes are not counted (a .NET server compiles its
    /// notification path meanwhile). Confirmable notifications are acknowledged at once; at the end
    /// every observer deregisters (GET with Observe 1, RFC 7641 §3.6).
    /// </summary>
    public static class ObserveGenerator
    {
        /// <summary>Changes made and not counted before the measured ones.</summary>
        public const int WarmupChanges = 5;

        /// <summary>Runs the fan-out measurement.</summary>
        public static ObserveResult Run(IPEndPoint target, string path, int observers, int changes, TimeSpan changeTimeout)
        {
            var sockets = new List<Socket>();
            var index = new Dictionary<Socket, int>();
            using var control = Open(target);
            try
            {
                for (int i = 0; i < observers; i++)
                {
                    Socket socket = Open(target);
                    sockets.Add(socket);
                    index[socket] = i;
                }

                HashSet<int> registered = Register(sockets, index, path, 0);
                var times = new List<double>();
                int missed = 0;
                var buffer = new byte[2048];
                var request = new byte[256];
                for (int change = 1 - WarmupChanges; change <= changes; change++)
                {
                    string value = (30 + change % 500 / 10.0).ToString("0.0", CultureInfo.InvariantCulture);
                    byte[] text = Encoding.ASCII.GetBytes(value);
                    int length = CoapPacket.Request(request, CoapPacket.Con, CoapPacket.Put, 0x8000 + WarmupChanges + change, 1, -1, path, text);
                    request[4] = 0x50;
                    var waiting = new HashSet<int>(registered);
                    long start = Stopwatch.GetTimestamp();
                    long last = start;
                    control.Send(request, 0, length, SocketFlags.None);
                    long deadline = start + (long)(changeTimeout.TotalSeconds * Stopwatch.Frequency);
                    while (waiting.Count > 0 && Stopwatch.GetTimestamp() < deadline)
                    {
                        var readable = sockets.Where(s => waiting.Contains(index[s])).ToList();
                        readable.Add(control);
                        Socket.Select(readable, null, null, 100_000);
                        foreach (Socket socket in readable)
                        {
                            int n = Receive(socket, buffer);
                            if (socket == control || n < 4)
                            {
                                continue;
                            }

                            Acknowledge(socket, buffer);
                            if (CoapPacket.Read(buffer.AsSpan(0, n), out _, out ReadOnlySpan<byte> payload) && payload.SequenceEqual(text)
                                && waiting.Remove(index[socket]))
                            {
                                last = Stopwatch.GetTimestamp();
                            }
                        }
                    }

                    if (change <= 0)
                    {
                        Drain(sockets, control, buffer);
                        continue;
                    }

                    missed += waiting.Count;
                    if (waiting.Count == 0)
                    {
                        times.Add((last - start) * 1000.0 / Stopwatch.Frequency);
                    }

                    Drain(sockets, control, buffer);
                }

                Register(sockets, index, path, 1);
                return new ObserveResult(observers, registered.Count, changes, missed, times.ToArray());
            }
            finally
            {
                foreach (Socket socket in sockets)
                {
                    socket.Dispose();
                }
            }
        }

        private static Socket Open(IPEndPoint target)
        {
            var socket = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            socket.Connect(target);
            return socket;
        }

        // Sends GET with Observe (0 registers, 1 deregisters) from every socket; returns the observers
        // answered with a 2.xx carrying Observe.
        private static HashSet<int> Register(List<Socket> sockets, Dictionary<Socket, int> index, string path, int observe)
        {
            var request = new byte[256];
            var buffer = new byte[2048];
            foreach (Socket socket in sockets)
            {
                int i = index[socket];
                int length = CoapPacket.Request(request, CoapPacket.Con, CoapPacket.Get, (observe << 14) + i, 2, observe, path, null);
                request[4] = (byte)(i >> 8);
                request[5] = (byte)i;
                socket.Send(request, 0, length, SocketFlags.None);
            }

            var answered = new HashSet<int>();
            var withObserve = new HashSet<int>();
            long deadline = Stopwatch.GetTimestamp() + 5 * Stopwatch.Frequency;
            while (answered.Count < sockets.Count && Stopwatch.GetTimestamp() < deadline)
            {
                var readable = sockets.Where(s => !answered.Contains(index[s])).ToList();
                Socket.Select(readable, null, null, 100_000);
                foreach (Socket socket in readable)
                {
                    int n = Receive(socket, buffer);
                    if (n < 4)
                    {
                        continue;
                    }

                    Acknowledge(socket, buffer);
                    if (CoapPacket.TypeOf(buffer) == CoapPacket.Ack && CoapPacket.MessageIdOf(buffer) == (((observe << 14) + index[socket]) & 0xFFFF)
                        && answered.Add(index[socket]) && buffer[1] >> 5 == 2
                        && CoapPacket.Read(buffer.AsSpan(0, n), out int seen, out _) && seen >= 0)
                    {
                        withObserve.Add(index[socket]);
                    }
                }
            }

            return withObserve;
        }

        // Reads whatever is left (late duplicates, notifications of other readings) so the next change starts clean.
        private static void Drain(List<Socket> sockets, Socket control, byte[] buffer)
        {
            while (true)
            {
                var readable = new List<Socket>(sockets) { control };
                Socket.Select(readable, null, null, 1_000);
                if (readable.Count == 0)
                {
                    return;
                }

                foreach (Socket socket in readable)
                {
                    if (Receive(socket, buffer) >= 4 && socket != control)
                    {
                        Acknowledge(socket, buffer);
                    }
                }
            }
        }

        // RFC 7252 §4.2: a CON notification is acknowledged.
        private static void Acknowledge(Socket socket, byte[] message)
        {
            if (CoapPacket.TypeOf(message) == CoapPacket.Con)
            {
                try
                {
                    socket.Send(CoapPacket.EmptyAck(CoapPacket.MessageIdOf(message)));
                }
                catch (SocketException)
                {
                }
            }
        }

        private static int Receive(Socket socket, byte[] buffer)
        {
            try
            {
                return socket.Available > 0 || socket.Poll(0, SelectMode.SelectRead) ? socket.Receive(buffer) : -1;
            }
            catch (SocketException)
            {
                return -1;
            }
        }
    }
}
