using System;
using System.Text;

namespace CoapLoad
{
    /// <summary>
    /// The few CoAP messages the load generator sends and the fields it reads back (RFC 7252 §3), written
    /// by hand so the generator shares no code with the servers it measures.
    /// </summary>
    public static class CoapPacket
    {
        /// <summary>Message types (RFC 7252 §3).</summary>
        public const int Con = 0, Non = 1, Ack = 2, Rst = 3;

        /// <summary>Method codes (RFC 7252 §12.1.1).</summary>
        public const byte Get = 0x01, Put = 0x03;

        /// <summary>Option numbers used here (RFC 7252 §5.10, RFC 7641 §2).</summary>
        public const int ObserveOption = 6, UriPathOption = 11, ContentFormatOption = 12;

        /// <summary>
        /// Writes a request into <paramref name="buffer"/>: header, <paramref name="tokenLength"/> token bytes
        /// (filled in later, they start at byte 4), Observe when 0 or more, one Uri-Path segment, and the
        /// payload as text/plain when there is one. Returns the length.
        /// </summary>
        public static int Request(byte[] buffer, int type, byte method, int messageId, int tokenLength, int observe, string path, byte[] payload)
        {
            int at = 0;
            buffer[at++] = (byte)(0x40 | (type << 4) | tokenLength);
            buffer[at++] = method;
            buffer[at++] = (byte)(messageId >> 8);
            buffer[at++] = (byte)messageId;
            at += tokenLength;
            int last = 0;
            if (observe >= 0)
            {
                at = Option(buffer, at, ObserveOption - last, observe == 0 ? Array.Empty<byte>() : new[] { (byte)observe });
                last = ObserveOption;
            }

            at = Option(buffer, at, UriPathOption - last, Encoding.ASCII.GetBytes(path));
            last = UriPathOption;
            if (payload != null)
            {
                at = Option(buffer, at, ContentFormatOption - last, Array.Empty<byte>());
                buffer[at++] = 0xFF;
                payload.CopyTo(buffer, at);
                at += payload.Length;
            }

            return at;
        }

        /// <summary>An empty ACK of <paramref name="messageId"/> (RFC 7252 §4.2).</summary>
        public static byte[] EmptyAck(int messageId) => new byte[] { 0x60, 0x00, (byte)(messageId >> 8), (byte)messageId };

        /// <summary>The type of a message of at least 4 bytes.</summary>
        public static int TypeOf(ReadOnlySpan<byte> message) => (message[0] >> 4) & 0x3;

        /// <summary>The Message ID.</summary>
        public static int MessageIdOf(ReadOnlySpan<byte> message) => (message[2] << 8) | message[3];

        /// <summary>The token length.</summary>
        public static int TokenLengthOf(ReadOnlySpan<byte> message) => message[0] & 0x0F;

        /// <summary>
        /// Finds the Observe option and the payload of a response; false when it is malformed. Observe is
        /// -1 when absent; the payload is empty when there is none.
        /// </summary>
        public static bool Read(ReadOnlySpan<byte> message, out int observe, out ReadOnlySpan<byte> payload)
        {
            observe = -1;
            payload = ReadOnlySpan<byte>.Empty;
            if (message.Length < 4 || TokenLengthOf(message) > 8)
            {
                return false;
            }

            int at = 4 + TokenLengthOf(message);
            int number = 0;
            while (at < message.Length)
            {
                if (message[at] == 0xFF)
                {
                    payload = message.Slice(at + 1);
                    return true;
                }

                int delta = message[at] >> 4;
                int length = message[at] & 0x0F;
                at++;
                if (!Extended(message, ref at, ref delta) || !Extended(message, ref at, ref length) || at + length > message.Length)
                {
                    return false;
                }

                number += delta;
                if (number == ObserveOption)
                {
                    observe = 0;
                    for (int i = 0; i < length; i++)
                    {
                        observe = (observe << 8) | message[at + i];
                    }
                }

                at += length;
            }

            return true;
        }

        private static bool Extended(ReadOnlySpan<byte> message, ref int at, ref int value)
        {
            if (value == 13)
            {
                if (at >= message.Length)
                {
                    return false;
                }

                value = message[at++] + 13;
            }
            else if (value == 14)
            {
                if (at + 1 >= message.Length)
                {
                    return false;
                }

                value = (message[at] << 8 | message[at + 1]) + 269;
                at += 2;
            }

            return value != 15;
        }

        private static int Option(byte[] buffer, int at, int delta, byte[] value)
        {
            // Deltas and lengths here stay below 13.
            buffer[at++] = (byte)((delta << 4) | value.Length);
            value.CopyTo(buffer, at);
            return at + value.Length;
        }
    }
}
