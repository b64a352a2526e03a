using System;
using Coap.Micro;

namespace Coap.Micro.Benchmarks
{
    /// <summary>
    /// A transport in memory that allocates nothing: datagrams wait in a fixed ring, what the server
    /// sends is counted (and its length kept), and a confirmable message the server sends can be
    /// acknowledged at once by its destination, as a well-behaved observer would.
    /// </summary>
    public sealed class BenchTransport : ICoapTransport
    {
        private const int Slots = 512;
        private const int SlotBytes = 128;

        private readonly byte[][] _datagrams = new byte[Slots][];
        private readonly int[] _lengths = new int[Slots];
        private readonly CoapEndpoint[] _sources = new CoapEndpoint[Slots];
        private int _head;
        private int _count;

        /// <summary>A transport with 6-byte endpoints, as on a board.</summary>
        public BenchTransport()
        {
            for (int i = 0; i < Slots; i++)
            {
                _datagrams[i] = new byte[SlotBytes];
                _sources[i] = new CoapEndpoint(Ipv4Endpoint.Length);
            }
        }

        /// <summary>When true, every CON the server sends is answered with an empty ACK from its destination.</summary>
        public bool AcknowledgeConfirmables { get; set; }

        /// <summary>Datagrams sent so far.</summary>
        public long Sent { get; private set; }

        /// <summary>Length of the last datagram sent.</summary>
        public int LastSentLength { get; private set; }

        /// <summary>When true, every datagram sent is copied into <see cref="LastSent"/> (for checks in a set-up, not while measuring).</summary>
        public bool KeepLastSent { get; set; }

        /// <summary>The last datagram sent while <see cref="KeepLastSent"/> was true, <see cref="LastSentLength"/> bytes.</summary>
        public byte[] LastSent { get; } = new byte[1500];

        /// <summary>Datagrams waiting to be received.</summary>
        public int Pending => _count;

        /// <inheritdoc/>
        public int MaxEndpointLength => Ipv4Endpoint.Length;

        /// <summary>Queues <paramref name="length"/> bytes of <paramref name="datagram"/> as if sent by <paramref name="from"/>.</summary>
        public void Enqueue(byte[] datagram, int length, CoapEndpoint from)
        {
            if (_count == Slots || length > SlotBytes)
            {
                throw new InvalidOperationException("the bench transport's queue is full");
            }

            int slot = (_head + _count) % Slots;
            Array.Copy(datagram, _datagrams[slot], length);
            _lengths[slot] = length;
            _sources[slot].CopyFrom(from);
            _count++;
        }

        /// <inheritdoc/>
        public int Receive(byte[] buffer, int offset, int count, CoapEndpoint source, int timeoutMilliseconds)
        {
            if (_count == 0)
            {
                return -1;
            }

            int length = _lengths[_head];
            Array.Copy(_datagrams[_head], 0, buffer, offset, Math.Min(length, count));
            source.CopyFrom(_sources[_head]);
            _head = (_head + 1) % Slots;
            _count--;
            return length;
        }

        /// <inheritdoc/>
        public bool Send(byte[] buffer, int offset, int count, CoapEndpoint destination)
        {
            Sent++;
            LastSentLength = count;
            if (KeepLastSent)
            {
                Array.Copy(buffer, offset, LastSent, 0, Math.Min(count, LastSent.Length));
            }

            if (AcknowledgeConfirmables && count >= 4 && (buffer[offset] & 0x30) == 0)
            {
                // RFC 7252 §4.2: an empty ACK echoing the CON's Message ID.
                int slot = (_head + _count) % Slots;
                byte[] ack = _datagrams[slot];
                ack[0] = 0x60;
                ack[1] = 0x00;
                ack[2] = buffer[offset + 2];
                ack[3] = buffer[offset + 3];
                _lengths[slot] = 4;
                _sources[slot].CopyFrom(destination);
                _count++;
            }

            return true;
        }

        /// <inheritdoc/>
        public void Wake()
        {
        }
    }
}
