using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Coap.Micro;

namespace ThermoDev.HostTests.Conformance
{
    /// <summary>A datagram the server sent, parsed, with where it went: what a test description's checks read.</summary>
    public sealed class Received
    {
        public Received(byte[] bytes, CoapEndpoint to)
        {
            Bytes = bytes;
            To = new CoapEndpoint();
            To.CopyFrom(to);
            var message = new CoapMessage(64);
            Result = message.Parse(bytes, 0, bytes.Length);
            Type = message.Type;
            Code = message.Code;
            MessageId = message.MessageId;
            Token = bytes.AsSpan(message.TokenOffset, message.TokenLength).ToArray();
            Payload = bytes.AsSpan(message.PayloadOffset, message.PayloadLength).ToArray();
            var options = new List<(int, byte[])>();
            for (int i = 0; i < message.OptionCount; i++)
            {
                options.Add((message.GetOptionNumber(i), bytes.AsSpan(message.GetOptionOffset(i), message.GetOptionLength(i)).ToArray()));
            }

            Options = options;
        }

        public byte[] Bytes { get; }

        public CoapEndpoint To { get; }

        public CoapParseResult Result { get; }

        public CoapMessageType Type { get; }

        public byte Code { get; }

        public ushort MessageId { get; }

        public byte[] Token { get; }

        public byte[] Payload { get; }

        public string Text => Encoding.UTF8.GetString(Payload);

        public IReadOnlyList<(int Number, byte[] Value)> Options { get; }

        /// <summary>"2.05" for Content, as the test descriptions write codes.</summary>
        public string CodeText => $"{Code >> 5}.{Code & 0x1F:D2}";

        public bool Has(int option) => Options.Any(o => o.Number == option);

        public byte[] Value(int option) => Options.First(o => o.Number == option).Value;

        public IEnumerable<string> Strings(int option) => Options.Where(o => o.Number == option).Select(o => Encoding.UTF8.GetString(o.Value));

        /// <summary>The value of a uint option (RFC 7252 §3.2), or -1 when absent.</summary>
        public long UInt(int option)
        {
            if (!Has(option))
            {
                return -1;
            }

            long value = 0;
            foreach (byte b in Value(option))
            {
                value = (value << 8) | b;
            }

            return value;
        }

        public override string ToString() => $"{Type} {CodeText} MID {MessageId:X4} token {Convert.ToHexString(Token)}: {Convert.ToHexString(Bytes)}";
    }
}
