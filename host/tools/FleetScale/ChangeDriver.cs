using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace FleetScale
{
    /// <summary>
    /// Makes the changes: every device gets a CoAP PUT /temp of a new value once per period, the devices'
    /// turns spread evenly over the period. The PUT goes straight to the device (not through the gateway,
    /// whose cost is what is measured); the device notifies its observers when it handles it, so the time
    /// the PUT is sent is the time of the change. Values are 10.1, 10.2, ... °C per device, never the
    /// start value (25.0), so each (device, value) pair names one change.
    /// </summary>
    public sealed class ChangeDriver : IDisposable
    {
        private readonly Socket _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        private readonly Device[] _devices;
        private readonly TimeSpan _period;
        private readonly ChangeLedger _ledger;
        private readonly byte[] _buffer = new byte[64];
        private ushort _messageId = (ushort)Random.Shared.Next();
        private long _acks;

        /// <summary>A device: its name and UDP port on 127.0.0.1.</summary>
        public readonly record struct Device(string Name, int Port);

        /// <summary>A driver for <paramref name="devices"/>, one change each per <paramref name="period"/>.</summary>
        public ChangeDriver(Device[] devices, TimeSpan period, ChangeLedger ledger)
        {
            _devices = devices;
            _period = period;
            _ledger = ledger;
            _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        }

        /// <summary>Answers (ACKs) received from the devices.</summary>
        public long Acks => Interlocked.Read(ref _acks);

        /// <summary>Sends changes until <paramref name="cancel"/> fires.</summary>
        public async Task RunAsync(CancellationToken cancel)
        {
            Task receiving = Task.Run(() => ReceiveAsync(cancel), CancellationToken.None);
            int[] sequence = new int[_devices.Length];
            long start = Stopwatch.GetTimestamp();
            long turn = 0;
            try
            {
                while (!cancel.IsCancellationRequested)
                {
                    // Turn k belongs to device k % N at k * period / N from the start.
                    TimeSpan due = _period * ((double)turn / _devices.Length);
                    TimeSpan wait = due - Stopwatch.GetElapsedTime(start);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, cancel);
                        continue;
                    }

                    int index = (int)(turn % _devices.Length);
                    int tenths = 101 + sequence[index]++;
                    Send(_devices[index], tenths);
                    turn++;
                }
            }
            catch (OperationCanceledException)
            {
            }

            _socket.Close();
            try
            {
                await receiving;
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
        }

        /// <inheritdoc/>
        public void Dispose() => _socket.Dispose();

        private void Send(Device device, int tenths)
        {
            // RFC 7252 §3: CON PUT, no token, Uri-Path "temp" (11), Content-Format text/plain (12, empty = 0), payload.
            string payload = (tenths / 10).ToString(System.Globalization.CultureInfo.InvariantCulture) + "." + (tenths % 10).ToString(System.Globalization.CultureInfo.InvariantCulture);
            ushort id = _messageId++;
            int n = 0;
            _buffer[n++] = 0x40;
            _buffer[n++] = 0x03;
            _buffer[n++] = (byte)(id >> 8);
            _buffer[n++] = (byte)id;
            _buffer[n++] = 0xB4;
            n += Encoding.ASCII.GetBytes("temp", 0, 4, _buffer, n);
            _buffer[n++] = 0x10;
            _buffer[n++] = 0xFF;
            n += Encoding.ASCII.GetBytes(payload, 0, payload.Length, _buffer, n);
            _ledger.Making(device.Name, tenths, Stopwatch.GetTimestamp());
            _socket.SendTo(_buffer, 0, n, SocketFlags.None, new IPEndPoint(IPAddress.Loopback, device.Port));
        }

        private async Task ReceiveAsync(CancellationToken cancel)
        {
            byte[] buffer = new byte[1152];
            while (!cancel.IsCancellationRequested)
            {
                int n = await _socket.ReceiveAsync(buffer, SocketFlags.None, cancel);
                if (n >= 4 && (buffer[0] & 0x30) == 0x20)
                {
                    Interlocked.Increment(ref _acks);
                }
            }
        }
    }
}
