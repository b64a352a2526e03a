using System;
using System.Collections.Generic;
using Coap.Micro;

namespace ThermoDev.HostTests.Oscore
{
    /// <summary>
    /// Mutations of a protected request (RFC 8613) for the OSCORE fuzzer: the request is taken apart (header,
    /// token, options, payload), one part is changed, and it is encoded again (RFC 7252 §3), so a mutation can
    /// aim at the OSCORE option's value (§6.1: flag bits, n, kid context, kid, Partial IV), at the COSE payload
    /// (ciphertext and tag) or at the options around the OSCORE option, and still reach the server's OSCORE
    /// code instead of its parser. Raw byte flips, truncations and extensions reach the parser too.
    /// </summary>
    internal sealed class FuzzOscoreMutations
    {
        /// <summary>The kinds of mutation, in the order <see cref="Mutate"/> picks them.</summary>
        internal static readonly string[] Kinds =
        {
            "none", "option value", "COSE payload", "outer options", "header and token", "raw bytes", "kid of another context",
        };

        // Option numbers an outer option is drawn from: those around the OSCORE option, Class U and Class E ones,
        // Echo, No-Response, unknown critical and elective ones.
        private static readonly int[] OuterNumbers = { 1, 3, 4, 5, 6, 7, 8, 9, 9, 9, 10, 11, 12, 13, 14, 15, 17, 20, 23, 27, 28, 35, 39, 60, 252, 258, 2049, 65000 };

        private readonly Random _random;

        internal FuzzOscoreMutations(Random random)
        {
            _random = random;
        }

        /// <summary>
        /// Mutates the protected request <paramref name="wire"/> with the mutation of kind <paramref name="kind"/>
        /// (an index into <see cref="Kinds"/>); <paramref name="otherKid"/> is another context's kid.
        /// </summary>
        internal byte[] Mutate(byte[] wire, int kind, byte[] otherKid)
        {
            var message = Message.Read(wire);
            switch (kind)
            {
                case 0:
                    return wire;
                case 1:
                    message.SetOscore(MutateOptionValue(message.Oscore()));
                    return message.Write();
                case 2:
                    message.Payload = MutatePayload(message.Payload);
                    return message.Write();
                case 3:
                    MutateOuterOptions(message);
                    return message.Write();
                case 4:
                    MutateHeader(message);
                    return message.Write();
                case 5:
                    return MutateBytes(wire);
                default:
                    message.SetOscore(WithKid(message.Oscore(), otherKid));
                    return message.Write();
            }
        }

        // RFC 8613 §6.1: flags (reserved bits 5-7, h bit 4, k bit 3, n bits 0-2), Partial IV (n bytes), s and kid
        // context (when h), kid (the rest, when k).
        private byte[] MutateOptionValue(byte[] value)
        {
            var v = new List<byte>(value ?? Array.Empty<byte>());
            for (int changes = _random.Next(1, 3); changes > 0; changes--)
            {
                switch (_random.Next(10))
                {
                    case 0:
                        if (v.Count > 0)
                        {
                            v[0] ^= (byte)(1 << _random.Next(8));
                        }

                        break;
                    case 1:
                        if (v.Count > 0)
                        {
                            v[0] = (byte)((v[0] & 0xF8) | _random.Next(8));
                        }

                        break;
                    case 2:
                        if (v.Count > 0)
                        {
                            v[0] |= (byte)(0x20 << _random.Next(3));
                        }

                        break;
                    case 3:
                        // The h bit and a kid context length s that may point past the end.
                        if (v.Count > 0)
                        {
                            int n = Math.Min(v[0] & 0x07, v.Count - 1);
                            v[0] |= 0x10;
                            v.Insert(1 + n, (byte)(_random.Next(2) == 0 ? _random.Next(10) : _random.Next(256)));
                        }

                        break;
                    case 4:
                        // The last bytes (the kid) changed, cut or grown.
                        if (v.Count > 1)
                        {
                            int at = _random.Next(1, v.Count);
                            v[at] ^= (byte)(1 << _random.Next(8));
                        }

                        if (_random.Next(2) == 0)
                        {
                            v.Add((byte)_random.Next(256));
                        }
                        else if (v.Count > 1)
                        {
                            v.RemoveAt(v.Count - 1);
                        }

                        break;
                    case 5:
                        // Cut short (down to an empty value).
                        int keep = _random.Next(v.Count + 1);
                        v.RemoveRange(keep, v.Count - keep);

                        break;
                    case 6:
                        for (int extra = _random.Next(1, 20); extra > 0; extra--)
                        {
                            v.Add((byte)_random.Next(256));
                        }

                        break;
                    case 7:
                        // Another Partial IV of the same length (a replayed or future sequence number).
                        if (v.Count > 1 && (v[0] & 0x07) > 0)
                        {
                            int n = Math.Min(v[0] & 0x07, v.Count - 1);
                            v[n] = (byte)(v[n] + (_random.Next(2) == 0 ? 1 : -1));
                        }

                        break;
                    case 8:
                        v.Clear();
                        break;
                    default:
                        v.Clear();
                        for (int length = _random.Next(1, 21); length > 0; length--)
                        {
                            v.Add((byte)_random.Next(256));
                        }

                        break;
                }
            }

            return v.ToArray();
        }

