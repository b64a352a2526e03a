using System;
using Coap.Micro;

namespace Coap.Micro.InterpreterBench
{
    /// <summary>
    /// Writes the requests the paths send and reads back what the server answered, byte by byte
    /// (RFC 7252 §3), so the driver depends on nothing of the library but its public server and client.
    /// Set-up and checks only: these allocate.
    /// </summary>
    public static class Datagrams
    {
        /// <summary>Type CON (RFC 7252 §3).</summary>
        public const int Confirmable = 0;

        /// <summary>Type NON.</summary>
        public const int NonConfirmable = 1;

        /// <summary>Type ACK.</summary>
        public const int Acknowledgement = 2;

        /// <summary>Type RST.</summary>
        public const int Reset = 3;

        /// <summary>Option Observe (RFC 7641 §2).</summary>
        public const int Observe = 6;

        /// <summary>Option Uri-Path.</summary>
        public const int UriPath = 11;

        /// <summary>Option Content-Format.</summary>
        public const int ContentFormat = 12;

        /// <summary>Option Block2 (RFC 7959 §2.1).</summary>
        public const int Block2 = 23;

        /// <summary>
        /// A request of <paramref name="type"/> and <paramref name="code"/> with a 2-byte token, to the
        /// path segments of <paramref name="path"/> (split at '/'), with Observe when <paramref name="observe"/>
        /// is 0 or more, and a text/plain payload when <paramref name="payload"/> is not null.
        /// </summary>
        public static byte[] Request(int type, int code, int messageId, int token, string path, int observe, string payload)
        {
            var bytes = new byte[256];
            bytes[0] = (byte)(0x40 | type << 4 | 2);
            bytes[1] = (byte)code;
            bytes[2] = (byte)(messageId >> 8);
            bytes[3] = (byte)messageId;
            bytes[4] = (byte)(token >> 8);
            bytes[5] = (byte)token;
            int at = 6;
            int last = 0;
            if (observe >= 0)
            {
                at = WriteOption(bytes, at, ref last, Observe, UIntBytes(observe));
            }

            foreach (string segment in path.Split('/'))
            {
                at = WriteOption(bytes, at, ref last, UriPath, Ascii(segment));
            }

            if (payload != null)
            {
                at = WriteOption(bytes, at, ref last, ContentFormat, new byte[0]);
                bytes[at++] = 0xFF;
                byte[] text = Ascii(payload);
                Array.Copy(text, 0, bytes, at, text.Length);
                at += text.Length;
            }

            var datagram = new byte[at];
            Array.Copy(bytes, datagram, at);
            return datagram;
        }

        /// <summary>The endpoint 10.0.<paramref name="id"/>/256.<paramref name="id"/>%256:5683.</summary>
        public static CoapEndpoint Peer(int id)
        {
            var endpoint = new CoapEndpoint();
            endpoint.Set(new byte[] { 10, 0, (byte)(id >> 8), (byte)id, 0x16, 0x33 }, 0, BenchTransport.EndpointLength);
            return endpoint;
        }

        /// <summary>
        /// Null when <paramref name="datagram"/> (<paramref name="length"/> bytes) is a message of
        /// <paramref name="type"/> and <paramref name="code"/> that has option <paramref name="option"/>
        /// (when 0 or more) and a payload of <paramref name="payloadLength"/> bytes (when 0 or more); else what differs.
        /// </summary>
        public static string Check(byte[] datagram, int length, int type, int code, int option, int payloadLength)
        {
            if (length < 4 || (datagram[0] >> 6) != 1)
            {
                return "not a CoAP message (" + length + " bytes)";
            }

            int gotType = (datagram[0] >> 4) & 3;
            if (gotType != type || datagram[1] != code)
            {
                return "type " + gotType + " code " + Dotted(datagram[1]) + ", expected type " + type + " code " + Dotted(code);
            }

            int at = 4 + (datagram[0] & 0x0F);
            int number = 0;
            bool found = false;
            while (at < length && datagram[at] != 0xFF)
            {
                int delta = datagram[at] >> 4;
                int size = datagram[at] & 0x0F;
                at++;
                delta = Extended(datagram, ref at, delta);
                size = Extended(datagram, ref at, size);
                number += delta;
                found |= number == option;
                at += size;
            }

            int payload = at < length ? length - at - 1 : 0;
            if (option >= 0 && !found)
            {
                return "no option " + option;
            }

            if (payloadLength >= 0 && payload != payloadLength)
            {
                return "a payload of " + payload + " bytes, expected " + payloadLength;
            }

            return null;
        }

        private static int Extended(byte[] datagram, ref int at, int nibble)
        {
            if (nibble == 13)
            {
                return 13 + datagram[at++];
            }

            if (nibble == 14)
            {
                int value = 269 + (datagram[at] << 8 | datagram[at + 1]);
                at += 2;
                return value;
            }

            return nibble;
        }

        private static string Dotted(int code)
        {
            return (code >> 5) + "." + (code & 0x1F).ToString("00");
        }

        private static int WriteOption(byte[] bytes, int at, ref int last, int number, byte[] value)
        {
            int delta = number - last;
            last = number;
            int head = at++;
            int deltaNibble = delta < 13 ? delta : 13;
            int lengthNibble = value.Length < 13 ? value.Length : 13;
            bytes[head] = (byte)(deltaNibble << 4 | lengthNibble);
            if (delta >= 13)
            {
                bytes[at++] = (byte)(delta - 13);
            }

            if (value.Length >= 13)
            {
                bytes[at++] = (byte)(value.Length - 13);
            }

            Array.Copy(value, 0, bytes, at, value.Length);
            return at + value.Length;
        }

        private static byte[] UIntBytes(int value)
        {
            if (value == 0)
            {
                return new byte[0];
            }

            return value < 256 ? new[] { (byte)value } : new[] { (byte)(value >> 8), (byte)value };
        }

        private static byte[] Ascii(string text)
        {
            var bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                bytes[i] = (byte)text[i];
            }

            return bytes;
        }
    }
}
