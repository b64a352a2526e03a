using System;
using Coap.Micro;

namespace ThermoDev.Tests.Server
{
    /// <summary>GET/PUT text resource that counts handler runs.</summary>
    public sealed class CountingResource : CoapResource
    {
        private static readonly byte[] RunText = Ascii.Bytes("run ");

        /// <summary>Times any handler ran.</summary>
        public int Runs;

        /// <summary>Creates the resource at <paramref name="path"/>.</summary>
        public CountingResource(string path)
            : base(path, CoapMethods.Get | CoapMethods.Put)
        {
            ContentFormat = CoapContentFormat.TextPlain;
            ResourceType = "test";
        }

        /// <inheritdoc/>
        public override bool Accepts(byte method, int contentFormat)
        {
            return contentFormat == CoapContentFormat.TextPlain || contentFormat == CoapContentFormat.None;
        }

        /// <inheritdoc/>
        public override void Get(CoapMessage request, CoapResponse response)
        {
            Runs++;
            response.SetContentFormat(CoapContentFormat.TextPlain);
            response.AddPayload(RunText);
            response.AddPayloadNumber(Runs);
        }

        /// <inheritdoc/>
        public override void Put(CoapMessage request, CoapResponse response)
        {
            Runs++;
            response.AddPayload(request.Buffer, request.PayloadOffset, request.PayloadLength);
        }
    }

    /// <summary>A resource whose handler throws.</summary>
    public sealed class ThrowingResource : CoapResource
    {
        /// <summary>Creates it at "boom".</summary>
        public ThrowingResource()
            : base("boom", CoapMethods.Get)
        {
        }

        /// <inheritdoc/>
        public override void Get(CoapMessage request, CoapResponse response)
        {
            throw new InvalidOperationException("boom");
        }
    }

    /// <summary>A resource whose representation does not fit the send buffer: GET goes in blocks, the answer to PUT does not fit.</summary>
    public sealed class HugeResource : CoapResource
    {
        private static readonly byte[] Zeros = new byte[4096];

        /// <summary>Creates it at "huge".</summary>
        public HugeResource()
            : base("huge", CoapMethods.Get | CoapMethods.Put)
        {
        }

        /// <inheritdoc/>
        public override void Get(CoapMessage request, CoapResponse response)
        {
            response.AddPayload(Zeros, 0, Zeros.Length);
        }

        /// <inheritdoc/>
        public override void Put(CoapMessage request, CoapResponse response)
        {
            response.AddPayload(Zeros, 0, Zeros.Length);
        }
    }

    /// <summary>A resource whose handler answers with a request code, which is not a response.</summary>
    public sealed class InvalidCodeResource : CoapResource
    {
        /// <summary>Creates it at "bad".</summary>
        public InvalidCodeResource()
            : base("bad", CoapMethods.Get)
        {
        }

        /// <inheritdoc/>
        public override void Get(CoapMessage request, CoapResponse response)
        {
            response.Code = CoapCode.Get;
        }
    }

    /// <summary>A resource whose Content-Format check throws.</summary>
    public sealed class ThrowingCheckResource : CoapResource
    {
        /// <summary>Handler runs.</summary>
        public int Runs;

        /// <summary>Creates it at "picky".</summary>
        public ThrowingCheckResource()
            : base("picky", CoapMethods.Put)
        {
        }

        /// <inheritdoc/>
        public override bool Accepts(byte method, int contentFormat)
        {
            throw new InvalidOperationException("picky");
        }

        /// <inheritdoc/>
        public override void Put(CoapMessage request, CoapResponse response)
        {
            Runs++;
        }
    }

    /// <summary>A resource at the root path "/".</summary>
    public sealed class RootResource : CoapResource
    {
        /// <summary>Creates it at "/".</summary>
        public RootResource()
            : base("/", CoapMethods.Get)
        {
        }

        /// <inheritdoc/>
        public override void Get(CoapMessage request, CoapResponse response)
        {
            response.AddPayloadAscii("root");
        }
    }
}
