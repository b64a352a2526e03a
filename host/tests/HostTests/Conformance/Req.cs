using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Coap.Micro;

namespace ThermoDev.HostTests.Conformance
{
    /// <summary>A request as a test description's stimulus writes it: type, method, Message ID, token, options in any order, payload.</summary>
    public sealed class Req
    {
        private readonly List<(int Number, byte[] Value)> _options = new List<(int, byte[])>();
        private byte[] _payload = Array.Empty<byte>();

        private Req(CoapMessageType type, byte code)
        {
            Type = type;
            Code = code;
        }

        public CoapMessageType Type { get; }

        public byte Code { get; }

        public ushort MessageId { get; private set; } = 0x1000;

        public byte[] TokenBytes { get; private set; } = { 0xC0, 0x01 };

        public static Req Con(byte code, string path = null) => new Req(CoapMessageType.Confirmable, code).Path(path);

        public static Req Non(byte code, string path = null) => new Req(CoapMessageType.NonConfirmable, code).Path(path);

        public Req Mid(int messageId)
        {
            MessageId = (ushort)messageId;
            return this;
        }

        public Req Token(params byte[] token)
        {
            TokenBytes = token;
            return this;
        }

        /// <summary>One Uri-Path option per segment of "a/b/c".</summary>
        public Req Path(string path)
        {
            if (path != null)
            {
                foreach (string segment in path.Split('/'))
                {
                    Option(CoapOption.UriPath, segment);
                }
            }

            return this;
        }

        public Req Query(string argument) => Option(CoapOption.UriQuery, argument);

        public Req Option(int number, string value) => Option(number, Encoding.UTF8.GetBytes(value));

        public Req Option(int number, byte[] value)
        {
            _options.Add((number, value));
            return this;
        }

        /// <summary>A uint option in its shortest form (RFC 7252 §3.2).</summary>
        public Req UInt(int number, uint value)
        {
            var bytes = new List<byte>();
            for (uint v = value; v != 0; v >>= 8)
            {
                bytes.Insert(0, (byte)v);
            }

            return Option(number, bytes.ToArray());
        }

        public Req Observe(uint value) => UInt(CoapOption.Observe, value);

        public Req Accept(int format) => UInt(CoapOption.Accept, (uint)format);

        public Req ContentFormat(int format) => UInt(CoapOption.ContentFormat, (uint)format);

        public Req Block2(int num, bool more, int szx) => UInt(CoapOption.Block2, BlockOption.Encode(num, more, szx));

        public Req Block1(int num, bool more, int szx) => UInt(CoapOption.Block1, BlockOption.Encode(num, more, szx));

        public Req Payload(string text) => Payload(Encoding.UTF8.GetBytes(text));

        public Req Payload(byte[] payload)
        {
            _payload = payload;
            return this;
        }

        public byte[] ToBytes()
        {
            var buffer = new byte[2048];
            var writer = new CoapMessageWriter();
            writer.Begin(buffer, 0, buffer.Length, Type, Code, MessageId, TokenBytes, 0, TokenBytes.Length);
            foreach (var option in _options.OrderBy(o => o.Number))
            {
                writer.AddOption(option.Number, option.Value, 0, option.Value.Length);
            }

            if (_payload.Length > 0)
            {
                writer.AddPayload(_payload, 0, _payload.Length);
            }

            if (!writer.IsOk)
            {
                throw new InvalidOperationException("request does not encode: " + writer.Result);
            }

            return buffer[..writer.Length];
        }
    }
}
