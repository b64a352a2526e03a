namespace Coap.Micro
{
    /// <summary>Content-Format identifiers (RFC 7252 §12.3 and later registrations).</summary>
    public static class CoapContentFormat
    {
        /// <summary>text/plain; charset=utf-8 (RFC 7252 §12.3).</summary>
        public const int TextPlain = 0;
        /// <summary>application/link-format (RFC 6690 §7.2).</summary>
        public const int LinkFormat = 40;
        /// <summary>application/xml (RFC 7252 §12.3).</summary>
        public const int Xml = 41;
        /// <summary>application/octet-stream (RFC 7252 §12.3).</summary>
        public const int OctetStream = 42;
        /// <summary>application/exi (RFC 7252 §12.3).</summary>
        public const int Exi = 47;
        /// <summary>application/json (RFC 7252 §12.3).</summary>
        public const int Json = 50;
        /// <summary>application/cbor (RFC 8949 §9.5).</summary>
        public const int Cbor = 60;
        /// <summary>application/senml+json (RFC 8428 §12.3).</summary>
        public const int SenmlJson = 110;
        /// <summary>application/senml+cbor (RFC 8428 §12.3).</summary>
        public const int SenmlCbor = 112;

        /// <summary>Marks "no Content-Format option present" in readers (not a registered value).</summary>
        public const int None = -1;
    }
}
