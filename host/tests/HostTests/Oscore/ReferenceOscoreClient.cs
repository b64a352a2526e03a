using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;

namespace ThermoDev.HostTests.Oscore
{
    /// <summary>
    /// A second OSCORE client (RFC 8613), written apart from Coap.Micro.Oscore and built on .NET's own AES-CCM and
    /// HKDF: its own key derivation (§3.2.1, with the CBOR info written out here), nonce (§5.2), AAD (§5.4), option
    /// handling (§4.1) and CoAP encoding. Tests run it against the server, so an error shared by our protector and
    /// our tests cannot hide. Requests carry Uri-Path, Observe, Echo and a payload; nothing else is needed here.
    /// </summary>
    public sealed class ReferenceOscoreClient
    {
        private const int OscoreOption = 9;
        private const int ObserveOption = 6;
        private const int UriPathOption = 11;
        private const int EchoOption = 252;

        private readonly byte[] _senderKey;
        private readonly byte[] _recipientKey;
        private readonly byte[] _commonIv;
        private readonly byte[] _senderId;
        private readonly byte[] _recipientId;

        public ReferenceOscoreClient(byte[] masterSecret, byte[] masterSalt, byte[] senderId, byte[] recipientId)
        {
            _senderId = senderId;
            _recipientId = recipientId;
            _senderKey = Derive(masterSecret, masterSalt, senderId, "Key", 16);
            _recipientKey = Derive(masterSecret, masterSalt, recipientId, "Key", 16);
            _commonIv = Derive(masterSecret, masterSalt, Array.Empty<byte>(), "IV", 13);
        }

        /// <summary>The next Sender Sequence Number.</summary>
        public long SequenceNumber { get; set; }

        /// <summary>The Partial IV of the last request made.</summary>
        public long LastRequestPiv { get; private set; }

        /// <summary>
        /// A protected request (§8.1): code, Message ID, token, path, optional Observe and Echo, payload.
        /// </summary>
        public byte[] Request(byte code, int messageId, byte[] token, string path, int observe = -1, byte[] echo = null, byte[] payload = null, bool confirmable = true)
        {
            long piv = LastRequestPiv = SequenceNumber++;
            var inner = new List<(int Number, byte[] Value)>();
            if (observe >= 0)
            {
                inner.Add((ObserveOption, UInt(observe)));
            }

            foreach (string segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                inner.Add((UriPathOption, System.Text.Encoding.UTF8.GetBytes(segment)));
            }

            if (echo != null)
            {
                inner.Add((EchoOption, echo));
            }

            byte[] plaintext = Concat(new[] { code }, Options(inner), payload is { Length: > 0 } ? Concat(new byte[] { 0xFF }, payload) : Array.Empty<byte>());
            byte[] pivBytes = PartialIv(piv);
            byte[] ciphertext = Seal(_senderKey, Nonce(_senderId, pivBytes), Aad(_senderId, pivBytes), plaintext);

            // OSCORE option value (§6.1): flags (k, n), the Partial IV, the kid.
            byte[] oscore = Concat(new[] { (byte)(0x08 | pivBytes.Length) }, pivBytes, _senderId);
            var outer = new List<(int Number, byte[] Value)>();
            if (observe >= 0)
            {
                outer.Add((ObserveOption, UInt(observe)));
            }

            outer.Add((OscoreOption, oscore));
            byte outerCode = observe >= 0 ? (byte)0x05 : (byte)0x02;
            byte[] header = { (byte)(0x40 | (confirmable ? 0x00 : 0x10) | token.Length), outerCode, (byte)(messageId >> 8), (byte)messageId };
            return Concat(header, token, Options(outer), new byte[] { 0xFF }, ciphertext);
        }

        /// <summary>
        /// Verifies and decrypts a protected response to the request with Partial IV <paramref name="requestPiv"/> (§8.4):
        /// the inner code, options and payload, and the response's own Partial IV (-1 when it had none).
        /// </summary>
        public Response Open(byte[] datagram, long requestPiv)
        {
            Message outer = Message.Parse(datagram);
            var oscore = outer.Options.Single(o => o.Number == OscoreOption).Value;
            long responsePiv = -1;
            byte[] nonce;
            if (oscore.Length > 0 && (oscore[0] & 0x07) > 0)
            {
                int n = oscore[0] & 0x07;
                byte[] piv = oscore.Skip(1).Take(n).ToArray();
                responsePiv = piv.Aggregate(0L, (v, b) => (v << 8) | b);
                nonce = Nonce(_recipientId, piv);
            }
            else
            {
                nonce = Nonce(_senderId, PartialIv(requestPiv));
            }

            byte[] plaintext = Open(_recipientKey, nonce, Aad(_senderId, PartialIv(requestPiv)), outer.Payload);
            byte[] inner = Concat(datagram.Take(4 + (datagram[0] & 0x0F)).ToArray(), plaintext.Skip(1).ToArray());
            inner[1] = plaintext[0];
            return new Response(Message.Parse(inner), responsePiv);
        }

        public sealed record Response(Message Message, long PartialIv);

        // §3.2.1: HKDF-SHA256 with info = [id, id_context (nil), alg_aead (10), type, L] in CBOR.
        private static byte[] Derive(byte[] secret, byte[] salt, byte[] id, string type, int length)
        {
            byte[] info = Concat(new byte[] { 0x85 }, Bstr(id), new byte[] { 0xF6, 0x0A }, Tstr(type), new[] { (byte)length });
            return HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, length, salt ?? Array.Empty<byte>(), info);
        }