        // The COSE object: ciphertext with the 8-byte CCM tag at its end (§5.2, AES-CCM-16-64-128).
        private byte[] MutatePayload(byte[] payload)
        {
            payload ??= Array.Empty<byte>();
            byte[] p = (byte[])payload.Clone();
            switch (_random.Next(7))
            {
                case 0:
                    if (p.Length > 8)
                    {
                        p[_random.Next(p.Length - 8)] ^= (byte)(1 << _random.Next(8));
                    }

                    return p;
                case 1:
                    if (p.Length > 0)
                    {
                        p[Math.Max(0, p.Length - 1 - _random.Next(8))] ^= (byte)(1 << _random.Next(8));
                    }

                    return p;
                case 2:
                    // Cut: down to nothing (no payload marker, or a marker and nothing after it: a format error).
                    int keep = _random.Next(p.Length);
                    return keep == 0 && _random.Next(2) == 0 ? null : p.AsSpan(0, keep).ToArray();
                case 3:
                    var longer = new byte[p.Length + _random.Next(1, 40)];
                    p.CopyTo(longer, 0);
                    _random.NextBytes(longer.AsSpan(p.Length));
                    return longer;
                case 4:
                    if (p.Length >= 8)
                    {
                        _random.NextBytes(p.AsSpan(p.Length - 8));
                    }

                    return p;
                case 5:
                    _random.NextBytes(p);
                    return p;
                default:
                    // The tag alone, or the tag moved to the front.
                    if (p.Length > 8)
                    {
                        return _random.Next(2) == 0 ? p.AsSpan(p.Length - 8).ToArray() : Rotate(p, 8);
                    }

                    return p;
            }
        }

        private void MutateOuterOptions(Message message)
        {
            for (int changes = _random.Next(1, 3); changes > 0; changes--)
            {
                List<(int Number, byte[] Value)> options = message.Options;
                switch (_random.Next(6))
                {
                    case 0:
                    case 1:
                        var value = new byte[_random.Next(2) == 0 ? _random.Next(4) : _random.Next(300)];
                        _random.NextBytes(value);
                        int number = _random.Next(4) == 0 ? _random.Next(1, 2100) : OuterNumbers[_random.Next(OuterNumbers.Length)];
                        options.Add((number, value));
                        break;
                    case 2:
                        options.RemoveAll(o => o.Number == CoapOption.Oscore);
                        break;
                    case 3:
                        int oscore = options.FindIndex(o => o.Number == CoapOption.Oscore);
                        if (oscore >= 0)
                        {
                            options.Add(options[oscore]);
                        }

                        break;
                    case 4:
                        if (options.Count > 0)
                        {
                            options.RemoveAt(_random.Next(options.Count));
                        }

                        break;
                    default:
                        if (options.Count > 0)
                        {
                            int at = _random.Next(options.Count);
                            var changed = new byte[_random.Next(6)];
                            _random.NextBytes(changed);
                            options[at] = (options[at].Number, changed);
                        }

                        break;
                }
            }
        }

        private void MutateHeader(Message message)
        {
            switch (_random.Next(5))
            {
                case 0:
                    message.Type = _random.Next(4);
                    break;
                case 1:
                    message.Code = _random.Next(3) == 0 ? (byte)_random.Next(256) : (byte)_random.Next(1, 8);
                    break;
                case 2:
                    message.Token = new byte[_random.Next(9)];
                    _random.NextBytes(message.Token);
                    break;
                case 3:
                    message.MessageId = _random.Next(0x10000);
                    break;
                default:
                    // A token length of 9 to 15 (reserved, §3) or a version other than 1.
                    if (_random.Next(2) == 0)
                    {
                        message.TokenLengthField = _random.Next(9, 16);
                    }
                    else
                    {
                        message.Version = _random.Next(4);
                    }

                    break;
            }
        }

