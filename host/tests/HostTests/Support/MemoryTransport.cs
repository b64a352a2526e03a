using System;
using Coap.Micro;

namespace ThermoDev.HostTests.Support
{
    /// <summary>
    /// An in-memory transport that allocates nothing once made, for tests that count the server's
    /// allocations or push a million datagrams through it: one datagram waits to be received at a time,
    /// and what the server sends is kept in a fixed number of slots until <see cref="ClearSent"/>.
    /// Single-threaded: the test delivers, then runs <see cref="CoapServer.Poll"/> on its own thread.
    /// </summary>
    public sealed class MemoryTransport : ICoapTransport
    {
        /// <summary>Largest datagram kept, either way.</summary>
        public const int MaxDatagram = 2048;

        private readonly byte[] _incoming = new byte[MaxDatagram];
        private readonly CoapEndpoint _incomingSource = new CoapEndpoint();
        private readonly byte[][] _sent;
        private readonly int[] _sentLengths;
        private readonly CoapEndpoint[] _sentTo;
        private int _incomingLength = -1;

        /// <summary>A transport that keeps up to <paramref name="slots"/> sent datagrams.</summary>
        public MemoryTransport(int slots = 256)
        {
            _sent = new byte[slots][];
            _sentLengths = new int[slots];
            _sentTo = new CoapEndpoint[slots];
            for (int i = 0; i < slots; i++)
            {
                _sent[i] = new byte[MaxDatagram];
                _sentTo[i] = new CoapEndpoint();
            }
        }

        /// <summary>Datagrams sent since <see cref="ClearSent"/> (those past the last slot are counted, not kept).</summary>
        public int SentCount { get; private set; }

        /// <summary>Datagrams sent that did not fit a slot.</summary>
        public int Overflow => Math.Max(0, SentCount - _sent.Length);

        /// <summary>True while a delivered datagram waits to be received.</summary>
        public bool Pending => _incomingLength >= 0;

        /// <summary>The bytes of the <paramref name="index"/>-th datagram sent (<see cref="SentLength"/> of them).</summary>
        public byte[] SentBuffer(int index) => _sent[index];

        /// <summary>The length of the <paramref name="index"/>-th datagram sent.</summary>
        public int SentLength(int index) => _sentLengths[index];

        /// <summary>Where the <paramref name="index"/>-th datagram went.</summary>
        public CoapEndpoint SentTo(int index) => _sentTo[index];

        /// <summary>A copy of the <paramref name="index"/>-th datagram sent.</summary>
        public byte[] Sent(int index) => _sent[index].AsSpan(0, _sentLengths[index]).ToArray();

        /// <summary>Forgets what was sent.</summary>
        public void ClearSent() => SentCount = 0;

        /// <summary>Makes <paramref name="count"/> bytes of <paramref name="datagram"/> from <paramref name="source"/> the next datagram received.</summary>
        public void Deliver(byte[] datagram, int count, CoapEndpoint source)
        {
            if (count > MaxDatagram)
            {
                throw new ArgumentOutOfRangeException(nameof(count));
            }

            Array.Copy(datagram, _incoming, count);
            _incomingLength = count;
            _incomingSource.CopyFrom(source);
        }

        /// <summary>Makes all of <paramref name="datagram"/> the next datagram received.</summary>
        public void Deliver(byte[] datagram, CoapEndpoint source) => Deliver(datagram, datagram.Length, source);

        /// <inheritdoc/>
        public int Receive(byte[] buffer, int offset, int count, CoapEndpoint source, int timeoutMilliseconds)
        {
            int length = _incomingLength;
            if (length < 0)
            {
                return -1;
            }

            _incomingLength = -1;
            Array.Copy(_incoming, 0, buffer, offset, Math.Min(length, count));
            source.CopyFrom(_incomingSource);
            return length;
        }

        /// <inheritdoc/>
        public bool Send(byte[] buffer, int offset, int count, CoapEndpoint destination)
        {
            int slot = SentCount++;
            if (slot < _sent.Length && count <= MaxDatagram)
            {
                Array.Copy(buffer, offset, _sent[slot], 0, count);
                _sentLengths[slot] = count;
                _sentTo[slot].CopyFrom(destination);
            }

            return true;
        }

        /// <inheritdoc/>
        public void Wake()
        {
        }

        /// <summary>Any endpoint of up to <see cref="CoapEndpoint.MaxLength"/> bytes.</summary>
        public int MaxEndpointLength => CoapEndpoint.MaxLength;
    }
}
