using System;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Coap.Micro;

namespace ThermoDev.Simulation
{
    /// <summary>
    /// One readable line per exchange, and per message the server sends on its own:
    /// <code>
    /// [::1]:54321 CON GET /temp -> 2.05 25.0
    /// 127.0.0.1:40000 CON PUT /temp "30.5" -> 2.04 Temperature set to 30.5°C
    /// [::1]:54321 CON GET /temp Observe 0 -> 2.05 Observe 2 25.0
    /// [::1]:54321 &lt;- NON 2.05 Observe 3 25.3
    /// [::1]:54321 &lt;- CON 2.05 Observe 7 25.4 (retransmission)
    /// [::1]:54321 ACK
    /// </code>
    /// A request line is the peer, the message type, the method, the path and query, the options that
    /// change the answer (Observe, Accept, Content-Format), the payload in quotes, then after "->" the
    /// answer: its code, Observe, and payload (or RST, an empty ACK, or "no answer"). A line with "&lt;-"
    /// is a message the server sent by itself. Payloads are shown as text with control characters
    /// escaped, cut after <see cref="MaxTextLength"/> characters, or as hex when they are not text.
    /// </summary>
    public static class TraceLineFormatter
    {
        /// <summary>Longest payload text shown; longer text ends in "...".</summary>
        public const int MaxTextLength = 80;

        /// <summary>Most payload bytes shown in hex.</summary>
        public const int MaxHexBytes = 16;

        /// <summary>
        /// The line for a datagram from <paramref name="peer"/> and the server's answer to it
        /// (<paramref name="answer"/> null when it sent none).
        /// </summary>
        public static string Exchange(string peer, CoapMessage received, CoapMessage answer)
        {
            ArgumentNullException.ThrowIfNull(received);
            var line = new StringBuilder(peer).Append(' ');
            if (!received.HasHeader)
            {
                // RFC 7252 §3: too short for a header, or another version: ignored.
                return line.Append(received.Length.ToString(CultureInfo.InvariantCulture)).Append(" bytes, not CoAP version 1 -> ignored").ToString();
            }

            line.Append(TypeName(received.Type));
            bool wellFormed = received.Result == CoapParseResult.Ok;
            if (received.Type == CoapMessageType.Acknowledgement || received.Type == CoapMessageType.Reset)
            {
                // ACK and RST end a message of the server's; they are never answered (RFC 7252 §4.2).
                return wellFormed ? line.ToString() : line.Append(" malformed (").Append(received.Result).Append(')').ToString();
            }

            if (!wellFormed && received.Result != CoapParseResult.TooManyOptions)
            {
                line.Append(" malformed (").Append(received.Result).Append(')');
            }
            else if (received.Code == CoapCode.Empty)
            {
                line.Append(" ping");
            }
            else
            {
                line.Append(' ').Append(CodeName(received.Code));
                if (CoapCode.IsRequest(received.Code))
                {
                    line.Append(' ');
                    AppendPath(line, received);
                    AppendOption(line, received, CoapOption.Observe, "Observe");
                    AppendOption(line, received, CoapOption.Accept, "Accept");
                    AppendOption(line, received, CoapOption.ContentFormat, "Content-Format");
                    if (received.PayloadLength > 0)
                    {
                        line.Append(' ');
                        AppendPayload(line, received, quoted: true);
                    }
                }
            }

            line.Append(" -> ");
            if (answer == null)
            {
                return line.Append("no answer").ToString();
            }

            AppendAnswer(line, answer);
            return line.ToString();
        }

        /// <summary>The line for a message the server sent to <paramref name="peer"/> on its own.</summary>
        public static string Sent(string peer, CoapMessage message, CoapTransmission kind)
        {
            ArgumentNullException.ThrowIfNull(message);
            var line = new StringBuilder(peer).Append(" <- ");
            if (!message.HasHeader)
            {
                line.Append(message.Length.ToString(CultureInfo.InvariantCulture)).Append(" bytes");
            }
            else
            {
                line.Append(TypeName(message.Type)).Append(' ');
                AppendAnswer(line, message);
            }

            switch (kind)
            {
                case CoapTransmission.Retransmission:
                    line.Append(" (retransmission)");
                    break;
                case CoapTransmission.SeparateResponse:
                    line.Append(" (separate response)");
                    break;
            }

            return line.ToString();
        }

        /// <summary>CON, NON, ACK or RST (RFC 7252 §3).</summary>
        public static string TypeName(CoapMessageType type) => type switch
        {
            CoapMessageType.Confirmable => "CON",
            CoapMessageType.NonConfirmable => "NON",
            CoapMessageType.Acknowledgement => "ACK",
            _ => "RST",
        };

        /// <summary>A method's name (RFC 7252 §12.1.1, RFC 8132 §6), or any other code as c.dd.</summary>
        public static string CodeName(byte code) => code switch
        {
            CoapCode.Get => "GET",
            CoapCode.Post => "POST",
            CoapCode.Put => "PUT",
            CoapCode.Delete => "DELETE",
            0x05 => "FETCH",
            0x06 => "PATCH",
            0x07 => "iPATCH",
            _ => Dotted(code),
        };