        // §5.2: ID length, ID left-padded to 7 bytes, Partial IV left-padded to 5 bytes, XOR the Common IV.
        private byte[] Nonce(byte[] id, byte[] piv)
        {
            byte[] nonce = new byte[13];
            nonce[0] = (byte)id.Length;
            Array.Copy(id, 0, nonce, 1 + 7 - id.Length, id.Length);
            Array.Copy(piv, 0, nonce, 13 - piv.Length, piv.Length);
            for (int i = 0; i < 13; i++)
            {
                nonce[i] ^= _commonIv[i];
            }

            return nonce;
        }

        // §5.4: Enc_structure ["Encrypt0", h'', bstr(external_aad)], external_aad = [1, [10], kid, piv, h''].
        private static byte[] Aad(byte[] requestKid, byte[] requestPiv)
        {
            byte[] external = Concat(new byte[] { 0x85, 0x01, 0x81, 0x0A }, Bstr(requestKid), Bstr(requestPiv), new byte[] { 0x40 });
            return Concat(new byte[] { 0x83 }, Tstr("Encrypt0"), new byte[] { 0x40 }, Bstr(external));
        }

        private static byte[] Seal(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext)
        {
            using var ccm = new AesCcm(key);
            byte[] ciphertext = new byte[plaintext.Length];
            byte[] tag = new byte[8];
            ccm.Encrypt(nonce, plaintext, ciphertext, tag, aad);
            return Concat(ciphertext, tag);
        }

        private static byte[] Open(byte[] key, byte[] nonce, byte[] aad, byte[] sealedBytes)
        {
            using var ccm = new AesCcm(key);
            byte[] plaintext = new byte[sealedBytes.Length - 8];
            ccm.Decrypt(nonce, sealedBytes.AsSpan(0, plaintext.Length), sealedBytes.AsSpan(plaintext.Length), plaintext, aad);
            return plaintext;
        }

        // §6.1: the Partial IV is the sequence number in as few bytes as it takes, at least one.
        private static byte[] PartialIv(long value)
        {
            var bytes = new List<byte>();
            do
            {
                bytes.Insert(0, (byte)value);
                value >>= 8;
            }
            while (value > 0);
            return bytes.ToArray();
        }

        private static byte[] UInt(int value) => value == 0 ? Array.Empty<byte>() : PartialIv(value);

        private static byte[] Bstr(byte[] value) => Concat(Head(0x40, value.Length), value);

        private static byte[] Tstr(string value) => Concat(Head(0x60, value.Length), System.Text.Encoding.ASCII.GetBytes(value));

        private static byte[] Head(int major, int length) => length < 24 ? new[] { (byte)(major | length) } : new[] { (byte)(major | 24), (byte)length };

        // RFC 7252 §3.1: options in order, deltas and lengths with their extended forms.
        private static byte[] Options(IEnumerable<(int Number, byte[] Value)> options)
        {
            var output = new MemoryStream();
            int last = 0;
            foreach (var (number, value) in options.OrderBy(o => o.Number))
            {
                int delta = number - last;
                last = number;
                output.WriteByte((byte)((Nibble(delta) << 4) | Nibble(value.Length)));
                Extended(output, delta);
                Extended(output, value.Length);
                output.Write(value);
            }

            return output.ToArray();
        }

        private static int Nibble(int value) => value < 13 ? value : value < 269 ? 13 : 14;

        private static void Extended(Stream output, int value)
        {
            if (value >= 269)
            {
                output.WriteByte((byte)((value - 269) >> 8));
                output.WriteByte((byte)(value - 269));
            }
            else if (value >= 13)
            {
                output.WriteByte((byte)(value - 13));
            }
        }

        private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

        /// <summary>A CoAP message as this client reads it.</summary>
        public sealed record Message(byte Code, int MessageId, List<(int Number, byte[] Value)> Options, byte[] Payload)
        {
            public byte[] Option(int number) => Options.Where(o => o.Number == number).Select(o => o.Value).FirstOrDefault();

            public string Text => System.Text.Encoding.UTF8.GetString(Payload);

            public static Message Parse(byte[] datagram)
            {
                int p = 4 + (datagram[0] & 0x0F);
                int number = 0;
                var options = new List<(int, byte[])>();
                while (p < datagram.Length && datagram[p] != 0xFF)
                {
                    int delta = datagram[p] >> 4;
                    int length = datagram[p] & 0x0F;
                    p++;
                    delta = Read(datagram, ref p, delta);
                    length = Read(datagram, ref p, length);
                    number += delta;
                    options.Add((number, datagram.Skip(p).Take(length).ToArray()));
                    p += length;
                }

                byte[] payload = p < datagram.Length ? datagram.Skip(p + 1).ToArray() : Array.Empty<byte>();
                return new Message(datagram[1], (datagram[2] << 8) | datagram[3], options, payload);
            }

            private static int Read(byte[] data, ref int p, int nibble)
            {
                if (nibble == 13)
                {
                    return data[p++] + 13;
                }

                if (nibble == 14)
                {
                    int value = ((data[p] << 8) | data[p + 1]) + 269;
                    p += 2;
                    return value;
                }

                return nibble;
            }
        }
    }
}
