using System;
using Coap.Micro;
using ThermoDev.HostTests.Support;

namespace ThermoDev.HostTests.Robustness
{
    /// <summary>
    /// Makes bad and almost-good CoAP datagrams from a seeded <see cref="Random"/>, so a run repeats exactly:
    /// random bytes; requests built option by option with every token length (0 to 15), random option
    /// numbers and lengths in every delta and length encoding (RFC 7252 §3.1: 4-bit, 8-bit and 16-bit
    /// extended, the reserved 15), huge deltas past 65535, Observe, Block1, Block2, ETag, If-Match,
    /// If-None-Match, Accept, Content-Format, Size and No-Response mixes on the plugtest paths and /temp;
    /// and those mutated by bit flips, truncation, inserted bytes and repeats. ACKs and RSTs reuse Message
    /// IDs the server sent. Allocates nothing after construction: each datagram is written into
    /// <see cref="Buffer"/>.
    /// </summary>
    public sealed class DatagramFuzzer
    {
        private static readonly byte[][] Segments = Bytes(
            "test", "separate", "seg1", "seg2", "seg3", "query", "obs", "large", "link1", "path", "sub1", ".well-known", "core", "temp", "", "x");

        // The paths the plugtest server and ThermoDev serve, as Uri-Path segments.
        private static readonly byte[][][] Paths =
        {
            Bytes("test"), Bytes("separate"), Bytes("seg1", "seg2", "seg3"), Bytes("query"), Bytes("location-query"),
            Bytes("multi-format"), Bytes("validate"), Bytes("create1"), Bytes("obs"), Bytes("obs-non"), Bytes("large"),
            Bytes("large-update"), Bytes("large-create"), Bytes("link1"), Bytes("link2"), Bytes("path"), Bytes("path", "sub1"),
            Bytes(".well-known", "core"), Bytes("temp"), Bytes("temp"), Bytes("obs"),
        };

        private static readonly byte[][] Queries = Bytes("rt=Type1", "rt=*", "if=If*", "href=/link*", "sz=*", "ct=40", "obs", "first=1", "title=\"x\"", "=", "rt");

        private static readonly byte[][] Texts = Bytes("30.5", "-40", "85.0", "abc", "1e5", "NaN", " 21.25 ", "", "0x10", "99999999999");

        private static readonly int[] Known =
        {
            CoapOption.IfMatch, CoapOption.UriHost, CoapOption.ETag, CoapOption.IfNoneMatch, CoapOption.Observe, CoapOption.UriPort,
            CoapOption.LocationPath, CoapOption.UriPath, CoapOption.ContentFormat, CoapOption.MaxAge, CoapOption.UriQuery,
            CoapOption.Accept, CoapOption.LocationQuery, CoapOption.Block2, CoapOption.Block1, CoapOption.Size2,
            CoapOption.ProxyUri, CoapOption.ProxyScheme, CoapOption.Size1, CoapOption.NoResponse,
        };

        // Options a request commonly carries, whose values here are mostly valid.
        private static readonly int[] Benign =
        {
            CoapOption.Observe, CoapOption.Accept, CoapOption.ETag, CoapOption.Block2, CoapOption.Block1, CoapOption.UriQuery,
            CoapOption.ContentFormat, CoapOption.Size2, CoapOption.Size1,
        };

        private static readonly int[] Formats = { 0, 40, 41, 42, 50, 60, 110, 112, 9999, 65535 };

        private readonly Random _random;
        private readonly int[] _numbers = new int[24];
        private readonly byte[] _previous = new byte[MemoryTransport.MaxDatagram];
        private readonly ushort[] _serverMessageIds = new ushort[16];
        private readonly byte[] _serverHosts = new byte[16];
        private readonly byte[] _serverPorts = new byte[16];
        private int _previousLength;
        private int _serverMessageIdCount;

        public DatagramFuzzer(int seed)
        {
            _random = new Random(seed);
        }

        /// <summary>The datagram made by <see cref="Next"/>.</summary>
        public byte[] Buffer { get; } = new byte[MemoryTransport.MaxDatagram];

        /// <summary>Its length.</summary>
        public int Length { get; private set; }

        /// <summary>
        /// The sender of the datagram: one of 32 endpoints (16 hosts, 2 ports), so Message IDs, tokens and
        /// observers meet again. Hosts 192.0.2.1-8 are inside the plugtest server's write policy
        /// (192.0.2.0/25), 192.0.2.200-207 outside.
        /// </summary>
        public byte Host { get; private set; }

        /// <summary>The low byte of the sender's port (the high byte is 0x16).</summary>
        public byte Port { get; private set; }

        /// <summary>Remembers a Message ID the server used towards <paramref name="host"/> and <paramref name="port"/>, for ACKs and RSTs that match it.</summary>
        public void ServerSent(ushort messageId, byte host, byte port)
        {
            int slot = _serverMessageIdCount++ % _serverMessageIds.Length;
            _serverMessageIds[slot] = messageId;
            _serverHosts[slot] = host;
            _serverPorts[slot] = port;
        }