        private static string Dotted(byte code)
        {
            var text = new byte[4];
            CoapCode.WriteDotted(code, text, 0);
            return Encoding.ASCII.GetString(text);
        }

        // The answer's code (or RST / empty ACK), its Observe value and its payload.
        private static void AppendAnswer(StringBuilder line, CoapMessage answer)
        {
            if (answer.Type == CoapMessageType.Reset)
            {
                line.Append("RST");
                return;
            }

            if (answer.Code == CoapCode.Empty)
            {
                // An empty ACK: the response comes separately, or No-Response asked for none (RFC 7967).
                line.Append(TypeName(answer.Type));
                return;
            }

            line.Append(Dotted(answer.Code));
            AppendOption(line, answer, CoapOption.Observe, "Observe");
            if (answer.PayloadLength > 0)
            {
                line.Append(' ');
                AppendPayload(line, answer, quoted: false);
            }
        }

        // "/temp", "/a/b?x=1&y"; "/" without Uri-Path (RFC 7252 §6.5). Bytes outside printable ASCII as %XX.
        private static void AppendPath(StringBuilder line, CoapMessage message)
        {
            int segments = 0;
            int queries = 0;
            for (int i = 0; i < message.OptionCount; i++)
            {
                int number = message.GetOptionNumber(i);
                if (number == CoapOption.UriPath)
                {
                    line.Append('/');
                    AppendEscapedOption(line, message, i, "/?%");
                    segments++;
                }
            }

            if (segments == 0)
            {
                line.Append('/');
            }

            for (int i = 0; i < message.OptionCount; i++)
            {
                if (message.GetOptionNumber(i) == CoapOption.UriQuery)
                {
                    line.Append(queries++ == 0 ? '?' : '&');
                    AppendEscapedOption(line, message, i, "&%");
                }
            }
        }

        private static void AppendEscapedOption(StringBuilder line, CoapMessage message, int index, string reserved)
        {
            int offset = message.GetOptionOffset(index);
            int length = message.GetOptionLength(index);
            for (int i = 0; i < length; i++)
            {
                byte b = message.Buffer[offset + i];
                if (b > 0x20 && b < 0x7F && reserved.IndexOf((char)b) < 0)
                {
                    line.Append((char)b);
                }
                else
                {
                    line.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }
            }
        }

        private static void AppendOption(StringBuilder line, CoapMessage message, int number, string name)
        {
            int index = message.FindOption(number);
            if (index < 0)
            {
                return;
            }

            line.Append(' ').Append(name).Append(' ');
            if (message.TryGetUInt(index, out uint value))
            {
                line.Append(value.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                line.Append('?');
            }
        }

        private static void AppendPayload(StringBuilder line, CoapMessage message, bool quoted)
        {
            var payload = new ReadOnlySpan<byte>(message.Buffer, message.PayloadOffset, message.PayloadLength);
            uint format = uint.MaxValue;
            message.TryGetUIntOption(CoapOption.ContentFormat, uint.MaxValue, out format);
            bool binary = format == CoapContentFormat.OctetStream || format == CoapContentFormat.Exi
                || format == CoapContentFormat.Cbor || format == CoapContentFormat.SenmlCbor;
            if (binary || !Utf8.IsValid(payload))
            {
                AppendHex(line, payload);
                return;
            }

            string text = Encoding.UTF8.GetString(payload);
            if (quoted)
            {
                line.Append('"');
            }

            int shown = 0;
            foreach (Rune rune in text.EnumerateRunes())
            {
                if (shown == MaxTextLength)
                {
                    line.Append("...");
                    break;
                }

                AppendEscaped(line, rune, quoted);
                shown++;
            }

            if (quoted)
            {
                line.Append('"');
            }
        }

        private static void AppendEscaped(StringBuilder line, Rune rune, bool quoted)
        {
            switch (rune.Value)
            {
                case '\n':
                    line.Append("\\n");
                    return;
                case '\r':
                    line.Append("\\r");
                    return;
                case '\t':
                    line.Append("\\t");
                    return;
                case '\\':
                    line.Append("\\\\");
                    return;
                case '"' when quoted:
                    line.Append("\\\"");
                    return;
            }

            if (Rune.IsControl(rune))
            {
                line.Append("\\x").Append(rune.Value.ToString("x2", CultureInfo.InvariantCulture));
                return;
            }

            line.Append(rune.ToString());
        }

        // <24 bytes: 81 a3 00 64 ...>
        private static void AppendHex(StringBuilder line, ReadOnlySpan<byte> payload)
        {
            line.Append('<').Append(payload.Length.ToString(CultureInfo.InvariantCulture)).Append(" bytes:");
            int shown = Math.Min(payload.Length, MaxHexBytes);
            for (int i = 0; i < shown; i++)
            {
                line.Append(' ').Append(payload[i].ToString("x2", CultureInfo.InvariantCulture));
            }

            if (shown < payload.Length)
            {
                line.Append(" ...");
            }

            line.Append('>');
        }
    }
}