        private byte[] MutateBytes(byte[] wire)
        {
            byte[] bytes;
            switch (_random.Next(4))
            {
                case 0:
                    bytes = wire.AsSpan(0, _random.Next(wire.Length + 1)).ToArray();
                    break;
                case 1:
                    bytes = new byte[wire.Length + _random.Next(1, 300)];
                    wire.CopyTo(bytes, 0);
                    _random.NextBytes(bytes.AsSpan(wire.Length));
                    break;
                default:
                    bytes = (byte[])wire.Clone();
                    break;
            }

            for (int flips = _random.Next(1, 4); flips > 0 && bytes.Length > 0; flips--)
            {
                bytes[_random.Next(bytes.Length)] ^= (byte)(1 << _random.Next(8));
            }

            return bytes;
        }

        // The option value with its kid replaced by another's (the Partial IV and kid context kept): §8.2 step 2
        // then finds the other context, whose key does not verify the tag.
        private static byte[] WithKid(byte[] value, byte[] kid)
        {
            int n = value[0] & 0x07;
            int end = 1 + n;
            if ((value[0] & 0x10) != 0)
            {
                end += 1 + value[end];
            }

            var changed = new byte[end + kid.Length];
            Array.Copy(value, changed, end);
            changed[0] |= 0x08;
            kid.CopyTo(changed, end);
            return changed;
        }

        private static byte[] Rotate(byte[] p, int by)
        {
            var r = new byte[p.Length];
            for (int i = 0; i < p.Length; i++)
            {
                r[i] = p[(i + p.Length - by) % p.Length];
            }

            return r;
        }

        /// <summary>A CoAP message taken apart (RFC 7252 §3), written back with <see cref="Write"/>.</summary>
        internal sealed class Message
        {
            internal int Version = 1;
            internal int Type;
            internal int TokenLengthField = -1;
            internal byte Code;
            internal int MessageId;
            internal byte[] Token;
            internal List<(int Number, byte[] Value)> Options = new List<(int, byte[])>();
            internal byte[] Payload;

            internal static Message Read(byte[] wire)
            {
                var parsed = new CoapMessage(32);
                if (parsed.Parse(wire, 0, wire.Length) != CoapParseResult.Ok)
                {
                    throw new ArgumentException("not a well-formed message: " + Convert.ToHexString(wire));
                }

                var m = new Message
                {
                    Type = (int)parsed.Type,
                    Code = parsed.Code,
                    MessageId = parsed.MessageId,
                    Token = wire.AsSpan(parsed.TokenOffset, parsed.TokenLength).ToArray(),
                    Payload = parsed.PayloadLength > 0 ? wire.AsSpan(parsed.PayloadOffset, parsed.PayloadLength).ToArray() : null,
                };
                for (int i = 0; i < parsed.OptionCount; i++)
                {
                    m.Options.Add((parsed.GetOptionNumber(i), wire.AsSpan(parsed.GetOptionOffset(i), parsed.GetOptionLength(i)).ToArray()));
                }

                return m;
            }

            internal byte[] Oscore() => Options.Find(o => o.Number == CoapOption.Oscore).Value;

            internal void SetOscore(byte[] value)
            {
                int at = Options.FindIndex(o => o.Number == CoapOption.Oscore);
                Options[at] = (CoapOption.Oscore, value);
            }

            internal byte[] Write()
            {
                var bytes = new List<byte>
                {
                    (byte)((Version << 6) | (Type << 4) | (TokenLengthField >= 0 ? TokenLengthField : Token.Length)),
                    Code,
                    (byte)(MessageId >> 8),
                    (byte)MessageId,
                };
                bytes.AddRange(Token);
                int previous = 0;
                var sorted = new List<(int Number, byte[] Value)>(Options);
                StableSort(sorted);
                foreach (var (number, value) in sorted)
                {
                    int delta = number - previous;
                    previous = number;
                    int header = bytes.Count;
                    bytes.Add(0);
                    bytes[header] = (byte)((Nibble(delta, bytes) << 4) | Nibble(value.Length, bytes));
                    bytes.AddRange(value);
                }

                if (Payload != null)
                {
                    bytes.Add(0xFF);
                    bytes.AddRange(Payload);
                }

                return bytes.ToArray();
            }

            // Writes the extended bytes of an option delta or length (§3.1) and returns its nibble.
            private static int Nibble(int value, List<byte> bytes)
            {
                if (value < 13)
                {
                    return value;
                }

                if (value < 269)
                {
                    bytes.Add((byte)(value - 13));
                    return 13;
                }

                bytes.Add((byte)((value - 269) >> 8));
                bytes.Add((byte)(value - 269));
                return 14;
            }

            private static void StableSort(List<(int Number, byte[] Value)> options)
            {
                for (int i = 1; i < options.Count; i++)
                {
                    var item = options[i];
                    int j = i - 1;
                    while (j >= 0 && options[j].Number > item.Number)
                    {
                        options[j + 1] = options[j];
                        j--;
                    }

                    options[j + 1] = item;
                }
            }
        }
    }
}