        /// <summary>Writes the sender of the datagram as an endpoint of the nanoFramework transport's layout.</summary>
        public void Sender(CoapEndpoint endpoint, byte[] scratch)
        {
            scratch[0] = 192;
            scratch[1] = 0;
            scratch[2] = 2;
            scratch[3] = Host;
            scratch[4] = 0x16;
            scratch[5] = Port;
            endpoint.Set(scratch, 0, 6);
        }

        /// <summary>Makes the next datagram.</summary>
        public void Next()
        {
            int kind = _random.Next(100);
            if (kind >= 16 || _previousLength == 0)
            {
                int host = _random.Next(16);
                Host = (byte)(host < 8 ? 1 + host : 192 + host);
                Port = (byte)(0x33 + _random.Next(2));
            }

            if (kind < 12)
            {
                RandomBytes();
            }
            else if (kind < 16 && _previousLength > 0)
            {
                // A repeat: the deduplication path (RFC 7252 §4.5).
                Array.Copy(_previous, Buffer, _previousLength);
                Length = _previousLength;
            }
            else if (kind < 22)
            {
                Empty();
            }
            else
            {
                Request();
                if (kind >= 70)
                {
                    Mutate();
                }
            }

            Array.Copy(Buffer, _previous, Length);
            _previousLength = Length;
        }

        private static byte[][] Bytes(params string[] texts)
        {
            var bytes = new byte[texts.Length][];
            for (int i = 0; i < texts.Length; i++)
            {
                bytes[i] = Ascii.Bytes(texts[i]);
            }

            return bytes;
        }

        private void RandomBytes()
        {
            Length = _random.Next(0, 48);
            Fill(0, Length);
            if (Length > 0 && _random.Next(2) == 0)
            {
                Buffer[0] = (byte)(0x40 | (Buffer[0] & 0x3F));
            }
        }

        // An empty message: a ping (CON), or an ACK or RST that may match a message of the server's.
        private void Empty()
        {
            int type = _random.Next(4);
            ushort messageId = (ushort)_random.Next(0x10000);
            if (_serverMessageIdCount > 0 && _random.Next(4) > 0)
            {
                // An ACK or RST from the peer the server sent that Message ID to.
                int slot = _random.Next(Math.Min(_serverMessageIdCount, _serverMessageIds.Length));
                messageId = _serverMessageIds[slot];
                Host = _serverHosts[slot];
                Port = _serverPorts[slot];
                type = 2 + _random.Next(2);
            }

            Buffer[0] = (byte)(0x40 | (type << 4) | (_random.Next(8) == 0 ? _random.Next(16) : 0));
            Buffer[1] = _random.Next(8) == 0 ? (byte)_random.Next(256) : (byte)0;
            Buffer[2] = (byte)(messageId >> 8);
            Buffer[3] = (byte)messageId;
            Length = 4;
        }

        private void Request()
        {
            int type = _random.Next(10) < 9 ? _random.Next(2) : _random.Next(4);
            int tokenLength = _random.Next(20) == 0 ? 9 + _random.Next(7) : _random.Next(9);
            int c = _random.Next(20);
            byte code = c < 9 ? CoapCode.Get : c < 11 ? CoapCode.Put : c < 13 ? CoapCode.Post : c < 15 ? CoapCode.Delete : (byte)_random.Next(256);

            // Message IDs from a small range, so the same endpoint reuses them now and then.
            int messageId = _random.Next(4) == 0 ? _random.Next(64) : _random.Next(0x10000);
            Buffer[0] = (byte)(0x40 | (type << 4) | tokenLength);
            Buffer[1] = code;
            Buffer[2] = (byte)(messageId >> 8);
            Buffer[3] = (byte)messageId;
            int at = 4;
            int realToken = Math.Min(tokenLength, 8);
            Fill(at, realToken);
            at += realToken;

            // Most requests name a path the server has; then a few more options, now and then many.
            byte[][] path = _random.Next(10) < 7 ? Paths[_random.Next(Paths.Length)] : null;
            int count = 0;
            for (int i = 0; path != null && i < path.Length; i++)
            {
                _numbers[count++] = CoapOption.UriPath;
            }

            int extras = _random.Next(10) == 0 ? _random.Next(20) : _random.Next(2) == 0 ? 0 : 1 + _random.Next(2);
            for (int i = 0; i < extras; i++)
            {
                int pick = _random.Next(20);
                _numbers[count++] = pick < 2 ? CoapOption.UriPath
                    : pick < 12 ? Benign[_random.Next(Benign.Length)]
                    : pick < 18 ? Known[_random.Next(Known.Length)]
                    : _random.Next(_random.Next(2) == 0 ? 300 : 65536);
            }

            if (code == CoapCode.Get && _random.Next(4) == 0)
            {
                _numbers[count++] = CoapOption.Observe;
            }

            Array.Sort(_numbers, 0, count);
            int previous = 0;
            int segment = 0;
            for (int i = 0; i < count && at < Buffer.Length - 600; i++)
            {
                int number = _numbers[i];
                if (_random.Next(80) == 0)
                {
                    // A delta past the last option number, or the reserved nibble 15 (RFC 7252 §3.1).
                    Buffer[at++] = _random.Next(2) == 0 ? (byte)0xE0 : (byte)(0xF0 | _random.Next(16));
                    Buffer[at++] = 0xFF;
                    Buffer[at++] = 0xFF;
                    previous = 65535;
                    continue;
                }

                byte[] value = number == CoapOption.UriPath && path != null && segment < path.Length ? path[segment++] : null;
                at = Option(at, number - previous, number, value);
                previous = number;
            }

            if (_random.Next(2) == 0 && at < Buffer.Length - 400)
            {
                Buffer[at++] = CoapMessage.PayloadMarker;
                int length;
                if (_random.Next(3) == 0)
                {
                    byte[] text = Texts[_random.Next(Texts.Length)];
                    Array.Copy(text, 0, Buffer, at, text.Length);
                    length = text.Length;
                }
                else
                {
                    length = _random.Next(8) == 0 ? 0 : _random.Next(_random.Next(4) == 0 ? 300 : 24);
                    Fill(at, length);
                }

                at += length;
            }

            Length = at;
        }

        // One option with a value fitting its number (most of the time); every delta and length encoding.
        private int Option(int at, int delta, int number, byte[] value)
        {
            int length;
            int valueAt = at + 5;
            switch (value != null ? -1 : number)
            {
                case -1:
                    length = Copy(value, valueAt);
                    break;
                case CoapOption.UriPath:
                    length = Copy(Segments[_random.Next(Segments.Length)], valueAt);
                    break;
                case CoapOption.UriQuery:
                    length = Copy(Queries[_random.Next(Queries.Length)], valueAt);
                    break;
                case CoapOption.Observe:
                    length = UInt(valueAt, _random.Next(3) == 0 ? (uint)_random.Next(0x1000000) : (uint)_random.Next(2));
                    break;
                case CoapOption.Block1:
                case CoapOption.Block2:
                    length = UInt(valueAt, BlockOption.Encode(_random.Next(4) == 0 ? _random.Next(0x100000) : _random.Next(100), _random.Next(2) == 0, 0) | (uint)_random.Next(8));
                    break;
                case CoapOption.ContentFormat:
                case CoapOption.Accept:
                    length = UInt(valueAt, (uint)Formats[_random.Next(Formats.Length)]);
                    break;
                case CoapOption.NoResponse:
                    length = UInt(valueAt, (uint)_random.Next(32));
                    break;
                default:
                    length = _random.Next(10) == 0 ? 13 + _random.Next(300) : _random.Next(10);
                    Fill(valueAt, length);
                    break;
            }

            // Now and then a declared length that runs past the end of the datagram.
            int declared = _random.Next(40) == 0 ? length + 200 : length;
            int headerLength = 1 + Extended(delta) + Extended(declared);
            Buffer[at] = (byte)((Nibble(delta) << 4) | Nibble(declared));
            WriteExtended(WriteExtended(at + 1, delta), declared);
            Array.Copy(Buffer, valueAt, Buffer, at + headerLength, length);
            return at + headerLength + length;
        }

        private static int Nibble(int value) => value < 13 ? value : value < 269 ? 13 : 14;

        private static int Extended(int value) => value < 13 ? 0 : value < 269 ? 1 : 2;

        private int WriteExtended(int at, int value)
        {
            if (value >= 269)
            {
                int v = Math.Min(value - 269, 0xFFFF);
                Buffer[at++] = (byte)(v >> 8);
                Buffer[at++] = (byte)v;
            }
            else if (value >= 13)
            {
                Buffer[at++] = (byte)(value - 13);
            }

            return at;
        }

        private int Copy(byte[] value, int at)
        {
            Array.Copy(value, 0, Buffer, at, value.Length);
            return value.Length;
        }

        private int UInt(int at, uint value)
        {
            int length = CoapMessageWriter.UIntLength(value);
            for (int i = length - 1; i >= 0; i--)
            {
                Buffer[at++] = (byte)(value >> (8 * i));
            }

            return length;
        }

        private void Mutate()
        {
            switch (_random.Next(5))
            {
                case 0:
                    Length = _random.Next(Length + 1);
                    break;
                case 1:
                    int extra = Math.Min(1 + _random.Next(40), Buffer.Length - Length);
                    Fill(Length, extra);
                    Length += extra;
                    break;
                case 2 when Length > 4:
                    // Insert a byte somewhere after the header.
                    int at = 4 + _random.Next(Length - 4);
                    Array.Copy(Buffer, at, Buffer, at + 1, Length - at);
                    Buffer[at] = (byte)_random.Next(256);
                    Length++;
                    break;
            }

            for (int flips = _random.Next(1, 4); flips > 0 && Length > 0; flips--)
            {
                Buffer[_random.Next(Length)] ^= (byte)(1 << _random.Next(8));
            }
        }

        private void Fill(int at, int count)
        {
            for (int i = 0; i < count; i++)
            {
                Buffer[at + i] = (byte)_random.Next(256);
            }
        }
    }
}
